package dev.loggardener.tracker;

import static dev.loggardener.tracker.Problems.DAY_1;
import static dev.loggardener.tracker.Problems.DAY_2;
import static dev.loggardener.tracker.Problems.fingerprint;
import static dev.loggardener.tracker.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackerPlannerTest {
  private static final TrackerSettings SETTINGS = TrackerSettings.defaults("acme/platform");

  private static RemoteIssue issue(long number, boolean open, char fingerprint) {
    return new RemoteIssue(
        number,
        "https://github.example/acme/platform/issues/" + number,
        open,
        "t",
        Markers.fingerprint(fingerprint(fingerprint)) + "\n" + Markers.period(DAY_1),
        List.of("log-gardener"));
  }

  @Test
  void createsAnIssueWithMarkersAndLabelsWhenNoneCarriesTheFingerprint() {
    TrackerPlan plan =
        new TrackerPlanner(SETTINGS)
            .plan(List.of(problem('a', "Auth down")), DAY_1, Map.of(), Map.of());

    TrackerPlan.Create create = (TrackerPlan.Create) plan.entries().get(0).steps().get(0);
    assertThat(create.title()).isEqualTo("Auth down");
    assertThat(create.labels()).containsExactly("log-gardener", "P0", "service:backend");
    assertThat(Markers.fingerprintOf(create.body())).contains(fingerprint('a'));
    assertThat(Markers.hasPeriod(create.body(), DAY_1)).isTrue();
  }

  @Test
  void commentsTheEvidenceOfANewPeriodOnTheOpenIssue() {
    RemoteIssue open = issue(7, true, 'a');
    TrackerPlan plan =
        new TrackerPlanner(SETTINGS)
            .plan(
                List.of(problem('a', "Auth down")),
                DAY_2,
                Map.of(fingerprint('a'), List.of(open)),
                Map.of(7L, List.of(open.body())));

    assertThat(plan.entries().get(0).verb()).isEqualTo("update");
    TrackerPlan.Comment comment = (TrackerPlan.Comment) plan.entries().get(0).steps().get(0);
    assertThat(Markers.hasPeriod(comment.body(), DAY_2)).isTrue();
    assertThat(comment.regressed()).isFalse();
  }

  @Test
  void writesNothingWhenThePeriodIsAlreadyThereWhateverTheState() {
    RemoteIssue closed = issue(7, false, 'a');
    TrackerPlan plan =
        new TrackerPlanner(SETTINGS)
            .plan(
                List.of(problem('a', "Auth down")),
                DAY_1,
                Map.of(fingerprint('a'), List.of(closed)),
                Map.of(7L, List.of(closed.body())));

    assertThat(plan.writes()).isZero();
    assertThat(plan.entries().get(0).note()).contains("already there");
  }

  @Test
  void reopensAClosedIssueWithARegressedComment() {
    RemoteIssue closed = issue(7, false, 'a');
    TrackerPlan plan =
        new TrackerPlanner(SETTINGS)
            .plan(
                List.of(problem('a', "Auth down")),
                DAY_2,
                Map.of(fingerprint('a'), List.of(closed)),
                Map.of(7L, List.of(closed.body())));

    List<TrackerPlan.Step> steps = plan.entries().get(0).steps();
    assertThat(steps.get(0)).isInstanceOf(TrackerPlan.Reopen.class);
    assertThat(((TrackerPlan.Comment) steps.get(1)).body()).contains("Regressed");
  }

  @Test
  void opensANewIssueReferringToTheClosedOneWhenReopeningIsOff() {
    RemoteIssue closed = issue(7, false, 'a');
    TrackerPlan plan =
        new TrackerPlanner(new TrackerSettings("acme/platform", "log-gardener", false, 10))
            .plan(
                List.of(problem('a', "Auth down")),
                DAY_2,
                Map.of(fingerprint('a'), List.of(closed)),
                Map.of(7L, List.of(closed.body())));

    TrackerPlan.Create create = (TrackerPlan.Create) plan.entries().get(0).steps().get(0);
    assertThat(create.body()).contains("Regression of #7");
  }

  @Test
  void followsTheLowestOpenIssueAndNamesTheOtherOpenOnes() {
    TrackerPlan plan =
        new TrackerPlanner(SETTINGS)
            .plan(
                List.of(problem('a', "Auth down")),
                DAY_2,
                Map.of(
                    fingerprint('a'),
                    List.of(issue(9, true, 'a'), issue(3, false, 'a'), issue(5, true, 'a'))),
                Map.of());

    assertThat(plan.entries().get(0).issue().number()).isEqualTo(5);
    assertThat(plan.entries().get(0).note()).contains("#9");
    assertThat(plan.creations()).isZero();
  }

  @Test
  void stopsCreatingAtTheCapAndSaysSo() {
    TrackerPlan plan =
        new TrackerPlanner(new TrackerSettings("acme/platform", "log-gardener", true, 1))
            .plan(List.of(problem('a', "A"), problem('b', "B")), DAY_1, Map.of(), Map.of());

    assertThat(plan.creations()).isEqualTo(1);
    assertThat(plan.entries().get(1).verb()).isEqualTo("skip");
    assertThat(plan.entries().get(1).note()).contains("cap of 1");
  }

  @Test
  void crossLinksProblemsSharingATraceOnceFromTheMoreUrgent() {
    Problem a = problem('a', "A", Set.of("trace:t1"), List.of());
    Problem b = problem('b', "B", Set.of("trace:t1", "token:x_y"), List.of());
    TrackerPlan plan = new TrackerPlanner(SETTINGS).plan(List.of(a, b), DAY_1, Map.of(), Map.of());

    assertThat(plan.links()).hasSize(1);
    assertThat(plan.links().get(0).from()).isEqualTo(a);
    assertThat(plan.links().get(0).toFingerprint()).isEqualTo(b.fingerprint());
    assertThat(plan.links().get(0).reason()).isEqualTo("same trace");
  }

  @Test
  void doesNotLinkAgainWhenEitherSideAlreadyNamesTheOther() {
    Problem a = problem('a', "A", Set.of("trace:t1"), List.of());
    Problem b = problem('b', "B", Set.of("trace:t1"), List.of());
    RemoteIssue ia = issue(1, true, 'a');
    RemoteIssue ib = issue(2, true, 'b');
    TrackerPlan plan =
        new TrackerPlanner(SETTINGS)
            .plan(
                List.of(b, a),
                DAY_1,
                Map.of(fingerprint('a'), List.of(ia), fingerprint('b'), List.of(ib)),
                Map.of(
                    1L,
                    List.of(ia.body(), IssueText.crossLink(fingerprint('b'), "#2", "same trace")),
                    2L,
                    List.of(ib.body())));

    assertThat(plan.links()).isEmpty();
    assertThat(plan.writes()).isZero();
  }

  @Test
  void linksAMemberFingerprintThatHasItsOwnIssue() {
    Problem a = problem('a', "A", Set.of(), List.of(fingerprint('c')));
    RemoteIssue ic = issue(4, true, 'c');
    TrackerPlan plan =
        new TrackerPlanner(SETTINGS)
            .plan(List.of(a), DAY_1, Map.of(fingerprint('c'), List.of(ic)), Map.of());

    assertThat(plan.links()).hasSize(1);
    assertThat(plan.links().get(0).toIssue()).isEqualTo(ic);
    assertThat(plan.links().get(0).reason()).contains("now grouped in this problem");
  }

  @Test
  void ignoresAKeySharedByTooManyProblems() {
    List<Problem> many =
        List.of('a', 'b', 'c', 'd', 'e').stream()
            .map(c -> problem(c, "P" + c, Set.of("token:common_word"), List.of()))
            .toList();
    TrackerPlan plan = new TrackerPlanner(SETTINGS).plan(many, DAY_1, Map.of(), Map.of());

    assertThat(many).hasSizeGreaterThan(TrackerPlanner.MAX_SHARING_PROBLEMS);
    assertThat(plan.links()).isEmpty();
  }
}
