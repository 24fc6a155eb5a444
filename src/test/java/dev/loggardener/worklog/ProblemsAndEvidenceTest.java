package dev.loggardener.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What makes a category a problem, baseline honesty, the suspect revision and the failure share of
 * a request route.
 */
class ProblemsAndEvidenceTest {
  private static final Instant BASELINE = Instant.parse("2026-11-01T00:00:00Z");
  private static final String OLD = "netra-backend-staging-00041-old";
  private static final String BAD = "netra-backend-staging-00042-bad";

  private static Worklog build(
      List<Map<String, Object>> current,
      List<Map<String, Object>> previous,
      Instant earliestStored,
      WorklogRules rules) {
    return new WorklogBuilder(new WorklogSettings(10, 10, 1000, rules))
        .build(
            ExampleRows.PERIOD,
            current.stream().map(IssueWindow::fromColumns).toList(),
            previous.stream().map(IssueWindow::fromColumns).toList(),
            Map.of(),
            earliestStored,
            "test",
            ExampleRows.END);
  }

  private static Category only(Worklog worklog, String title) {
    return worklog.categories().stream()
        .filter(c -> c.title().equals(title))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void withoutABaselineNothingIsNewAndNoPriorityIsRaisedForNovelty() {
    List<Map<String, Object>> rows =
        List.of(
            new ExampleRows.Row("error", "ERROR", "Payment failed", "Payment failed")
                .logger("pay")
                .pane(3, "2026-11-28T09:00:00Z"),
            new ExampleRows.Row("info", "INFO", "Cart loaded", "Cart loaded")
                .logger("cart")
                .pane(40, "2026-11-28T09:00:00Z"));

    Worklog worklog = build(rows, List.of(), ExampleRows.PERIOD.from(), WorklogRules.none());
    String md = MarkdownRenderer.render(worklog);

    Category error = only(worklog, "Payment failed");
    assertThat(worklog.baseline()).isFalse();
    assertThat(error.trend()).isEqualTo(Trend.NO_BASELINE);
    assertThat(error.priority()).isEqualTo(Priority.P1);
    assertThat(error.priorityReasons()).containsExactly("severity ERROR: P1");
    assertThat(only(worklog, "Cart loaded").problem()).isFalse();
    assertThat(md)
        .contains("**Baseline:** none - the store holds nothing before this period")
        .contains("**1 problem, 1 need attention (P0-P1)**, among 2 kinds of log activity")
        .doesNotContain(", new", "| new", "raised", "back after quiet");
    assertThat(JsonParser.parseString(JsonRenderer.render(worklog)).getAsJsonObject())
        .satisfies(json -> assertThat(json.get("baseline").getAsBoolean()).isFalse());
  }

  @Test
  void withABaselineANewInfoTemplateIsAProblemAndANewErrorIsRaised() {
    List<Map<String, Object>> rows =
        List.of(
            new ExampleRows.Row("error", "ERROR", "Payment failed", "Payment failed")
                .logger("pay")
                .pane(3, "2026-11-28T09:00:00Z"),
            new ExampleRows.Row("info", "INFO", "Cart loaded", "Cart loaded")
                .logger("cart")
                .pane(40, "2026-11-28T09:00:00Z"),
            new ExampleRows.Row("steady", "INFO", "Tick", "Tick")
                .logger("clock")
                .pane(10, "2026-11-28T09:00:00Z"));
    List<Map<String, Object>> previous =
        List.of(
            new ExampleRows.Row("steady", "INFO", "Tick", "Tick")
                .logger("clock")
                .pane(10, "2026-11-27T09:00:00Z"));

    Worklog worklog = build(rows, previous, BASELINE, WorklogRules.none());

    assertThat(worklog.baseline()).isTrue();
    assertThat(only(worklog, "Payment failed").priority()).isEqualTo(Priority.P0);
    assertThat(only(worklog, "Cart loaded").problem()).isTrue();
    assertThat(only(worklog, "Cart loaded").problemReasons())
        .containsExactly("new against the baseline");
    assertThat(only(worklog, "Tick").problem()).isFalse();
    assertThat(MarkdownRenderer.render(worklog)).contains("**Compared With:** the previous");
  }

  @Test
  void anInfoTemplateRisingSharplyOrFlaggedByARuleIsAProblem() {
    List<Map<String, Object>> rows =
        List.of(
            new ExampleRows.Row("rising", "INFO", "Retrying upstream", "Retrying upstream")
                .logger("http")
                .pane(40, "2026-11-28T09:00:00Z"),
            new ExampleRows.Row("known", "INFO", "Cache warmed", "Cache warmed")
                .logger("cache")
                .pane(5, "2026-11-28T09:00:00Z"));
    List<Map<String, Object>> previous =
        List.of(
            new ExampleRows.Row("rising", "INFO", "Retrying upstream", "Retrying upstream")
                .logger("http")
                .pane(10, "2026-11-27T09:00:00Z"),
            new ExampleRows.Row("known", "INFO", "Cache warmed", "Cache warmed")
                .logger("cache")
                .pane(5, "2026-11-27T09:00:00Z"));
    WorklogRules rules =
        WorklogRules.parse(
            "version: 1\nrules:\n  - id: cache-warming\n    description: d\n"
                + "    match: {template: Cache warmed}\n    title: Cache warming\n",
            "test");

    Worklog worklog = build(rows, previous, BASELINE, rules);

    assertThat(only(worklog, "Retrying upstream").problemReasons())
        .containsExactly("rising sharply: 40 against 10");
    assertThat(only(worklog, "Cache warming").problemReasons())
        .containsExactly("rule cache-warming");
    assertThat(worklog.routine()).isEmpty();
  }

  @Test
  void listsTheBusiestRoutineActivityAndCountsTheRestInOneLine() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(
          new ExampleRows.Row("r" + i, "INFO", "Routine kind" + " x".repeat(i) + " done", "m")
              .logger("module" + i)
              .pane(100 - i, "2026-11-28T09:00:00Z"));
    }

