package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretCatalogTest {
  private static final Path FILE = Path.of("pipelines/log-stream/rules/secrets.yaml");
  private static final RuleSet RULES = RuleSet.loadDefault();
  private static final Fingerprinter FINGERPRINTER = new Fingerprinter(RULES);

  private static final String CONTEXT_RULE =
      """
        - id: pw
          description: Passwords.
          stage: redact
          triggers: ['pw']
          pattern: '(pw=){{secret_words}}'
          replace_with: '$1<SECRET>'
          examples:
            - input: 'pw=token'
              output: 'pw=<SECRET>'
      """;

  private static final String DETECTOR =
      """
        - id: acme-key
          description: Acme keys.
          source: https://docs.acme.example/keys
          triggers: ['acme_']
          pattern: '\\bacme_[a-z0-9]{12}\\b'
          examples: ['acme_abcdef123456']
      """;

  private static String file(String context, String detectors) {
    return "version: '1'\nsecret_words: 'token|secret'\ncontext:\n"
        + context
        + "detectors:\n"
        + detectors;
  }

  static Stream<Arguments> examples() {
    List<Arguments> all = new ArrayList<>();
    for (SecretCatalog.Detector detector : RULES.secrets().detectors()) {
      for (int i = 0; i < detector.examples().size(); i++) {
        all.add(Arguments.of(detector.id(), detector.examples().get(i), detector.secrets().get(i)));
      }
    }
    return all.stream();
  }

  @Test
  void theShippedCatalogIsTheFileAndHasTheBreadthOfTheOpenScanners() {
    SecretCatalog fromFile = SecretCatalog.load(FILE);
    assertThat(fromFile.version()).isEqualTo(RULES.secrets().version());
    assertThat(fromFile.detectors()).hasSizeGreaterThanOrEqualTo(150);
    assertThat(fromFile.detectors())
        .allSatisfy(d -> assertThat(d.source().getScheme()).as(d.id()).isEqualTo("https"));
    assertThat(RULES.version()).contains("+s" + fromFile.version() + "+");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("examples")
  void everyExampleLeavesNoTraceAndTheMessageGroupsAsWithAnyOtherSecret(
      String id, String example, String secret) {
    String message = "login failed: " + example + " for tenant 42";
    Fingerprint leaked = FINGERPRINTER.fingerprintMessage(message);
    Fingerprint placeholder =
        FINGERPRINTER.fingerprintMessage(message.replace(secret, SecretCatalog.PLACEHOLDER));

    assertThat(leaked.redactedMessage()).doesNotContain(secret);
    assertThat(leaked.template()).doesNotContain(secret);
    assertThat(leaked.redactedMessage()).startsWith("login failed: ").endsWith(" for tenant 42");
    assertThat(leaked.id()).isEqualTo(placeholder.id());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleIsCountedUnderItsDetectorOrAnEarlierOne(String id, String example) {
    Findings findings = new Findings();
    new Redactor(RULES).redact("rejected " + example + " here", findings);
    assertThat(findings.isEmpty()).as(id).isFalse();
  }

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of("version: '1'\n", "'context' must be a non-empty list"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR).replace("secret_words: 'token|secret'\n", ""),
            "'secret_words' must be"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR).replace("stage: redact", "stage: mask"),
            "context rule 'pw' must have stage 'redact'"),
        Arguments.of(file(CONTEXT_RULE, DETECTOR + DETECTOR), "duplicate id 'acme-key'"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR.replace("https://docs.acme.example/keys", "acme docs")),
            "'source' must be the https URL"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR.replace("https://", "http://")),
            "'source' must be the https URL"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR.replace("['acme_']", "['ac']")),
            "triggers must be lower-case strings of three or more characters"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR.replace("['acme_']", "['acme-']")),
            "contains none of the triggers"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR.replace("{12}", "{13}")),
            "example fails: 'rejected acme_abcdef123456 here' gave"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR.replace("{12}", "{12")), "pattern does not compile"),
        Arguments.of(
            file(
                CONTEXT_RULE, DETECTOR.replace("    source: https://docs.acme.example/keys\n", "")),
            "'source' is required"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR + "    replace_with: '$2<SECRET>'\n"),
            "'replace_with' must be '<SECRET>' or '$1<SECRET>'"),
        Arguments.of(
            file(CONTEXT_RULE, DETECTOR + "    replace_with: '$1<SECRET>'\n"),
            "'replace_with' '$1<SECRET>' needs a group in the pattern to keep"));
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void rejectsInvalidFilesWithOneClearLine(String yaml, String expected, @TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(file, yaml);
    assertThatThrownBy(() -> SecretCatalog.load(file))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining(expected)
        .hasMessageNotContaining("\n");
  }

  @Test
  void aValidFileLoadsAndItsContextRulesUseTheSecretWords(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(file, file(CONTEXT_RULE, DETECTOR));
    SecretCatalog catalog = SecretCatalog.load(file);
    assertThat(catalog.detectors())
        .extracting(SecretCatalog.Detector::id)
        .containsExactly("acme-key");
    assertThat(catalog.contextRules().get(0).pattern().pattern())
        .isEqualTo("(pw=)(?:token|secret)");
  }

  @Test
  void aDetectorKeepsTheContextOfItsFirstGroupAndRecordsOnlyWhatItRemoves(@TempDir Path dir)
      throws IOException {
    String keyed =
        """
          - id: acme-key
            description: Acme keys after their variable name.
            source: https://docs.acme.example/keys
            triggers: ['acme']
            pattern: '(?i)(acme[_-]?key\\s{0,3}[:=]\\s{0,3})[a-z0-9]{12}\\b'
            replace_with: '$1<SECRET>'
            examples: ['ACME_KEY=abcdef123456']
        """;
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(file, file(CONTEXT_RULE, keyed));
    SecretCatalog catalog = SecretCatalog.load(file);
    assertThat(catalog.detectors().get(0).secrets()).containsExactly("abcdef123456");
    GuardedRules rules = new GuardedRules(catalog.steps());
    String text = "set acme-key: abcdef123456 ok";
    Findings findings = new Findings();
    assertThat(rules.apply(text, rules.runnable(text), findings))
        .isEqualTo("set acme-key: <SECRET> ok");
    assertThat(findings.counts()).containsEntry("acme-key", 1);
  }

  @Test
  void rulesBesideAnOverrideTakeTheSecretsFileBesideIt(@TempDir Path dir) throws IOException {
    Files.copy(Path.of("pipelines/log-stream/rules/normalize.yaml"), dir.resolve("normalize.yaml"));
    Files.writeString(dir.resolve("secrets.yaml"), file(CONTEXT_RULE, DETECTOR));
    RuleSet rules = RuleSet.load(dir.resolve("normalize.yaml"));
    assertThat(rules.secrets().detectors()).hasSize(1);
    assertThat(new Redactor(rules).redact("key acme_abcdef123456 used"))
        .isEqualTo("key <SECRET> used");
  }

  @Test
  void rejectsAMissingSecretsFile(@TempDir Path dir) {
    assertThatThrownBy(() -> SecretCatalog.load(dir.resolve("secrets.yaml")))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining("cannot read secrets file");
  }

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("password", true),
        Arguments.of("DB_PASSWORD", true),
        Arguments.of("x-api-key", true),
        Arguments.of("clientSecret", true),
        Arguments.of("refresh_token", true),
        Arguments.of("session", true),
        Arguments.of("Set-Cookie", true),
        Arguments.of("credentials", true),
        Arguments.of("bypass", false),
        Arguments.of("author", false),
        Arguments.of("token_count", false),
        Arguments.of("service_name", false),
        Arguments.of("", false));
  }

  @ParameterizedTest
  @MethodSource("names")
  void tellsSecretLikeNames(String name, boolean secret) {
    assertThat(RULES.secrets().isSecretName(name)).isEqualTo(secret);
  }
}
