package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.logentry.LogEntry;
import dev.loggardener.logentry.ServiceIdentity;
import dev.loggardener.logentry.Severity;
import dev.loggardener.logentry.TimestampSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {
  private static final RuleSet RULES = RuleSet.loadDefault();
  private static final Fingerprinter FINGERPRINTER = new Fingerprinter(RULES);

  static Stream<Arguments> secrets() {
    return Stream.of(
        Arguments.of(
            "jwt",
            "rejected token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c for user",
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"),
        Arguments.of(
            "bearer", "Authorization: Bearer ya29.A0ARrdaM-k9Zx81QpL", "ya29.A0ARrdaM-k9Zx81QpL"),
        Arguments.of(
            "basic",
            "sent Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l",
            "YWxhZGRpbjpvcGVuc2VzYW1l"),
        Arguments.of(
            "google-api-key",
            "geocode failed for key AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI",
            "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"),
        Arguments.of("aws-access-key", "assumed AKIAIOSFODNN7EXAMPLE ok", "AKIAIOSFODNN7EXAMPLE"),
        Arguments.of(
            "aws-secret-key",
            "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        Arguments.of(
            "github-token",
            "push failed with ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
        Arguments.of(
            "gitlab-token",
            "clone using glpat-Xy7zQ1w2e3r4t5y6u7i8 failed",
            "glpat-Xy7zQ1w2e3r4t5y6u7i8"),
        Arguments.of(
            "slack-token",
            "posting with xoxb-2048-4096-QwErTyUiOpAsDfGh failed",
            "xoxb-2048-4096-QwErTyUiOpAsDfGh"),
        Arguments.of(
            "private-key",
            "loaded -----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASC\n"
                + "-----END PRIVATE KEY----- from env",
            "MIIEvgIBADANBgkqhkiG9w0BAQEFAASC"),
        Arguments.of("password-equals", "login attempt password=Tr0ub4dor&3 rejected", "Tr0ub4dor"),
        Arguments.of("password-quoted", "config password='correct horse' loaded", "correct horse"),
        Arguments.of(
            "password-json", "{\"user\": \"ann\", \"password\": \"s3cr3t-P@ss\"}", "s3cr3t-P@ss"),
        Arguments.of("secret-colon", "client_secret: GOCSPX-abcdef123456", "GOCSPX-abcdef123456"),
        Arguments.of("token-equals", "callback?token=a1b2c3d4e5f6&next=/home", "a1b2c3d4e5f6"),
        Arguments.of("api-key", "request with api_key=\"k-9f8e7d6c\" denied", "k-9f8e7d6c"),
        Arguments.of(
            "url-credentials",
            "connecting to https://admin:hunter2pass@db.example.com:5432/app",
            "hunter2pass"),
        Arguments.of(
            "email", "password reset sent to jane.doe@example.com", "jane.doe@example.com"),
        Arguments.of("card-spaced", "payment 4111 1111 1111 1111 declined", "4111 1111 1111 1111"),
        Arguments.of("card-plain", "payment 5500005555555559 declined", "5500005555555559"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void secretAppearsInNoOutput(String secretClass, String message, String secret) {
    Fingerprint bare = FINGERPRINTER.fingerprintMessage(message);
    Fingerprint withEntry = FINGERPRINTER.fingerprint(entry(message));
    for (Fingerprint f : new Fingerprint[] {bare, withEntry}) {
      assertThat(f.redactedMessage()).as("redacted message").doesNotContain(secret);
      assertThat(f.template()).as("template").doesNotContain(secret);
      assertThat(
              Fingerprinter.canonical("p", "cloud_run_revision", "api", "app", false, f.template()))
          .as("fingerprint input")
          .doesNotContain(secret);
    }
    assertThat(FINGERPRINTER.redact(message)).doesNotContain(secret);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void secretInLabelOrUrlTextIsRedacted(String secretClass, String message, String secret) {
    assertThat(FINGERPRINTER.redact("label value: " + message + " end")).doesNotContain(secret);
  }

  static Stream<Arguments> innocentTexts() {
    return Stream.of(
        Arguments.of("Basic authentication failed for the request"),
        Arguments.of("Using SSOT OAuth Client Secret for staging environment (length=35)"),
        Arguments.of("PacketResponder 1 for block blk_-6952295868487656571 terminating"),
        Arguments.of("order 4111111111111112 shipped"),
        Arguments.of("handler com.foo.Bar@1a2b3c busy"));
  }

  @ParameterizedTest
  @MethodSource("innocentTexts")
  void leavesTextWithoutSecretsUnchanged(String text) {
    assertThat(FINGERPRINTER.redact(text)).isEqualTo(text);
  }

  static Stream<Arguments> contextForms() {
    return Stream.of(
        Arguments.of("Invalid API Key provided: sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqL"),
        Arguments.of("Incorrect API key provided: sk-proj-abcDEF123456ghiJKL789012mno", "abcDEF"),
        Arguments.of("POST /token 401 ya29.a0AfB_byC3xYz0123456789abcdefghijkLMNOP", "a0AfB_by"),
        Arguments.of(
            "mail failed SG.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg",
            "abcdefghijklmnopqrstuv"),
        Arguments.of(
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey="
                + "a".repeat(40)
                + "B1c2D3e4F5g6H7i8J9k0L1m2N3o4P5q6R7s8T9u0V1w2X3y4Z5=="
                + ";EndpointSuffix=core.windows.net",
            "B1c2D3e4F5"),
        Arguments.of("cache redis://:Rp4ssw0rdX@redis.internal:6379/0 refused", "Rp4ssw0rdX"),
        Arguments.of("login pass=Hunter2pass user=bob", "Hunter2pass"),
        Arguments.of("mysql -uroot -pS3cretPw app", "S3cretPw"),
        Arguments.of("Cookie: sid=Zx81AbCookie; theme=dark", "Zx81AbCookie"),
        Arguments.of("DB_PASSWORD=EnvPassw0rd", "EnvPassw0rd"),
        Arguments.of("X-API-Key: HeaderKey9876", "HeaderKey9876"),
        Arguments.of(
            "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkq\\n-----END PRIVATE"
                + " KEY-----\\n\"}",
            "MIIEvQIBADANBgkq"),
        Arguments.of(
            "connect(password='hunter2x')\nTraceback ...\nValueError: bad login hunter2x",
            "hunter2x"));
  }

  @ParameterizedTest
  @MethodSource("contextForms")
  void redactsSecretsByTheirContextAndEverywhereElseInTheText(String message, String secret) {
    Fingerprint f = FINGERPRINTER.fingerprint(entry(message));
    assertThat(f.redactedMessage()).doesNotContain(secret);
    assertThat(f.template()).doesNotContain(secret);
    assertThat(FINGERPRINTER.fingerprintMessage(message).redactedMessage()).doesNotContain(secret);
  }

  @Test
  void aValueSecretInOneFieldIsRedactedInEveryOtherFieldOfTheEntry() {
    LogEntry entry =
        withLabels(
            entry("retrying with Zq8kLabelValue1 after 401"),
            Map.of("db_password", "Zq8kLabelValue1", "region", "eu"));
    Findings findings = new Findings();

    Fingerprint f = FINGERPRINTER.fingerprint(entry, findings);

    assertThat(f.redactedMessage()).isEqualTo("retrying with <SECRET> after 401");
    assertThat(findings.counts()).containsEntry("secret-field", 1).containsEntry("once-secret", 1);
  }

  @Test
  void countsEachRedactionClassButKeepsNoValueInItsCounts() {
    Findings findings = new Findings();
    FINGERPRINTER.fingerprint(
        entry("token ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 and password=hunter22"),
        findings);
    assertThat(findings.counts())
        .containsEntry("github-classic-token", 1)
        .containsEntry("secret-name-value", 1);
    assertThat(findings.counts().toString()).doesNotContain("hunter22");
  }

  /**
   * A long quoted value after a secret word, closed or cut off (a truncated line): the quoted-value
   * alternatives used to recurse once per character and overflow the stack at a few thousand
   * characters, which made the entry a dead letter instead of a counted, redacted one; and a value
   * whose quote never closed stayed in clear.
   */
  @ParameterizedTest
  @MethodSource("longQuotedValues")
  void aLongOrUnclosedQuotedValueAfterASecretWordIsRedacted(String message) {
    assertThat(FINGERPRINTER.fingerprintMessage(message).redactedMessage())
        .doesNotContain("Wq7secret");
    assertThat(FINGERPRINTER.redact(message)).doesNotContain("Wq7secret");
  }

  static Stream<String> longQuotedValues() {
    String text = "Wq7secret" + " filler text".repeat(20_000);
    String escapes = "Wq7secret" + "\\\" x".repeat(20_000);
    return Stream.of(
        "login failed password=\"" + text,
        "login failed password=\"" + text + "\" retrying",
        "login failed password=\"" + escapes,
        "payload {\\\"password\\\":\\\"" + text,
        "payload {\\\"password\\\":\\\"" + text + "\\\"}",
        "config {\"dbPassword\": \"" + text,
        "config {\"dbPassword\": \"" + text + "\"}",
        "login failed api_key: \"" + text,
        "login failed api_key: \"" + text + "\" retrying");
  }

  @Test
  void ordinaryIdsNextToSecretWordsStayIds() {
    for (String message :
        List.of(
            "Expiring session 0x14ed93111f200d2, timeout of 10000ms exceeded",
            "session 123e4567-e89b-12d3-a456-426614174000 closed",
            "token 4bf92f3577b34da6a3ce929d0e0e4736 not found in /v1/objects/9f86d081884c7d65")) {
      assertThat(FINGERPRINTER.redact(message)).isEqualTo(message);
    }
  }

  private static LogEntry withLabels(LogEntry e, Map<String, String> labels) {
    return new LogEntry(
        e.timestamp(),
        e.timestampSource(),
        e.receiveTimestamp(),
        e.insertId(),
        e.logName(),
        e.logId(),
        e.severity(),
        e.severityInferred(),
        e.service(),
        labels,
        e.trace(),
        e.spanId(),
        e.sourceLocation(),
        e.httpRequest(),
        e.logger(),
        e.message(),
        e.stackTrace(),
        e.split());
  }

  private static LogEntry entry(String message) {
    return new LogEntry(
        Instant.parse("2026-11-28T10:00:00Z"),
        TimestampSource.ENTRY,
        null,
        null,
        null,
        null,
        Severity.ERROR,
        false,
        new ServiceIdentity("p", "cloud_run_revision", "api", "api-00001-abc", null, null),
        Map.of(),
        null,
        null,
        null,
        null,
        "app",
        message,
        null,
        null);
  }
}
