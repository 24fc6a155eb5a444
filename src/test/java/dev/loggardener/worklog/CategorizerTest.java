package dev.loggardener.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategorizerTest {

  private static List<Set<String>> groups(WorklogRules rules, List<Map<String, Object>> rows) {
    List<IssueWindow> windows = rows.stream().map(IssueWindow::fromColumns).toList();
    return Categorizer.group(FingerprintSummarizer.summarize(windows, ExampleRows.PERIOD), rules)
        .stream()
        .map(
            g ->
                g.members().stream()
                    .map(FingerprintSummary::fingerprint)
                    .collect(Collectors.toSet()))
        .toList();
  }

  private static Set<String> fingerprints(String... names) {
    return java.util.Arrays.stream(names).map(ExampleRows::fingerprint).collect(Collectors.toSet());
  }

  @Test
  void groupsTheSameErrorCodeLoggedByThreeModulesIntoOneCategory() {
    List<Map<String, Object>> rows =
        List.of(
            ExampleRows.mainModeAuth().pane(6, "2026-11-28T09:14:02Z"),
            ExampleRows.ssotAuth().pane(6, "2026-11-28T01:00:00Z"),
            ExampleRows.serviceAuth().pane(6, "2026-11-28T05:00:00Z"));

    assertThat(groups(WorklogRules.none(), rows))
        .containsExactly(fingerprints("main-mode-auth", "ssot-auth", "service-auth"));
  }

  @Test
  void groupsTheRaceConditionWithTheWarningItsModuleLogsAtTheSameTime() {
    List<Map<String, Object>> rows =
        List.of(
            ExampleRows.race().pane(7, "2026-11-28T11:20:59.892139Z"),
            ExampleRows.raceWarning().pane(7, "2026-11-28T11:20:58.120000Z"),
            ExampleRows.session().pane(4, "2026-11-28T11:20:59.871691Z"));

    assertThat(groups(WorklogRules.none(), rows))
        .containsExactlyInAnyOrder(fingerprints("race", "race-warning"), fingerprints("session"));
  }

  @Test
  void keepsApartWarningsOfOneModuleThatFireHoursApart() {
    List<Map<String, Object>> rows =
        List.of(
            ExampleRows.race().pane(7, "2026-11-28T11:20:59Z"),
            ExampleRows.raceWarning().pane(7, "2026-11-28T08:00:00Z"));

    assertThat(groups(WorklogRules.none(), rows)).hasSize(2);
  }

  @Test
  void keepsApartTheManyErrorsOfABusySharedLoggerFiringTogether() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i <= Categorizer.MAX_MODULE_FINGERPRINTS; i++) {
      rows.add(
          new ExampleRows.Row("busy" + i, "ERROR", "Failure" + " again".repeat(i), "x")
              .logger("logging")
              .pane(1, "2026-11-28T10:00:0" + i + "Z"));
    }

    assertThat(groups(WorklogRules.none(), rows)).hasSize(Categorizer.MAX_MODULE_FINGERPRINTS + 1);
  }

  @Test
  void groupsTemplatesThatDifferOnlyWhereValuesVaryWithinOneService() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String shard : List.of("alpha", "beta", "gamma")) {
      rows.add(
          new ExampleRows.Row(shard, "INFO", "Cache shard " + shard + " unavailable", "x")
              .pane(1, "2026-11-28T01:00:00Z"));
      rows.add(
          new ExampleRows.Row(
                  "other-" + shard, "INFO", "Cache shard " + shard + " unavailable", "x")
              .service("other-service")
              .pane(1, "2026-11-28T01:00:00Z"));
    }

    assertThat(groups(WorklogRules.none(), rows))
        .containsExactlyInAnyOrder(
            fingerprints("alpha", "beta", "gamma"),
            fingerprints("other-alpha", "other-beta", "other-gamma"));
  }

  @Test
  void keepsRequestsOfDifferentStatusOrRouteApart() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String template :
        List.of(
            "GET /cart/<NUM> 503",
            "GET /cart/<NUM> 2xx",
            "GET /products/<NUM> 2xx",
            "GET /products/<NUM> 404")) {
      rows.add(
          new ExampleRows.Row(template, "INFO", template, "x").pane(1, "2026-11-28T01:00:00Z"));
    }

    assertThat(groups(WorklogRules.none(), rows))
        .containsExactlyInAnyOrder(
            fingerprints("GET /cart/<NUM> 503"),
            fingerprints("GET /cart/<NUM> 2xx"),
            fingerprints("GET /products/<NUM> 2xx"),
            fingerprints("GET /products/<NUM> 404"));
  }

  @Test
  void collapsesRoutesWhoseLiteralSegmentsAreValues() {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (int i = 0; i <= Categorizer.MAX_ROUTES_PER_SHAPE; i++) {
      String user = "user" + (char) ('a' + i) + "name";
      users.add(user);
      rows.add(
          new ExampleRows.Row(user, "INFO", "GET /u/" + user + "/repos 2xx", "x")
              .pane(1, "2026-11-28T01:00:00Z"));
    }
    rows.add(
        new ExampleRows.Row("health", "INFO", "GET /healthz 2xx", "x")
            .pane(1, "2026-11-28T01:00:00Z"));

    assertThat(groups(WorklogRules.none(), rows))
        .containsExactlyInAnyOrder(
            fingerprints(users.toArray(String[]::new)), fingerprints("health"));
  }

  @Test
  void keepsAccessLinesOfDifferentEndpointsApart() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String path : List.of("/health/ready", "/api/user/me", "/api/threads")) {
      rows.add(
          new ExampleRows.Row(
                  path, "INFO", "<IP> - \"GET " + path + " HTTP/<NUM>\" 2xx", "uvicorn.access")
              .pane(1, "2026-11-28T01:00:00Z"));
    }

    assertThat(groups(WorklogRules.none(), rows))
        .containsExactlyInAnyOrder(
            fingerprints("/health/ready"),
            fingerprints("/api/user/me"),
            fingerprints("/api/threads"));
  }

  @Test
  void groupsWarningsThatShareATraceId() {
    List<Map<String, Object>> rows =
        List.of(
            ExampleRows.ssotAuth().pane(6, "2026-11-28T01:00:00Z"),
            ExampleRows.authTimeout().pane(3, "2026-11-28T06:00:00Z"));

    assertThat(groups(WorklogRules.none(), rows))
        .containsExactly(fingerprints("ssot-auth", "auth-timeout"));
  }

  @Test
  void neverGroupsInfoMessagesByTokenTraceOrTime() {
    List<Map<String, Object>> rows =
        List.of(
            new ExampleRows.Row("a", "INFO", "user_login_ok for <NUM>", "user_login_ok for 1")
                .logger("app")
                .traces("t1")
                .pane(1, "2026-11-28T01:00:00Z"),
            new ExampleRows.Row("b", "INFO", "user_login_ok again", "user_login_ok again")
                .logger("app")
                .traces("t1")
                .pane(1, "2026-11-28T01:00:01Z"));

    assertThat(groups(WorklogRules.none(), rows)).hasSize(2);
  }

  @Test
  void ignoresATokenSharedByTooManyFingerprints() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i <= Categorizer.MAX_TOKEN_FINGERPRINTS; i++) {
      rows.add(
          new ExampleRows.Row(
                  "t" + i, "ERROR", "step" + " again".repeat(i) + " failed for user_id", "x")
              .logger("module" + i)
              .pane(1, "2026-11-28T0" + (i % 10) + ":00:00Z"));
    }

    assertThat(groups(WorklogRules.none(), rows)).hasSize(Categorizer.MAX_TOKEN_FINGERPRINTS + 1);
  }

  @Test
  void groupsFingerprintsMatchedByOneTitledRule() {
    WorklogRules rules =
        WorklogRules.parse(
            """
            version: 1
            rules:
              - id: optional
                description: optional services
                match: {template: 'optional service'}
                title: Optional services
            """,
            "test");
    List<Map<String, Object>> rows =
        List.of(
            ExampleRows.optional("Redis").pane(1, "2026-11-28T01:00:00Z"),
            ExampleRows.optional("ClickHouse").pane(1, "2026-11-28T07:00:00Z"));

    assertThat(groups(rules, rows))
        .containsExactly(fingerprints("optional-Redis", "optional-ClickHouse"));
  }

  @Test
  void dependsOnlyOnTheSetOfRowsNotTheirOrder() {
    List<Map<String, Object>> rows = new ArrayList<>(ExampleRows.all());
    List<Set<String>> expected = groups(WorklogRules.none(), rows);
    Collections.shuffle(rows, new Random(7));

    assertThat(groups(WorklogRules.none(), rows)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[MAIN MODE] Authentication failed: auth_service_unreachable | auth_service_unreachable",
        "Error ERR_CONN_REFUSED from upstream | err_conn_refused",
        "Startup phase '<STR>' in no_app_state | no_app_state",
        "placeholder <SOME_TOKEN> only | ''",
        "plain words only | ''"
      })
  void findsErrorCodeTokensInTemplates(String template, String expected) {
    assertThat(String.join(",", Categorizer.tokens(template))).isEqualTo(expected);
  }
}
