package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PublicSamplesTest {
  private static final LogEntryParser PARSER = new LogEntryParser();

  /**
   * What one sample line must parse to. A null exceptionType means no stack trace; a non-null
   * rejection means the line must be rejected for that reason.
   */
  record Expectation(
      int line,
      String resourceType,
      String service,
      Severity severity,
      boolean severityInferred,
      String messagePrefix,
      String exceptionType,
      int frames,
      RejectReason rejection) {
    @Override
    public String toString() {
      return "line " + line;
    }
  }

  private static Expectation ok(
      int line, String type, String service, Severity severity, String prefix) {
    return new Expectation(line, type, service, severity, false, prefix, null, 0, null);
  }

  private static Expectation trace(
      int line, Severity severity, String prefix, String exceptionType, int frames) {
    return new Expectation(
        line, "gce_instance", "hostname", severity, false, prefix, exceptionType, frames, null);
  }

  private static Expectation rejected(int line, RejectReason reason) {
    return new Expectation(line, null, null, null, false, null, null, 0, reason);
  }

  static final List<Expectation> EXPECTATIONS =
      List.of(
          ok(1, "test", "", Severity.DEFAULT, "GET /api/v1/users 200"),
          ok(
              2,
              "k8s_cluster",
              "ensemble-k8s-dkohl",
              Severity.DEFAULT,
              "io.k8s.coordination.v1.leases.update"
                  + " coordination.k8s.io/v1/namespaces/kube-system/leases/gcp-controller-manager"),
          ok(
              3,
              "gke_cluster",
              "edge-oblt",
              Severity.INFO,
              "google.container.v1beta1.ClusterManager.GetCluster"
                  + " projects/elastic-observability/zones/us-central1-c/clusters/edge-oblt"),
          ok(
              4,
              "gce_instance",
              "0",
              Severity.INFO,
              "compute.instances.repair.recreateInstance"
                  + " projects/elastic-observability/zones/us-central1-a/instances/"
                  + "instance-group-1-p327: Instance Group Manager 'instance-group-1' initiated"),
          ok(
              5,
              "audited_resource",
              "storage.googleapis.com",
              Severity.ERROR,
              "google.storage.buckets.get projects/elastic-siem: PERMISSION_DENIED"),
          ok(
              6,
              "http_load_balancer",
              "gcp-fixture-alb-backend-service",
              Severity.INFO,
              "{\"@type\":\"type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry\","
                  + "\"backendTargetProjectNumber\":\"projects/8560181848\",\"cacheDecision\":["),
          ok(
              7,
              "http_load_balancer",
              "bakcend-test-2",
              Severity.WARNING,
              "{\"@type\":\"type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry\","
                  + "\"backendTargetProjectNumber\":\"projects/8560181848\",\"cacheDecision\":["),
          ok(
              8,
              "dns_query",
              "",
              Severity.NOTICE,
              "{\"authAnswer\":false,\"dns64Translated\":false,\"protocol\":\"UDP\","),
          rejected(9, RejectReason.NO_TIMESTAMP),
          rejected(10, RejectReason.NO_TIMESTAMP),
          ok(11, "k8s_cluster", "dev-us-central-42", Severity.DEFAULT, ""),
          trace(
              12,
              Severity.ERROR,
              "CompactionTask.java:322 - Error during compaction\njava.lang.RuntimeException",
              "java.lang.RuntimeException",
              7),
          trace(
              13,
              Severity.ERROR,
              "CommitLog.java:874 - Commit log sync failed: java.io.IOException: Disk full",
              "java.io.IOException",
              0),
          new Expectation(
              14,
              "gce_instance",
              "hostname",
              Severity.ERROR,
              true,
              "org.apache.catalina.core.StandardWrapperValve Servlet.service() for servlet",
              "java.lang.NullPointerException",
              10,
              null),
          trace(
              15,
              Severity.INFO,
              "Error fetching data for partition events-0",
              "java.io.IOException",
              5),
          trace(
              16,
              Severity.WARNING,
              "Interrupted while waiting for message on queue",
              "java.lang.InterruptedException",
              6),
          trace(17, Severity.ERROR, "Failed to start namenode", "java.io.IOException", 5),
          trace(
              18,
              Severity.ERROR,
              "uncaught exception in thread [main]",
              "java.lang.IllegalArgumentException",
              1),
          trace(
              19,
              Severity.ERROR,
              "Error initializing core: collection1",
              "org.apache.solr.common.SolrException",
              2),
          ok(20, "gce_instance", "hostname", Severity.DEFAULT, "POST /api/users 201"),
          ok(
              21,
              "gce_instance",
              "hostname",
              Severity.ERROR,
              "connect() failed (111: Connection refused) while connecting to upstream"),
          ok(22, "gce_instance", "hostname", Severity.ERROR, "Unknown database 'invalid_db'"),
          ok(
              23,
              "gce_instance",
              "hostname",
              Severity.DEBUG,
              "SELECT * FROM customers WHERE last_login > now() - interval '30 days';"),
          // Line 24 carries no timestamp, no receiveTimestamp and, read from a file, no Pub/Sub
          // attribute: it is the same case as lines 9 and 10. Its attribute test is below.
          rejected(24, RejectReason.NO_TIMESTAMP),
          ok(
              25,
              "gce_instance",
              "",
              Severity.DEFAULT,
              "127.0.0.1 - - [26/Apr/2022:22:53:36 +0800] \"GET / HTTP/1.1\" 200 1247"),
          ok(
              26,
              "gce_instance",
              "",
              Severity.ERROR,
              "[pid 769:tid 140159306111872] AH01873: Init: Session Cache is not configured"),
          ok(27, "k8s_container", "qa/worker", Severity.INFO, "processing task"),
          ok(
              28,
              "k8s_container",
              "test-ns/nginx",
              Severity.ERROR,
              "192.0.2.10 - - [27/Mar/2024:04:09:18 +0000] 200 \"GET / HTTP/1.1\""));

  static Stream<Expectation> expectations() {
    return EXPECTATIONS.stream();
  }

  private static ParseResult parseLine(int line) {
    String text = PublicSamples.lines().get(line - 1);
    return PARSER.parse(text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  @Test
  void noticeNamesTheSourceRepositoryOfEverySample() throws IOException {
    String source =
        Files.readString(PublicSamples.file().resolveSibling("SOURCE.md"), StandardCharsets.UTF_8);
    String notice = Files.readString(Path.of("NOTICE"), StandardCharsets.UTF_8);
    Matcher repository = Pattern.compile("\\| `([\\w.-]+/[\\w.-]+)` ·").matcher(source);
    int rows = 0;
    while (repository.find()) {
      rows++;
      assertThat(notice).as("NOTICE").contains(repository.group(1));
    }
    assertThat(rows).isEqualTo(28);
  }

  @Test
  void everySampleLineHasAnExpectation() {
    List<String> lines = PublicSamples.lines();
    assertThat(lines).hasSize(28);
    assertThat(EXPECTATIONS)
        .extracting(Expectation::line)
        .containsExactlyElementsOf(Stream.iterate(1, i -> i + 1).limit(lines.size()).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void sampleLineParsesToItsWrittenExpectation(Expectation expected) {
    ParseResult result = parseLine(expected.line());
    if (expected.rejection() != null) {
      assertThat(result).isInstanceOf(ParseResult.Rejected.class);
      assertThat(((ParseResult.Rejected) result).reason()).isEqualTo(expected.rejection());
      return;
    }
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    LogEntry entry = ((ParseResult.Parsed) result).entry();
    assertThat(entry.service().resourceType()).isEqualTo(expected.resourceType());
    assertThat(entry.service().service()).isEqualTo(expected.service());
    assertThat(entry.severity()).isEqualTo(expected.severity());
    assertThat(entry.severityInferred()).isEqualTo(expected.severityInferred());
    assertThat(entry.message()).startsWith(expected.messagePrefix());
    if (expected.messagePrefix().isEmpty()) {
      assertThat(entry.message()).isEmpty();
    }
    if (expected.exceptionType() == null) {
      assertThat(entry.stackTrace()).isNull();
    } else {
      assertThat(entry.stackTrace()).isNotNull();
      assertThat(entry.stackTrace().exceptionType()).isEqualTo(expected.exceptionType());
      assertThat(entry.stackTrace().frames()).hasSize(expected.frames());
    }
  }

  @Test
  void lineWithoutTimestampParsesWhenThePubSubAttributeSuppliesOne() {
    String line24 = PublicSamples.lines().get(23);
    ParseResult result =
        PARSER.parse(
            line24.getBytes(StandardCharsets.UTF_8),
            Map.of(LogEntryParser.TIMESTAMP_ATTRIBUTE, "2025-07-21T10:14:21.125Z"));
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    LogEntry entry = ((ParseResult.Parsed) result).entry();
    assertThat(entry.timestampSource()).isEqualTo(TimestampSource.PUBSUB_ATTRIBUTE);
    assertThat(entry.severity()).isEqualTo(Severity.WARNING);
    assertThat(entry.trace()).isEqualTo("deadcafedeadc0defacefeedb0bacafe");
    assertThat(entry.spanId()).isEqualTo("facefeedb0bacafe");
    assertThat(entry.sourceLocation()).isEqualTo(new SourceLocation("file", 1L, "function"));
    assertThat(entry.labels()).containsEntry("label1", "value1");
    assertThat(entry.message()).isEqualTo("{\"normal_field\":\"value\"}");
  }

  @Test
  void allFieldsSampleKeepsRequestTraceSourceLocationAndSplit() {
    LogEntry entry = ((ParseResult.Parsed) parseLine(1)).entry();
    assertThat(entry.insertId()).isEqualTo("test");
    assertThat(entry.logId()).isEqualTo("log-test");
    assertThat(entry.trace()).isEqualTo("6a4ff0a7376921a0eb18291d8618302c");
    assertThat(entry.httpRequest()).isEqualTo(new HttpRequest("GET", "/api/v1/users", 200, 450.0));
    assertThat(entry.sourceLocation())
        .isEqualTo(new SourceLocation("test-file", 123L, "testFunction"));
    assertThat(entry.split()).isEqualTo(new Split("", 0, 0));
    assertThat(entry.receiveTimestamp()).hasToString("2024-05-05T10:32:19.455706870Z");
  }

  @Test
  void auditLogNameIsDecodedToItsLogId() {
    LogEntry entry = ((ParseResult.Parsed) parseLine(8)).entry();
    assertThat(entry.logId()).isEqualTo("dns.googleapis.com/dns_queries");
  }
}
