package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.logentry.LogEntry;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import dev.loggardener.logentry.ServiceIdentity;
import dev.loggardener.logentry.Severity;
import dev.loggardener.logentry.StackFrame;
import dev.loggardener.logentry.StackTrace;
import dev.loggardener.logentry.TimestampSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprinterTest {
  private static final RuleSet RULES = RuleSet.loadDefault();
  private static final Fingerprinter FINGERPRINTER = new Fingerprinter(RULES);

  @Test
  void canonicalFormIsTheDocumentedOne() {
    assertThat(
            Fingerprinter.canonical(
                "shop-prod", "cloud_run_revision", "api", "app.auth", false, "a\\b\nc"))
        .isEqualTo(
            "loggardener-fingerprint/2\nproject=shop-prod\nresource_type=cloud_run_revision\n"
                + "service=api\nlogger=app.auth\nkind=message\ntemplate=a\\\\b\\nc");
    assertThat(Fingerprinter.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void fingerprintsOfTheGoldenCorpusDoNotChange() throws IOException {
    List<String> rows = resourceLines("fixtures/fingerprint-golden.tsv");
    assertThat(rows).hasSizeGreaterThan(5);
    for (String row : rows) {
      String[] cols = row.split("\t", -1);
      Fingerprint f = FINGERPRINTER.fingerprintMessage(cols[0]);
      assertThat(f.template()).as("template of: " + cols[0]).isEqualTo(cols[1]);
      assertThat(f.id()).as("id of: " + cols[0]).isEqualTo(cols[2]);
      assertThat(f.ruleSetVersion()).isEqualTo(RULES.version());
    }
  }

  @Test
  void theSameMessageInTwoProjectsIsTwoFingerprints() {
    Fingerprint prod =
        FINGERPRINTER.fingerprint(
            entry("shop-prod", "api", "api-1", Severity.ERROR, "app", "boom after 3s", null));
    Fingerprint dev =
        FINGERPRINTER.fingerprint(
            entry("shop-dev", "api", "api-1", Severity.ERROR, "app", "boom after 3s", null));
    Fingerprint none =
        FINGERPRINTER.fingerprint(
            entry(null, "api", "api-1", Severity.ERROR, "app", "boom after 3s", null));

    assertThat(prod.template()).isEqualTo(dev.template());
    assertThat(prod.id()).isNotEqualTo(dev.id()).isNotEqualTo(none.id());
    assertThat(none.id())
        .isEqualTo(
            Fingerprinter.sha256Hex(
                Fingerprinter.canonical(
                    "", "cloud_run_revision", "api", "app", false, none.template())));
  }

  @Test
  void identityFieldsButNotSeverityOrRevisionTakePartInTheId() {
    LogEntry base =
        entry("api", "api-00001-abc", Severity.ERROR, "app.auth", "boom after 3s", null);
    String id = FINGERPRINTER.fingerprint(base).id();
    assertThat(
            FINGERPRINTER
                .fingerprint(
                    entry(
                        "api",
                        "api-00002-xyz",
                        Severity.WARNING,
                        "app.auth",
                        "boom after 4s",
                        null))
                .id())
        .isEqualTo(id);
    assertThat(
            FINGERPRINTER
                .fingerprint(
                    entry(
                        "web", "api-00001-abc", Severity.ERROR, "app.auth", "boom after 3s", null))
                .id())
        .isNotEqualTo(id);
    assertThat(
            FINGERPRINTER
                .fingerprint(
                    entry("api", "api-00001-abc", Severity.ERROR, "app.db", "boom after 3s", null))
                .id())
        .isNotEqualTo(id);
    assertThat(FINGERPRINTER.fingerprintMessage("boom after 3s").id()).isNotEqualTo(id);
  }

  @Test
  void stackTracesGroupByExceptionTypeAndInAppFramesWithoutLineNumbers() {
    StackTrace first =
        new StackTrace(
            "java",
            "java.lang.IllegalStateException",
            "bad state 42",
            List.of(
                new StackFrame("java.util.HashMap", "get", "HashMap.java", 10L),
                new StackFrame("com.acme.Repo", "load", "Repo.java", 55L),
                new StackFrame("com.acme.Repo", "load", "Repo.java", 55L),
                new StackFrame("org.springframework.web.Dispatcher", "run", "D.java", 1L),
                new StackFrame("com.acme.Api", "lambda$handle$12", "Api.java", 7L),
                new StackFrame("com.acme.Main", "main", "Main.java", 3L)));
    StackTrace moved =
        new StackTrace(
            "java",
            "java.lang.IllegalStateException",
            "bad state 43",
            List.of(
                new StackFrame("com.acme.Repo", "load", "Repo.java", 61L),
                new StackFrame("org.springframework.web.Dispatcher", "run", "D.java", 9L),
                new StackFrame("com.acme.Api", "lambda$handle$3", "Api.java", 8L),
                new StackFrame("com.acme.Other", "unused", "Other.java", 3L)));
    Fingerprint a =
        FINGERPRINTER.fingerprint(entry("api", null, Severity.ERROR, "app", "x 1", first));
    Fingerprint b =
        FINGERPRINTER.fingerprint(entry("api", null, Severity.ERROR, "app", "y 2", moved));
    assertThat(a.template())
        .isEqualTo(
            "java.lang.IllegalStateException at com.acme.Repo.load < com.acme.Api.lambda$handle$"
                + " < com.acme.Main.main");
    assertThat(b.template())
        .isEqualTo(
            "java.lang.IllegalStateException at com.acme.Repo.load < com.acme.Api.lambda$handle$"
                + " < com.acme.Other.unused");
    StackTrace libraryOnly =
        new StackTrace(
            "python",
            "KeyError",
            "",
            List.of(new StackFrame(null, "get", "/usr/lib/python3/site-packages/x.py", 3L)));
    assertThat(
            FINGERPRINTER
                .fingerprint(entry("api", null, Severity.ERROR, "app", "", libraryOnly))
                .template())
        .isEqualTo("KeyError at /usr/lib/python3/site-packages/x.py.get");
  }

  @Test
  void templatesWithEqualHashCodesKeepTheirOwnIdsInTheMemo() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    Fingerprinter fingerprinter = new Fingerprinter(RULES);
    for (int round = 0; round < 2; round++) {
      for (String message : List.of("Aa", "BB")) {
        Fingerprint f = fingerprinter.fingerprintMessage(message);
        assertThat(f.template()).isEqualTo(message);
        assertThat(f.id())
            .isEqualTo(
                Fingerprinter.sha256Hex(Fingerprinter.canonical("", "", "", "", false, message)));
      }
    }
  }

  @Test
  void aRedactedSecretDoesNotStayInTheTokenizerBuffer() {
    // The redacted text is shorter, so rewriting the buffer with it would leave the secret's tail.
    FINGERPRINTER.fingerprintMessage("login password=hunter2-with-a-long-secret-tail");
    char[] buffer = Tokenizer.current().load("");
    assertThat(new String(buffer)).doesNotContain("secret-tail");
  }

  @Test
  void shuffledAndSplitCorpusGetsIdenticalAssignments() throws Exception {
    List<String> corpus = RepositoryCorpus.messages();
    Map<String, String> reference = new HashMap<>();
    for (String message : corpus) {
      reference.put(message, FINGERPRINTER.fingerprintMessage(message).id());
    }
    List<String> shuffled = new ArrayList<>(corpus);
    Collections.shuffle(shuffled, new Random(7));
    int third = shuffled.size() / 3;
    List<List<String>> parts =
        List.of(
            shuffled.subList(0, third),
            shuffled.subList(third, 2 * third),
            shuffled.subList(2 * third, shuffled.size()));
    for (List<String> part : parts) {
      Fingerprinter worker = roundTrip(new Fingerprinter(RuleSet.loadDefault()));
      for (String message : part) {
        assertThat(worker.fingerprintMessage(message).id()).isEqualTo(reference.get(message));
      }
    }
  }

  @Test
  void aSerializedFingerprinterCarriesItsRulesButRebuildsTheTriggerIndex() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(FINGERPRINTER);
    }
    // The rules and the secrets catalog (about 200 detectors) travel; the trigger indexes, over
    // 130 KB of mostly empty slots each and one per guarded list, do not.
    assertThat(bytes.size()).as("serialized size").isLessThan(150_000);
    Fingerprinter copy = roundTrip(FINGERPRINTER);
    for (String message :
        List.of(
            "login failed password=hunter2 for bob@example.com",
            "request_id=ab12 card 4111 1111 1111 1111 charged",
            "GET https://app:s3cr3t@db.internal/x took 12ms")) {
      assertThat(copy.fingerprintMessage(message))
          .isEqualTo(FINGERPRINTER.fingerprintMessage(message));
      assertThat(copy.fingerprintMessage(message).redactedMessage()).isNotEqualTo(message);
    }
  }

  /** {@code value} written with Java serialization and read back, as a runner copies it. */
  @SuppressWarnings("unchecked") // what was written is read back
  static <T extends Serializable> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = FingerprinterTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .toList();
    }
  }

  /** A Cloud Run request log entry as the sink delivers it: httpRequest and no payload. */
  /**
   * A repeated message takes its fingerprint from the memo of recent messages; it must be the one
   * the whole path gives, for messages with and without something to redact or mask.
   */
  @Test
  void aRepeatedMessageGetsTheFingerprintAFreshFingerprinterGives() {
    Fingerprinter repeating = new Fingerprinter(RULES);
    for (String message :
        List.of(
            "Connection reset by peer",
            "block blk_-1608999687919862906 served to /10.250.19.102:50010",
            "GET /cart/7 HTTP/1.1 503",
            "login for user=alice password=hunter2 failed",
            "mail from ops@example.com queued")) {
      Fingerprint expected = new Fingerprinter(RULES).fingerprintMessage(message);
      for (int time = 0; time < 3; time++) {
        assertThat(repeating.fingerprintMessage(message)).as(message).isEqualTo(expected);
      }
    }
  }

  /**
   * A stream that does not repeat itself pauses the memo, so that it does not pay for lookups that
   * find nothing; after the pause the memo is looked at again, and a stream that repeats itself
   * keeps it.
   */
  @Test
  void theMemoPausesWhileMessagesDoNotRepeatAndIsTriedAgainAfterThePause() {
    Fingerprinter distinct = new Fingerprinter(RULES);
    for (int i = 0; i < Fingerprinter.JUDGED_AFTER; i++) {
      distinct.fingerprintMessage("job " + i + " started on worker " + (i * 7919));
    }
    assertThat(distinct.memoPaused()).isTrue();
    for (int i = 0; i < Fingerprinter.PAUSE; i++) {
      distinct.fingerprintMessage("job " + i + " finished");
    }
    assertThat(distinct.memoPaused()).isFalse();

    Fingerprinter repeating = new Fingerprinter(RULES);
    for (int i = 0; i < 2 * Fingerprinter.JUDGED_AFTER; i++) {
      repeating.fingerprintMessage(i % 5 == 0 ? "job " + i + " started" : "heartbeat ok");
    }
    assertThat(repeating.memoPaused()).isFalse();
  }

  @Test
  void aRepeatedMessageOfAnotherOriginKeepsTheFingerprintOfItsOwn() {
    Fingerprinter repeating = new Fingerprinter(RULES);
    String message = "cache miss for order 1841";
    Fingerprint api =
        repeating.fingerprint(entry("api", "api-1", Severity.INFO, "cache", message, null));
    Fingerprint web =
        repeating.fingerprint(entry("web", "web-1", Severity.INFO, "cache", message, null));

    assertThat(web.id()).isNotEqualTo(api.id());
    assertThat(web)
        .isEqualTo(
            new Fingerprinter(RULES)
                .fingerprint(entry("web", "web-1", Severity.INFO, "cache", message, null)));
  }

  /**
   * A message seen without secrets elsewhere in its entry, then again with a secret-named label
   * whose value it holds: the repeat is scrubbed of that value, as on the whole path.
   */
  @Test
  void aRepeatedMessageIsScrubbedOfAValueFoundElsewhereInItsEntry() {
    Fingerprinter repeating = new Fingerprinter(RULES);
    String message = "upstream answered 401 to Zq8vN3xR7tL2wP5k";
    LogEntry plain = entry("api", "api-1", Severity.ERROR, "client", message, null);
    LogEntry labelled =
        entry(
            plain.service(),
            Map.of("api_token", "Zq8vN3xR7tL2wP5k"),
            Severity.ERROR,
            plain.logger(),
            message,
            null);

    assertThat(repeating.fingerprint(plain).redactedMessage()).isEqualTo(message);
    Findings findings = new Findings();
    Fingerprint repeat = repeating.fingerprint(labelled, findings);

    assertThat(repeat.redactedMessage()).isEqualTo("upstream answered 401 to <SECRET>");
    assertThat(findings.isEmpty()).isFalse();
  }

  /**
   * A rule may record what it matched and leave the text as it was (its replacement equal to the
   * match). Asked for as bare text, without findings, such a message is remembered; asked for again
   * in an entry of the same (empty) origin with findings, it is not taken from the memo, so the
   * findings still receive the record.
   */
  @Test
  void aMessageRememberedWithoutFindingsStillRecordsIntoFindings() {
    RuleSet rules =
        RuleSet.parse(
            """
            version: '1'
            rules:
              - id: marker
                description: A marker kept as it is.
                stage: redact
                triggers: ['marker']
                pattern: 'marker'
                replace_with: 'marker'
                examples:
                  - input: 'a marker'
                    output: 'a marker'
            """,
            "test");
    Fingerprinter repeating = new Fingerprinter(rules);
    repeating.fingerprintMessage("a marker here");
    Findings findings = new Findings();
    repeating.fingerprint(
        entry(
            new ServiceIdentity(null, "", "", null, null, null),
            Map.of(),
            Severity.INFO,
            null,
            "a marker here",
            null),
        findings);

    assertThat(findings.counts()).containsEntry("marker", 1);
  }

  private static LogEntry requestEntry(String method, String url, int status) {
    String json =
        """
        {"httpRequest":{"requestMethod":"%s","requestUrl":"%s","status":%d,
         "responseSize":"412","userAgent":"Mozilla/5.0","remoteIp":"203.0.113.7",
         "serverIp":"10.8.0.2","latency":"0.011904s","protocol":"HTTP/1.1"},
         "insertId":"66f1c2a3000b5e1d9a7c3f12","resource":{"type":"cloud_run_revision",
         "labels":{"service_name":"storefront","revision_name":"storefront-00042-xiz",
         "location":"europe-west1","project_id":"shop-prod"}},
         "timestamp":"2026-11-28T10:00:00.123456Z","severity":"%s",
         "logName":"projects/shop-prod/logs/run.googleapis.com%%2Frequests",
         "trace":"projects/shop-prod/traces/4bf92f3577b34da6a3ce929d0e0e4736",
         "receiveTimestamp":"2026-11-28T10:00:00.234567Z"}
        """
            .formatted(method, url, status, status >= 500 ? "ERROR" : "INFO");
    ParseResult result =
        new LogEntryParser().parse(json.getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).entry();
  }

  @Test
  void requestEntriesKeepMethodRouteAndStatusInTheirIdentity() {
    Fingerprint cart503 =
        FINGERPRINTER.fingerprint(
            requestEntry("GET", "https://storefront-abc-ew.a.run.app/cart/8812?ref=mail", 503));
    Fingerprint otherCart503 =
        FINGERPRINTER.fingerprint(
            requestEntry("GET", "https://storefront-abc-ew.a.run.app/cart/17", 503));
    Fingerprint cart504 =
        FINGERPRINTER.fingerprint(
            requestEntry("GET", "https://storefront-abc-ew.a.run.app/cart/17", 504));
    Fingerprint products200 =
        FINGERPRINTER.fingerprint(
            requestEntry("GET", "https://storefront-abc-ew.a.run.app/products/8812", 200));
    Fingerprint products204 =
        FINGERPRINTER.fingerprint(
            requestEntry("GET", "https://storefront-abc-ew.a.run.app/products/99", 204));
    Fingerprint cart200 =
        FINGERPRINTER.fingerprint(
            requestEntry("GET", "https://storefront-abc-ew.a.run.app/cart/8812", 200));
    Fingerprint postCart503 =
        FINGERPRINTER.fingerprint(
            requestEntry("POST", "https://storefront-abc-ew.a.run.app/cart/8812", 503));

    assertThat(cart503.template()).isEqualTo("GET /cart/<NUM> 503");
    assertThat(products200.template()).isEqualTo("GET /products/<NUM> 2xx");
    assertThat(otherCart503.id()).isEqualTo(cart503.id());
    assertThat(products204.id()).isEqualTo(products200.id());
    assertThat(
            List.of(cart503.id(), cart504.id(), products200.id(), cart200.id(), postCart503.id()))
        .doesNotHaveDuplicates();
  }

  private static LogEntry entry(
      String service,
      String revision,
      Severity severity,
      String logger,
      String message,
      StackTrace trace) {
    return entry("shop-prod", service, revision, severity, logger, message, trace);
  }

  private static LogEntry entry(
      String project,
      String service,
      String revision,
      Severity severity,
      String logger,
      String message,
      StackTrace trace) {
    return entry(
        new ServiceIdentity(project, "cloud_run_revision", service, revision, null, null),
        Map.of(),
        severity,
        logger,
        message,
        trace);
  }

  private static LogEntry entry(
      ServiceIdentity service,
      Map<String, String> labels,
      Severity severity,
      String logger,
      String message,
      StackTrace trace) {
    return new LogEntry(
        Instant.parse("2026-11-28T10:00:00Z"),
        TimestampSource.ENTRY,
        null,
        null,
        null,
        null,
        severity,
        false,
        service,
        labels,
        null,
        null,
        null,
        null,
        logger,
        message,
        trace,
        null);
  }
}
