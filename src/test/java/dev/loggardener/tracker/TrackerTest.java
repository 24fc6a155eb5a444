package dev.loggardener.tracker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.loggardener.tracker.Problems.DAY_1;
import static dev.loggardener.tracker.Problems.DAY_2;
import static dev.loggardener.tracker.Problems.fingerprint;
import static dev.loggardener.tracker.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.github.GitHubFake;
import dev.loggardener.github.GitHubRestClient;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.store.DuckDbTrackerLinks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker step against a local server speaking GitHub's REST shapes, with a DuckDB store. */
class TrackerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-09-12T06:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private GitHubFake github;
  private DuckDbStore store;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    github = new GitHubFake();
    store = DuckDbStore.open(dir.resolve("g.duckdb"));
  }

  @AfterEach
  void stop() throws Exception {
    store.close();
    github.close();
  }

  private Tracker tracker(TrackerSettings settings, String token) {
    GitHubRestClient client =
        new GitHubRestClient(
            github.api(),
            GitHubFake.REPOSITORY,
            token,
            new GitHubRestClient.Pacing(Duration.ZERO, Duration.ofMinutes(15), Duration.ZERO),
            waits::add,
            CLOCK);
    return new Tracker(client, new DuckDbTrackerLinks(store), settings, CLOCK);
  }

  private Tracker tracker() {
    return tracker(TrackerSettings.defaults(GitHubFake.REPOSITORY), GitHubFake.TOKEN);
  }

  @Test
  void createsTheProblemsAndASecondRunOfThePeriodWritesNothing() throws Exception {
    List<Problem> problems = List.of(problem('a', "Auth down"), problem('b', "Race"));

    Tracker.Result first = tracker().run(problems, DAY_1, true);
    int writesAfterFirst = github.writes();
    Tracker.Result second = tracker().run(problems, DAY_1, true);

    assertThat(first.outcomes())
        .extracting(Tracker.Outcome::action)
        .containsExactly("created", "created");
    assertThat(github.issues()).hasSize(2);
    assertThat(github.issues().get(0).labels)
        .containsExactly("log-gardener", "P0", "service:backend");
    assertThat(writesAfterFirst).isEqualTo(2);
    assertThat(second.outcomes())
        .extracting(Tracker.Outcome::action)
        .containsExactly("up to date", "up to date");
    assertThat(github.writes()).isEqualTo(writesAfterFirst);
    assertThat(second.rows()).isZero();
    assertThat(new DuckDbTrackerLinks(store).latest(GitHubFake.REPOSITORY))
        .containsOnlyKeys(fingerprint('a'), fingerprint('b'));
  }

  @Test
  void findsAnExistingIssueByItsMarkerAndCommentsTheNewPeriodOnce() throws Exception {
    github.pageBy(1);
    github.add("unrelated", "no marker", "open", "log-gardener");
    github.add(
        "Auth down",
        Markers.fingerprint(fingerprint('a')) + "\n" + Markers.period(DAY_1),
        "open",
        "log-gardener");

    Tracker.Result result = tracker().run(List.of(problem('a', "Auth down")), DAY_2, true);
    tracker().run(List.of(problem('a', "Auth down")), DAY_2, true);

    assertThat(result.outcomes().get(0).action()).isEqualTo("updated");
    assertThat(result.outcomes().get(0).issue().number()).isEqualTo(2);
    assertThat(github.issues()).hasSize(2);
    assertThat(github.issues().get(1).comments).hasSize(1);
    assertThat(github.issues().get(1).comments.get(0)).contains("Evidence from 2025-09-12");
  }

  @Test
  void reopensAClosedIssueWhoseFingerprintReturns() throws Exception {
    github.add(
        "Auth down",
        Markers.fingerprint(fingerprint('a')) + "\n" + Markers.period(DAY_1),
        "closed",
        "log-gardener");

    Tracker.Result result = tracker().run(List.of(problem('a', "Auth down")), DAY_2, true);

    assertThat(result.outcomes().get(0).action()).isEqualTo("reopened");
    assertThat(github.issues().get(0).state).isEqualTo("open");
    assertThat(github.issues().get(0).comments.get(0)).contains("Regressed");
  }

  @Test
  void crossLinksRelatedProblemsOnceAcrossRuns() throws Exception {
    List<Problem> problems =
        List.of(
            problem('a', "A", Set.of("token:auth_service_unreachable"), List.of()),
            problem('b', "B", Set.of("token:auth_service_unreachable"), List.of()));

    Tracker.Result first = tracker().run(problems, DAY_1, true);
    Tracker.Result second = tracker().run(problems, DAY_2, true);

    assertThat(first.linkLines())
        .containsExactly("linked #1 to #2 (same error code auth_service_unreachable)");
    assertThat(second.linkLines()).isEmpty();
    assertThat(
            github.issues().get(0).comments.stream().filter(c -> c.contains("Related problem: #2")))
        .hasSize(1);
  }

  @Test
  void waitsOutARateLimitAndThenSucceeds() throws Exception {
    github
        .server()
        .stubFor(
            post(urlPathEqualTo("/repos/acme/platform/issues"))
                .atPriority(1)
                .inScenario("limited")
                .whenScenarioStateIs("Started")
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withHeader("Retry-After", "7")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit\"}"))
                .willSetStateTo("served"));

    Tracker.Result result = tracker().run(List.of(problem('a', "A")), DAY_1, true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.outcomes().get(0).action()).isEqualTo("created");
    assertThat(waits).contains(Duration.ofSeconds(7));
    assertThat(github.issues()).hasSize(1);
  }

  @Test
  void reportsARefusedProblemInOneLineAndGoesOnWithTheRest() throws Exception {
    github
        .server()
        .stubFor(
            post(urlPathEqualTo("/repos/acme/platform/issues"))
                .atPriority(1)
                .inScenario("refused")
                .whenScenarioStateIs("Started")
                .willReturn(
                    aResponse()
                        .withStatus(422)
                        .withBody(
                            "{\"message\":\"Validation Failed\",\"errors\":[{\"field\":\"labels\","
                                + "\"code\":\"invalid\"}]}"))
                .willSetStateTo("served"));

    Tracker.Result result =
        tracker().run(List.of(problem('a', "A"), problem('b', "B")), DAY_1, true);

    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0))
        .startsWith("P0 aaaaaaaaaaaa \"A\": create issue: 422 unprocessable")
        .contains("labels invalid")
        .doesNotContain("\n");
    assertThat(result.outcomes())
        .extracting(Tracker.Outcome::action)
        .containsExactly("failed", "created");
  }

  @Test
  void stopsBeforeWritingWhenTheTokenIsRefused() {
    Tracker tracker = tracker(TrackerSettings.defaults(GitHubFake.REPOSITORY), "ghp_wrong");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> tracker.run(List.of(problem('a', "A")), DAY_1, true))
        .isInstanceOf(TrackerException.class)
        .hasMessageContaining("401 unauthorized")
        .hasMessageContaining("Bad credentials");
    assertThat(github.writes()).isZero();
  }

  @Test
  void reportsA404OnOneCommentAndUpdatesTheOthers() throws Exception {
    github.add("A", Markers.fingerprint(fingerprint('a')), "open", "log-gardener");
    github.add("B", Markers.fingerprint(fingerprint('b')), "open", "log-gardener");
    github
        .server()
        .stubFor(
            post(urlPathMatching("/repos/acme/platform/issues/1/comments"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

    Tracker.Result result =
        tracker().run(List.of(problem('a', "A"), problem('b', "B")), DAY_1, true);

    assertThat(result.errors()).singleElement().asString().contains("404 not found");
    assertThat(result.outcomes())
        .extracting(Tracker.Outcome::action)
        .containsExactly("failed", "updated");
  }

  @Test
  void createsNoMoreThanTheCapAndFilesTheRestNextRun() throws Exception {
    TrackerSettings capped = new TrackerSettings(GitHubFake.REPOSITORY, "log-gardener", true, 1);
    List<Problem> problems = List.of(problem('a', "A"), problem('b', "B"), problem('c', "C"));

    Tracker.Result first = tracker(capped, GitHubFake.TOKEN).run(problems, DAY_1, true);
    Tracker.Result second = tracker(capped, GitHubFake.TOKEN).run(problems, DAY_1, true);

    assertThat(first.outcomes())
        .extracting(Tracker.Outcome::action)
        .containsExactly("created", "not filed", "not filed");
    assertThat(second.outcomes())
        .extracting(Tracker.Outcome::action)
        .containsExactly("up to date", "created", "not filed");
    assertThat(github.issues()).hasSize(2);
  }

  @Test
  void aDryRunSendsNoWritingRequestAndRecordsNothing() throws Exception {
    github.add("A", Markers.fingerprint(fingerprint('a')), "closed", "log-gardener");
    List<Problem> problems =
        List.of(
            problem('a', "A", Set.of("trace:t"), List.of()),
            problem('b', "B", Set.of("trace:t"), List.of()));

    Tracker.Result result = tracker().run(problems, DAY_2, false);

    assertThat(result.outcomes())
        .extracting(Tracker.Outcome::action)
        .containsExactly("would reopen", "would create");
    assertThat(result.linkLines())
        .containsExactly("would link #1 to new issue of bbbbbbbbbbbb (same trace)");
    assertThat(github.requests()).isPositive();
    assertThat(github.writes()).isZero();
    assertThat(new DuckDbTrackerLinks(store).latest(GitHubFake.REPOSITORY)).isEmpty();
  }

  @Test
  void findsTheLinkedIssueAgainAfterItsLabelWasRemoved() throws Exception {
    tracker().run(List.of(problem('a', "A")), DAY_1, true);
    github.issues().get(0).labels.clear();

    Tracker.Result result = tracker().run(List.of(problem('a', "A")), DAY_2, true);

    assertThat(result.outcomes().get(0).action()).isEqualTo("updated");
    assertThat(github.issues()).hasSize(1);
  }
}
