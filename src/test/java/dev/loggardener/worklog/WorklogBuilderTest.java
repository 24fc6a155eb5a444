package dev.loggardener.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorklogBuilderTest {
  private static final String NOW = "2026-11-28T10:00:00Z";
  private static final String BEFORE = "2026-11-27T10:00:00Z";

  /** Start of a store that holds data from before the period. */
  private static final Instant BASELINE = Instant.parse("2026-11-01T00:00:00Z");

  private static Worklog build(
      String severity, long count, long previous, boolean seenBefore, String ruleYaml) {
    ExampleRows.Row row =
        new ExampleRows.Row("one", severity, "Something broke", "Something broke");
    List<IssueWindow> current = List.of(IssueWindow.fromColumns(row.pane(count, NOW)));
    List<IssueWindow> earlier =
        previous == 0 ? List.of() : List.of(IssueWindow.fromColumns(row.pane(previous, BEFORE)));
    Map<String, Instant> firstSeen =
        Map.of(
            ExampleRows.fingerprint("one"),
            seenBefore ? Instant.parse("2026-11-01T00:00:00Z") : Instant.parse(NOW));
    WorklogRules rules =
        ruleYaml.isEmpty()
            ? WorklogRules.none()
            : WorklogRules.parse(
                "version: 1\nrules:\n  - id: r\n    description: d\n    match: {template: broke}\n    "
                    + ruleYaml.replace(";", "\n    "),
                "test");
    return new WorklogBuilder(new WorklogSettings(10, 10, 1000, rules))
        .build(ExampleRows.PERIOD, current, earlier, firstSeen, BASELINE, "test", ExampleRows.END);
  }

  @ParameterizedTest(name = "{0} x{1} (prev {2}, seen before {3}) {4} -> {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CRITICAL | 5 | 5 | true | '' | P0",
        "ERROR | 5 | 5 | true | '' | P1",
        "ERROR | 5 | 0 | false | '' | P0",
        "ERROR | 5 | 0 | true | '' | P0",
        "ERROR | 5 | 20 | true | '' | P1",
        "WARNING | 5 | 5 | true | '' | P2",
        "WARNING | 9 | 5 | true | '' | P1",
        "WARNING | 1000 | 1000 | true | '' | P1",
        "INFO | 5 | 0 | false | '' | P3",
        "INFO | 5000 | 10 | true | '' | P3",
        "DEBUG | 5 | 5 | true | '' | P4",
        "ERROR | 5 | 0 | false | priority_at_most: P3 | P3",
        "INFO | 5 | 5 | true | priority_at_least: P1 | P1",
        "WARNING | 5 | 5 | true | priority_at_least: P3;priority_at_most: P3 | P3",
        "CRITICAL | 5 | 0 | false | expected: true | P4"
      })
  void prioritizesBySeverityNoveltyVolumeAndRules(
      String severity,
      long count,
      long previous,
      boolean seenBefore,
      String rule,
      Priority expected) {
    Category category = build(severity, count, previous, seenBefore, rule).categories().get(0);

    assertThat(category.priority()).isEqualTo(expected);
    assertThat(category.priorityReasons()).isNotEmpty();
  }

  @Test
  void listsFingerprintsOfThePreviousPeriodThatStoppedAsResolved() {
    ExampleRows.Row gone = new ExampleRows.Row("gone", "ERROR", "Gone <NUM>", "Gone 1");
    ExampleRows.Row stays = new ExampleRows.Row("stays", "ERROR", "Stays", "Stays");
    Worklog worklog =
        new WorklogBuilder(WorklogSettings.defaults(WorklogRules.none()))
            .build(
                ExampleRows.PERIOD,
                List.of(IssueWindow.fromColumns(stays.pane(1, NOW))),
                List.of(
                    IssueWindow.fromColumns(gone.pane(4, BEFORE)),
                    IssueWindow.fromColumns(stays.pane(1, BEFORE))),
                Map.of(),
                BASELINE,
                "test",
                ExampleRows.END);

    assertThat(worklog.resolved())
        .containsExactly(
            new Worklog.Resolved(
                ExampleRows.fingerprint("gone"), "Gone <NUM>", ExampleRows.BACKEND, "ERROR", 4));
  }

  @Test
  void detailsAtMostTheConfiguredNumberAndListsTheRestInPriorityOrder() {
    List<IssueWindow> rows = new ArrayList<>();
    String[] severities = {"INFO", "ERROR", "WARNING", "CRITICAL", "INFO"};
    for (int i = 0; i < severities.length; i++) {
      rows.add(
          IssueWindow.fromColumns(
              new ExampleRows.Row("f" + i, severities[i], "Template " + i, "Message " + i)
                  .logger("module" + i)
                  .pane(i + 1, "2026-11-28T0" + i + ":00:00Z")));
    }
    Worklog worklog =
        new WorklogBuilder(new WorklogSettings(2, 2, 1000, WorklogRules.none()))
            .build(ExampleRows.PERIOD, rows, List.of(), Map.of(), null, "test", ExampleRows.END);

    assertThat(worklog.detailed())
        .extracting(Category::title)
        .containsExactly("Template 3", "Template 1");
    assertThat(worklog.listed()).extracting(Category::title).containsExactly("Template 2");
    assertThat(worklog.unlisted()).isZero();
    assertThat(worklog.routine())
        .extracting(Category::title)
        .containsExactly("Template 4", "Template 0");
    assertThat(MarkdownRenderer.render(worklog))
        .contains(
            "**3 problems, 2 need attention (P0-P1)**, among 5 kinds of log activity",
            "| `Template 4` | `netra-backend-staging` | 5 | no baseline |");
  }

  @Test
  void rendersAnEmptyPeriodAsAShortReport() {
    Worklog worklog =
        new WorklogBuilder(WorklogSettings.defaults(WorklogRules.none()))
            .build(
                ExampleRows.PERIOD, List.of(), List.of(), Map.of(), null, "test", ExampleRows.END);

    assertThat(MarkdownRenderer.render(worklog))
        .contains(
            "No log activity in this period.",
            "No problems in this period.",
            "**Total Issues Identified:** 0");
    assertThat(JsonRenderer.render(worklog)).contains("\"categories\": []", "\"entries\": 0");
  }

  @Test
  void listsABoundedSampleOfTraceIdsAndCountsThemAll() {
    List<IssueWindow> panes = new ArrayList<>();
    for (int minute = 0; minute < 50; minute++) {
      String at = String.format("2026-11-28T09:%02d:00Z", minute);
      panes.add(
          IssueWindow.fromColumns(
              new ExampleRows.Row("busy", "ERROR", "Request failed", "Request failed")
                  .traces(String.format("t%03da", minute), String.format("t%03db", minute))
                  .pane(1, at)));
    }

    Worklog worklog =
        new WorklogBuilder(WorklogSettings.defaults(WorklogRules.none()))
            .build(ExampleRows.PERIOD, panes, List.of(), Map.of(), null, "test", ExampleRows.END);
    JsonObject message =
        JsonParser.parseString(JsonRenderer.render(worklog))
            .getAsJsonObject()
            .getAsJsonArray("categories")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("messages")
            .get(0)
            .getAsJsonObject();

    assertThat(message.get("trace_count").getAsInt()).isEqualTo(100);
    assertThat(message.getAsJsonArray("trace_ids")).hasSize(JsonRenderer.LISTED_TRACE_IDS);
    assertThat(message.getAsJsonArray("trace_ids").get(0).getAsString()).isEqualTo("t000a");
  }

  @Test
  void keepsTheCriticalErrorsOnTopOfThousandsOfInfoTemplates() {
    List<IssueWindow> rows = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String words =
          Integer.toString(i, 26).chars().mapToObj(c -> "w" + (char) c).reduce("", String::concat);
      rows.add(
          IssueWindow.fromColumns(
              new ExampleRows.Row("info" + i, "INFO", "Chatty " + words + " done", "x")
                  .logger("chatty" + (i % 50))
                  .pane(1, NOW)));
    }
    for (int i = 0; i < 3; i++) {
      rows.add(
          IssueWindow.fromColumns(
              new ExampleRows.Row("critical" + i, "CRITICAL", "Outage kind" + " x".repeat(i), "y")
                  .logger("core" + i)
                  .pane(1, "2026-11-28T0" + (2 * i) + ":00:00Z")));
    }

    Worklog worklog =
        new WorklogBuilder(new WorklogSettings(5, 20, 1000, WorklogRules.none()))
            .build(ExampleRows.PERIOD, rows, List.of(), Map.of(), null, "test", ExampleRows.END);
    String md = MarkdownRenderer.render(worklog);

    assertThat(worklog.categories().subList(0, 3))
        .allSatisfy(c -> assertThat(c.priority()).isEqualTo(Priority.P0));
    assertThat(worklog.totalEntries()).isEqualTo(3_003);
    assertThat(worklog.categories()).hasSize(4);
    assertThat(worklog.categories().get(3).members()).hasSize(3_000);
    assertThat(worklog.problems()).hasSize(3);
    assertThat(md).contains("and 2999 similar | `netra-backend-staging` | 3000 |");
    assertThat(md.lines().count()).isLessThan(200);
  }
}