    Worklog worklog = build(rows, List.of(), null, WorklogRules.none());
    String md = MarkdownRenderer.render(worklog);

    assertThat(worklog.problems()).isEmpty();
    assertThat(worklog.routineListed()).hasSize(WorklogSettings.DEFAULT_MAX_ROUTINE);
    assertThat(worklog.routineListed().get(0).total()).isEqualTo(100);
    assertThat(md)
        .contains("## Routine Activity")
        .contains("| `Routine kind done` | `netra-backend-staging` | 100 |")
        .contains("5 more kinds of routine activity with 415 entries in all")
        .contains("**0 problems, 0 need attention (P0-P1)**, among 20 kinds of log activity")
        .doesNotContain("## Issue #");
    JsonObject json = JsonParser.parseString(JsonRenderer.render(worklog)).getAsJsonObject();
    assertThat(json.getAsJsonArray("categories")).hasSize(20);
    assertThat(json.getAsJsonObject("totals").get("routine").getAsInt()).isEqualTo(20);
  }

  /** Both revisions serve all day; {@link #BAD} starts at 08:00, after {@link #OLD}. */
  private static List<Map<String, Object>> traffic() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int hour = 0; hour < 12; hour++) {
      String at = String.format("2026-11-28T%02d:00:10Z", hour);
      rows.add(
          new ExampleRows.Row("traffic-old", "INFO", "Served", "Served")
              .logger("web")
              .versions(OLD)
              .pane(50, at));
      if (hour >= 8) {
        rows.add(
            new ExampleRows.Row("traffic-bad", "INFO", "Served ok", "Served ok")
                .logger("web2")
                .versions(BAD)
                .pane(50, String.format("2026-11-28T%02d:00:05Z", hour)));
      }
    }
    return rows;
  }

  @Test
  void findsARegressionPlantedInOneNewRevisionAsSuspect() {
    List<Map<String, Object>> rows = new ArrayList<>(traffic());
    for (int minute = 3; minute < 13; minute++) {
      rows.add(
          new ExampleRows.Row("regression", "ERROR", "Null basket", "Null basket")
              .logger("basket")
              .versions(BAD)
              .pane(2, String.format("2026-11-28T08:%02d:05Z", minute)));
    }

    Worklog worklog = build(rows, List.of(), BASELINE, WorklogRules.none());
    Category regression = only(worklog, "Null basket");

    RevisionEvidence.Suspect suspect = regression.revisions().suspect();
    assertThat(suspect).isNotNull();
    assertThat(suspect.revision()).isEqualTo(BAD);
    assertThat(suspect.reason()).isEqualTo("only_revision");
    assertThat(suspect.afterRevisionStart()).isEqualTo(Duration.ofMinutes(3));
    assertThat(regression.revisions().shares())
        .containsExactly(new RevisionEvidence.Share(BAD, 20, 1.0));
    assertThat(MarkdownRenderer.render(worklog))
        .contains(
            "- **Suspect revision:** only in revision `"
                + BAD
                + "` (of 2 revisions serving the service), first seen 3 min after that"
                + " revision's first entry")
        .contains("- **Revisions:** `" + BAD + "` 20 (100.0 %)");
  }

  @Test
  void findsANewRevisionCarryingNinetyPercentAsSuspect() {
    List<Map<String, Object>> rows = new ArrayList<>(traffic());
    for (int minute = 3; minute < 22; minute++) {
      rows.add(
          new ExampleRows.Row("regression", "ERROR", "Null basket", "Null basket")
              .logger("basket")
              .versions(BAD)
              .pane(1, String.format("2026-11-28T08:%02d:05Z", minute)));
    }
    rows.add(
        new ExampleRows.Row("regression", "ERROR", "Null basket", "Null basket")
            .logger("basket")
            .versions(OLD)
            .pane(1, "2026-11-28T10:30:05Z"));

    Category regression =
        only(build(rows, List.of(), BASELINE, WorklogRules.none()), "Null basket");

    assertThat(regression.revisions().suspect().reason()).isEqualTo("new_revision");
    assertThat(regression.revisions().suspect().share()).isEqualTo(0.95);
  }

  @Test
  void countsARevisionAsNewOnlyWithinTheLookBack() {
    List<Map<String, Object>> current = new ArrayList<>();
    List<Map<String, Object>> previous = new ArrayList<>();
    previous.add(
        new ExampleRows.Row("traffic-old", "INFO", "Served", "Served")
            .logger("web")
            .versions(OLD)
            .pane(50, "2026-11-27T00:00:10Z"));
    previous.add(
        new ExampleRows.Row("traffic-bad", "INFO", "Served ok", "Served ok")
            .logger("web2")
            .versions(BAD)
            .pane(50, "2026-11-27T06:00:10Z"));
    for (int minute = 0; minute < 19; minute++) {
      current.add(
          new ExampleRows.Row("regression", "ERROR", "Null basket", "Null basket")
              .logger("basket")
              .versions(BAD)
              .pane(1, String.format("2026-11-28T08:%02d:05Z", minute)));
    }
    current.add(
        new ExampleRows.Row("regression", "ERROR", "Null basket", "Null basket")
            .logger("basket")
            .versions(OLD)
            .pane(1, "2026-11-28T09:30:05Z"));
    RevisionAnalyzer withoutLookBack =
        new RevisionAnalyzer(rows(current), rows(previous), ExampleRows.PERIOD, Duration.ZERO);
    RevisionAnalyzer withLookBack =
        new RevisionAnalyzer(
            rows(current), rows(previous), ExampleRows.PERIOD, Duration.ofHours(12));
    List<FingerprintSummary> members =
        FingerprintSummarizer.summarize(rows(current), ExampleRows.PERIOD);

    assertThat(withoutLookBack.evidence(members, 20).suspect()).isNull();
    assertThat(withLookBack.evidence(members, 20).suspect().revision()).isEqualTo(BAD);
  }

  private static List<IssueWindow> rows(List<Map<String, Object>> columns) {
    return columns.stream().map(IssueWindow::fromColumns).toList();
  }

  @Test
  void namesNoSuspectForARegressionSpreadOverAllRevisions() {
    List<Map<String, Object>> rows = new ArrayList<>(traffic());
    for (int hour = 8; hour < 12; hour++) {
      for (String revision : List.of(OLD, BAD)) {
        rows.add(
            new ExampleRows.Row("spread", "ERROR", "Database timeout", "Database timeout")
                .logger("db")
                .versions(revision)
                .pane(5, String.format("2026-11-28T%02d:%02d:30Z", hour, revision == OLD ? 1 : 2)));
      }
    }

    Worklog worklog = build(rows, List.of(), null, WorklogRules.none());
    Category spread = only(worklog, "Database timeout");

    assertThat(spread.revisions().suspect()).isNull();
    assertThat(spread.revisions().revisions()).containsExactly(OLD, BAD);
    assertThat(spread.impact()).contains("spread over 2 revisions");
    assertThat(MarkdownRenderer.render(worklog)).doesNotContain("Suspect revision");
  }

  @Test
  void givesTheExactFailureShareOfAFailingRouteAmongHealthyOnes() {
    List<Map<String, Object>> rows =
        List.of(
            new ExampleRows.Row("cart-503", "ERROR", "GET /cart/<NUM> 503", "GET /cart/7 503")
                .logger("access")
                .statuses("5xx", 219L)
                .pane(219, "2026-11-28T09:00:00Z"),
            new ExampleRows.Row("cart-200", "INFO", "GET /cart/<NUM> 200", "GET /cart/7 200")
                .logger("access")
                .statuses("2xx", 3_067L)
                .pane(3_067, "2026-11-28T09:00:00Z"),
            new ExampleRows.Row("home-200", "INFO", "GET /home 200", "GET /home 200")
                .logger("access")
                .statuses("2xx", 900L)
                .pane(900, "2026-11-28T09:00:00Z"));

    Worklog worklog = build(rows, List.of(), null, WorklogRules.none());
    Category failing = worklog.problems().get(0);

    assertThat(worklog.problems()).hasSize(1);
    assertThat(failing.routeFailure())
        .isEqualTo(new RouteFailure("GET /cart/<NUM> <STATUS>", ExampleRows.BACKEND, 219, 3_286));
    assertThat(failing.routeFailure().percent()).isEqualTo("6.7 %");
    assertThat(failing.impact()).contains("219 of 3,286 requests to the route failed (5xx, 6.7 %)");
    assertThat(MarkdownRenderer.render(worklog))
        .contains(
            "- **Failing route:** 219 of 3,286 `GET /cart/<NUM> <STATUS>` requests returned 5xx,"
                + " 6.7 %");
    JsonObject route =
        JsonParser.parseString(JsonRenderer.render(worklog))
            .getAsJsonObject()
            .getAsJsonArray("categories")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("route_failure");
    assertThat(route.get("failed").getAsLong()).isEqualTo(219);
    assertThat(route.get("requests").getAsLong()).isEqualTo(3_286);
    assertThat(route.get("failure_share").getAsDouble()).isEqualTo(0.0666);
  }
}
