package dev.loggardener.worklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorklogRulesTest {
  private static final String RULE =
      "version: 1\nrules:\n  - id: r\n    description: d\n    match: {template: x}\n";

  @Test
  void loadsTheShippedRulesFile() {
    WorklogRules rules = WorklogRules.loadDefault();

    assertThat(rules.version()).isNotBlank();
    assertThat(rules.rules()).isNotEmpty();
    assertThat(
            WorklogRules.load(Paths.get("pipelines/worklog-report/rules.yaml")).rules().stream()
                .map(WorklogRule::id))
        .containsExactlyElementsOf(rules.rules().stream().map(WorklogRule::id).toList());
  }

  @Test
  void shippedRulesMarkHealthChecksAsExpected() {
    FingerprintSummary health =
        FingerprintSummarizer.summarize(
                java.util.List.of(
                    IssueWindow.fromColumns(ExampleRows.health().pane(1, "2026-11-28T01:00:00Z"))),
                ExampleRows.PERIOD)
            .get(0);

    assertThat(WorklogRules.loadDefault().firstMatch(health))
        .hasValueSatisfying(rule -> assertThat(rule.expected()).isTrue());
  }

  @Test
  void shippedRulesGroupTheAuthServiceOAuthConfigurationAsOneExpectedCategory() {
    for (ExampleRows.Row row :
        java.util.List.of(ExampleRows.authConfig(), ExampleRows.oauthSecret())) {
      FingerprintSummary summary =
          FingerprintSummarizer.summarize(
                  java.util.List.of(IssueWindow.fromColumns(row.pane(1, "2026-11-28T01:00:00Z"))),
                  ExampleRows.PERIOD)
              .get(0);

      assertThat(WorklogRules.loadDefault().firstMatch(summary))
          .hasValueSatisfying(
              rule -> {
                assertThat(rule.id()).isEqualTo("oauth-configuration-served");
                assertThat(rule.expected()).isTrue();
              });
    }
  }

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of("not yaml", "version: [1", "test: not valid YAML:"),
        Arguments.of("not a mapping", "- a", "test: the file must be a mapping"),
        Arguments.of(
            "unknown top key",
            "version: 1\nrule: []",
            "test: the file: unknown key 'rule' (allowed: rules, version)"),
        Arguments.of("no version", "rules: []", "test: missing top-level 'version'"),
        Arguments.of(
            "rules not a list", "version: 1\nrules: {}", "test: 'rules' must be a list of rules"),
        Arguments.of(
            "bad id",
            "version: 1\nrules:\n  - id: Bad Id\n    description: d\n    match: {template: x}",
            "test: rule #1: 'id' must be kebab-case"),
        Arguments.of("duplicate id", "RULE_TWICE", "test: duplicate rule id 'r'"),
        Arguments.of(
            "no description",
            "version: 1\nrules:\n  - id: r\n    match: {template: x}",
            "test: rule 'r': missing 'description'"),
        Arguments.of(
            "empty match",
            "version: 1\nrules:\n  - id: r\n    description: d\n    match: {}",
            "test: rule 'r': 'match' needs service, logger, template or fingerprint"),
        Arguments.of(
            "no match",
            "version: 1\nrules:\n  - id: r\n    description: d",
            "test: rule 'r': 'match' must be a mapping"),
        Arguments.of(
            "unknown match key",
            "version: 1\nrules:\n  - id: r\n    description: d\n    match: {module: x}",
            "test: rule 'r': 'match': unknown key 'module'"),
        Arguments.of(
            "bad regex",
            "version: 1\nrules:\n  - id: r\n    description: d\n    match: {template: \"a(\"}",
            "test: rule 'r': 'template' is not a valid regex: Unclosed group"),
        Arguments.of(
            "bad fingerprint",
            "version: 1\nrules:\n  - id: r\n    description: d\n    match: {fingerprint: abc}",
            "test: rule 'r': 'fingerprint' must be 64 lowercase hex digits"),
        Arguments.of(
            "bad priority",
            "RULE_PLUS priority_at_least: P9",
            "test: rule 'r': 'priority_at_least' must be P0..P4, got 'P9'"),
        Arguments.of(
            "floor below ceiling",
            "RULE_PLUS priority_at_least: P3\n    priority_at_most: P4",
            "test: rule 'r': priority_at_most P4 is less urgent than priority_at_least P3"),
        Arguments.of(
            "expected not boolean",
            "RULE_PLUS expected: maybe",
            "test: rule 'r': 'expected' must be true or false"),
        Arguments.of(
            "expected with bounds",
            "RULE_PLUS expected: true\n    priority_at_most: P2",
            "test: rule 'r': an expected rule is always P4"),
        Arguments.of(
            "bad tracker url",
            "RULE_PLUS tracker: {url: 'javascript:alert(1)'}",
            "test: rule 'r': tracker 'url' must be an http(s) URL"),
        Arguments.of(
            "unknown tracker key",
            "RULE_PLUS tracker: {url: 'https://x.test/1', owner: me}",
            "test: rule 'r': 'tracker': unknown key 'owner'"),
        Arguments.of(
            "list as value",
            "RULE_PLUS impact: [a, b]",
            "test: rule 'r': 'impact' must be a single value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void rejectsAnInvalidFileWithOneClearLine(String name, String yaml, String message) {
    String text =
        yaml.replace("RULE_TWICE", RULE + RULE.substring(RULE.indexOf("  - id")))
            .replace("RULE_PLUS ", RULE + "    ")
            .replace("\\n", "\n");

    assertThatThrownBy(() -> WorklogRules.parse(text, "test"))
        .isInstanceOf(InvalidWorklogRulesException.class)
        .hasMessageStartingWith(message)
        .hasMessageNotContaining("\n");
  }

  @Test
  void reportsAMissingFileByName(@TempDir Path dir) {
    assertThatThrownBy(() -> WorklogRules.load(dir.resolve("nope.yaml")))
        .isInstanceOf(InvalidWorklogRulesException.class)
        .hasMessageStartingWith(dir.resolve("nope.yaml") + ": cannot read rules file");
  }

  @Test
  void matchesOnEveryGivenConditionAndAppliesTheFirstMatchingRule(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        """
        version: 2
        rules:
          - id: other-service
            description: same template, other service
            match: {service: 'netra-auth-service', template: 'RACE'}
            impact: no
          - id: race
            description: the race
            match: {service: 'netra-backend-staging', logger: '.*gcp_initialization_validator', template: 'RACE'}
            impact: yes
          - id: later
            description: also matches, but comes later
            match: {template: 'RACE'}
            impact: later
        """);
    FingerprintSummary race =
        FingerprintSummarizer.summarize(
                java.util.List.of(
                    IssueWindow.fromColumns(ExampleRows.race().pane(1, "2026-11-28T01:00:00Z"))),
                ExampleRows.PERIOD)
            .get(0);

    WorklogRules rules = WorklogRules.load(file);

    assertThat(rules.version()).isEqualTo("2");
    assertThat(rules.firstMatch(race)).map(WorklogRule::id).hasValue("race");
  }
}
