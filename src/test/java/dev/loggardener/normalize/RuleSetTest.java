package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleSetTest {
  private static final Path RULES_DIR = Path.of("pipelines", "log-stream", "rules");

  private static final String VALID_RULE =
      """
        - id: digits
          description: Digits.
          stage: mask
          pattern: '\\d+'
          replace_with: '<N>'
          examples:
            - input: 'a 12'
              output: 'a <N>'
      """;

  static Stream<Path> shippedFiles() throws IOException {
    try (Stream<Path> files = Files.list(RULES_DIR)) {
      // secrets.yaml has a format of its own, loaded and checked by SecretCatalogTest.
      List<Path> yaml =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .filter(p -> !p.getFileName().toString().equals("secrets.yaml"))
              .sorted()
              .toList();
      assertThat(yaml).as("rules files under " + RULES_DIR).isNotEmpty();
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedFiles")
  void everyShippedFileLoadsAndEveryExampleGivesItsOutput(Path file) {
    RuleSet rules = RuleSet.load(file);
    assertThat(rules.version()).isNotBlank();
    assertThat(rules.rules()).isNotEmpty();
    for (Rule rule : rules.rules()) {
      assertThat(rule.examples()).as(rule.id()).isNotEmpty();
      for (Rule.Example example : rule.examples()) {
        assertThat(rule.apply(example.input())).as(rule.id()).isEqualTo(example.output());
      }
    }
  }

  @Test
  void defaultRulesFromTheClasspathAreTheShippedFile() {
    RuleSet fromJar = RuleSet.loadDefault();
    RuleSet fromFile = RuleSet.load(RULES_DIR.resolve("normalize.yaml"));
    assertThat(fromJar.version()).isEqualTo(fromFile.version());
    assertThat(fromJar.rules())
        .extracting(Rule::id)
        .isEqualTo(fromFile.rules().stream().map(Rule::id).toList());
  }

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of("rules:\n" + VALID_RULE, "'version' must be a non-empty quoted string"),
        Arguments.of("version: '1'\nrules: []\n", "'rules' must be a non-empty list"),
        Arguments.of(
            "version: '1'\nrules:\n" + VALID_RULE + VALID_RULE, "duplicate rule id 'digits'"),
        Arguments.of(
            "version: '1'\nrules:\n" + VALID_RULE.replace("'\\d+'", "'(unclosed'"),
            "pattern does not compile"),
        Arguments.of(
            "version: '1'\nrules:\n" + VALID_RULE.replace("'a <N>'", "'a 12'"),
            "example fails: input 'a 12' gave 'a <N>', expected 'a 12'"),
        Arguments.of(
            "version: '1'\nrules:\n" + VALID_RULE.replace("stage: mask", "stage: shred"),
            "'stage' must be 'redact' or 'mask'"),
        Arguments.of(
            "version: '1'\nrules:\n" + VALID_RULE.replace("id: digits", "id: Digits_1"),
            "must be kebab-case"),
        Arguments.of(
            "version: '1'\nrules:\n"
                + VALID_RULE.replace("replace_with: '<N>'", "replace_with: '$9'"),
            "bad replace_with"),
        Arguments.of(
            "version: '1'\nrules:\n"
                + VALID_RULE.replace("    examples:", "    triggers: ['ABC']\n    examples:"),
            "triggers must be non-empty lower-case strings"),
        Arguments.of("version: '1'\nrules: [ {", "not valid YAML"),
        Arguments.of("!!java.io.File ['/tmp']", "not valid YAML"));
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void rejectsInvalidFilesWithOneClearLine(String yaml, String expected, @TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, yaml);
    assertThatThrownBy(() -> RuleSet.load(file))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining(expected)
        .hasMessageNotContaining("\n");
  }

  @Test
  void rejectsMoreRulesPerStageThanTheGuardsCanTrack(@TempDir Path dir) throws IOException {
    StringBuilder yaml = new StringBuilder("version: '1'\nrules:\n");
    for (int i = 0; i <= GuardedRules.MAX_RULES; i++) {
      yaml.append(VALID_RULE.replace("id: digits", "id: digits-" + i));
    }
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, yaml);
    assertThatThrownBy(() -> RuleSet.load(file))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining("at most 64 mask rules, got 65");
  }

  @Test
  void rejectsMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> RuleSet.load(dir.resolve("absent.yaml")))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining("cannot read rules file");
  }

  /**
   * A rule set travels as its texts and is compiled once per JVM: every copy read back is the one
   * compiled rule set, which fingerprints exactly like the original.
   */
  @Test
  void isSerializedAsItsTextsAndCompiledOncePerJvm() throws Exception {
    RuleSet rules = RuleSet.load(RULES_DIR.resolve("normalize.yaml"));
    RuleSet first = FingerprinterTest.roundTrip(rules);
    RuleSet second = FingerprinterTest.roundTrip(rules);

    assertThat(second).isSameAs(first).isNotSameAs(rules);
    assertThat(first.version()).isEqualTo(rules.version());
    assertThat(first.rules()).extracting(Rule::id).isEqualTo(ids(rules));
    String message = "login failed for user 4711 password=hunter2 from 10.1.2.3:5432";
    assertThat(new Fingerprinter(first).fingerprintMessage(message))
        .isEqualTo(new Fingerprinter(rules).fingerprintMessage(message));

    RuleSet without = rules.without(Set.of(rules.rules().get(0).id()));
    RuleSet withoutCopy = FingerprinterTest.roundTrip(without);
    assertThat(withoutCopy.version()).isEqualTo(without.version());
    assertThat(withoutCopy.rules()).extracting(Rule::id).isEqualTo(ids(without));
    assertThatThrownBy(() -> without.without(Set.of(rules.rules().get(1).id())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already left out");
  }

  private static List<String> ids(RuleSet rules) {
    return rules.rules().stream().map(Rule::id).toList();
  }
}
