package dev.loggardener.logentry;

import static dev.loggardener.logentry.Entries.entry;
import static dev.loggardener.logentry.Entries.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogEntryParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          textPayload                 | "textPayload":"disk full"                                         | disk full
          jsonPayload message         | "jsonPayload":{"message":"m1","msg":"m2"}                          | m1
          jsonPayload msg             | "jsonPayload":{"msg":"m2","level":"info"}                         | m2
          jsonPayload error           | "jsonPayload":{"error":"boom","code":3}                           | boom
          jsonPayload stack_trace     | "jsonPayload":{"stack_trace":"st"}                                | st
          jsonPayload exception       | "jsonPayload":{"exception":"ex"}                                  | ex
          jsonPayload stacktrace arr  | "jsonPayload":{"stacktrace":["a","b"]}                            | `a\nb`
          message as array            | "jsonPayload":{"message":["x",1,{"k":true}]}                      | `x\n1\n{"k":true}`
          message as number           | "jsonPayload":{"message":42}                                      | 42
          no message sorted keys      | "jsonPayload":{"zeta":1,"alpha":{"y":"b","x":"a"},"mid":[1.50,null]} | `{"alpha":{"x":"a","y":"b"},"mid":[1.50,null],"zeta":1}`
          audit with status message   | "protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","methodName":"m.delete","resourceName":"projects/p/x","status":{"code":7,"message":"denied"}} | `m.delete projects/p/x: denied`
          audit without status        | "protoPayload":{"methodName":"m.get","resourceName":"r","status":{"code":0}} | m.get r
          app engine request log      | "protoPayload":{"@type":"type.googleapis.com/google.appengine.logging.v1.RequestLog","line":[{"logMessage":"one"},{"logMessage":"two"}]} | `one\ntwo`
          other proto payload         | "protoPayload":{"b":2,"a":1}                                       | `{"a":1,"b":2}`
          payload-less request log    | "httpRequest":{"requestMethod":"GET","requestUrl":"https://h/p/q?x=1#f","status":404} | GET /p/q 404
          empty jsonPayload + request | "jsonPayload":{},"httpRequest":{"requestMethod":"POST","requestUrl":"/a","status":"201"} | POST /a 201
          no payload                  | "insertId":"x"                                                    | ``
          """)
  void extractsTheMessageOfEveryPayloadKind(String kind, String members, String message) {
    assertThat(parsed(entry(members)).message()).isEqualTo(message.replace("\\n", "\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          cloud_run_revision   | "resource":{"type":"cloud_run_revision","labels":{"service_name":"api","revision_name":"api-0007","location":"europe-west1"}},"labels":{"instanceId":"00af"} | - | cloud_run_revision | api | api-0007 | 00af | europe-west1
          gen-2 function       | "resource":{"type":"cloud_run_revision","labels":{"service_name":"fn","revision_name":"fn-1","location":"us-east1"}},"labels":{"goog-managed-by":"cloudfunctions"} | - | cloud_function | fn | fn-1 | - | us-east1
          cloud_run_job        | "resource":{"type":"cloud_run_job","labels":{"job_name":"nightly","location":"us-central1"}},"labels":{"run.googleapis.com/execution_name":"nightly-abc","run.googleapis.com/task_index":"3"} | - | cloud_run_job | nightly | - | nightly-abc/3 | us-central1
          k8s_container        | "resource":{"type":"k8s_container","labels":{"namespace_name":"shop","container_name":"cart","pod_name":"cart-1","location":"eu-a"}} | - | k8s_container | shop/cart | - | cart-1 | eu-a
          legacy container     | "resource":{"type":"container","labels":{"namespace_id":"ns","container_name":"web","pod_id":"web-2","zone":"us-b"}} | - | container | ns/web | - | web-2 | us-b
          gce_instance by name | "resource":{"type":"gce_instance","labels":{"instance_id":"123","zone":"us-c"}},"labels":{"compute.googleapis.com/resource_name":"vm-1"} | - | gce_instance | vm-1 | - | 123 | us-c
          gce_instance by id   | "resource":{"type":"gce_instance","labels":{"instance_id":"123","zone":"us-c"}} | - | gce_instance | 123 | - | 123 | us-c
          gae_app              | "resource":{"type":"gae_app","labels":{"module_id":"default","version_id":"v2","zone":"us-d"}} | - | gae_app | default | v2 | - | us-d
          cloud_function       | "resource":{"type":"cloud_function","labels":{"function_name":"resize","region":"asia-east1"}} | - | cloud_function | resize | - | - | asia-east1
          generic type         | "resource":{"type":"cloudsql_database","labels":{"database_id":"p:db","region":"eu"}} | - | cloudsql_database | p:db | - | - | eu
          generic without name | "resource":{"type":"global","labels":{"project_id":"p"}} | p | global | '' | - | - | -
          no resource          | "insertId":"x" | - | global | '' | - | - | -
          """)
  void derivesTheServiceIdentityOfEveryResourceType(
      String kind,
      String members,
      String project,
      String type,
      String service,
      String version,
      String instance,
      String location) {
    assertThat(parsed(entry(members)).service())
        .isEqualTo(new ServiceIdentity(project, type, service, version, instance, location));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2024-01-02T03:04:05Z, 2024-01-02T03:04:05Z",
    "2024-01-02T03:04:05.1Z, 2024-01-02T03:04:05.100Z",
    "2024-01-02T03:04:05.123456Z, 2024-01-02T03:04:05.123456Z",
    "2024-01-02T03:04:05.123456789Z, 2024-01-02T03:04:05.123456789Z",
    "2024-01-02T05:04:05.5+02:00, 2024-01-02T03:04:05.500Z",
    "2024-01-01T22:04:05-05:00, 2024-01-02T03:04:05Z",
    "2024-01-02t03:04:05z, 2024-01-02T03:04:05Z",
    "2016-12-31T23:59:60Z, 2017-01-01T00:00:00Z",
  })
  void readsRfc3339TimestampsWithAnyFractionAndOffset(String text, String expected) {
    LogEntry entry = parsed("{\"timestamp\":\"" + text + "\"}");
    assertThat(entry.timestamp()).isEqualTo(Instant.parse(expected));
    assertThat(entry.timestampSource()).isEqualTo(TimestampSource.ENTRY);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          entry timestamp wins   | {"timestamp":"2024-01-01T00:00:01Z","receiveTimestamp":"2024-01-01T00:00:02Z"} | 2024-01-01T00:00:01Z | ENTRY
          receive timestamp next | {"receiveTimestamp":"2024-01-01T00:00:02Z"}                                   | 2024-01-01T00:00:02Z | RECEIVE_TIMESTAMP
          attribute last         | {"insertId":"a"}                                                              | 2024-01-01T00:00:03Z | PUBSUB_ATTRIBUTE
          seconds and nanos      | {"timestamp":{"seconds":1704067201,"nanos":5}}                                | 2024-01-01T00:00:01.000000005Z | ENTRY
          """)
  void fallsBackFromTimestampToReceiveTimestampToAttribute(
      String kind, String json, String expected, TimestampSource source) {
    ParseResult result =
        Entries.PARSER.parse(
            json.getBytes(StandardCharsets.UTF_8),
            Map.of(LogEntryParser.TIMESTAMP_ATTRIBUTE, "2024-01-01T00:00:03Z"));
    LogEntry entry = ((ParseResult.Parsed) result).entry();
    assertThat(entry.timestamp()).isEqualTo(Instant.parse(expected));
    assertThat(entry.timestampSource()).isEqualTo(source);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          absent                   | "textPayload":"plain"                                    | DEFAULT   | false
          name                     | "severity":"WARNING"                                     | WARNING   | false
          lower-case name          | "severity":"error"                                       | ERROR     | false
          number                   | "severity":600                                           | CRITICAL  | false
          number as string         | "severity":"800"                                         | EMERGENCY | false
          alias                    | "severity":"WARN"                                        | WARNING   | false
          explicit beats payload   | "severity":"INFO","jsonPayload":{"level":"error"}        | INFO      | false
          jsonPayload level        | "jsonPayload":{"level":"warn","msg":"x"}                 | WARNING   | true
          jsonPayload severity     | "severity":"DEFAULT","jsonPayload":{"severity":"CRITICAL"} | CRITICAL | true
          jsonPayload levelname    | "jsonPayload":{"levelname":"DEBUG","message":"x"}        | DEBUG     | true
          bracket prefix           | "textPayload":"[ERROR] pool exhausted"                   | ERROR     | true
          colon prefix             | "textPayload":"  WARNING: low disk"                      | WARNING   | true
          fatal prefix             | "textPayload":"FATAL: cannot start"                      | CRITICAL  | true
          stack trace              | "textPayload":"boom\\n\\tat a.B.c(B.java:1)"             | ERROR     | true
          gunicorn layout          | "textPayload":"[2023-11-06 09:14:02 +0000] [7] [ERROR] Worker (pid:8) was sent SIGKILL!" | ERROR | true
          layout beats stack trace | "textPayload":"I0102 03:04:05.000006 1 a.go:1] retry\\n\\tat a.B.c(B.java:1)" | INFO | true
          explicit beats layout    | "severity":"NOTICE","textPayload":"[ERROR] pool exhausted"  | NOTICE    | false
          pino number              | "jsonPayload":{"level":50,"msg":"db down","pid":7}       | ERROR     | true
          bunyan number            | "jsonPayload":{"level":30,"msg":"hi","v":0}              | INFO      | true
          number out of pino range | "jsonPayload":{"level":70,"msg":"x"}                     | DEFAULT   | false
          number in another field  | "jsonPayload":{"levelname":50,"msg":"x"}                 | DEFAULT   | false
          monolog level_name       | "jsonPayload":{"level":400,"level_name":"ERROR","message":"x"} | ERROR | true
          ecs log.level            | "jsonPayload":{"log.level":"warn","message":"x"}         | WARNING   | true
          dotnet json console      | "jsonPayload":{"LogLevel":"Critical","Message":"x"}      | CRITICAL  | true
          unknown level stays      | "jsonPayload":{"level":"STATEMENT","message":"SELECT 1"} | DEFAULT   | false
          word without delimiter   | "textPayload":"Error rate is fine"                       | DEFAULT   | false
          """)
  void readsOrInfersTheSeverity(String kind, String members, Severity severity, boolean inferred) {
    LogEntry entry = parsed(entry(members));
    assertThat(entry.severity()).isEqualTo(severity);
    assertThat(entry.severityInferred()).isEqualTo(inferred);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          logger                 | "jsonPayload":{"logger":"a.b","logger_name":"c"}      | a.b
          logger_name            | "jsonPayload":{"logger_name":"c.d"}                   | c.d
          loggerName             | "jsonPayload":{"loggerName":"e"}                      | e
          python_logger label    | "labels":{"python_logger":"app.views"}                | app.views
          label before component | "labels":{"python_logger":"p"},"jsonPayload":{"component":"c"} | p
          component              | "jsonPayload":{"component":"o.e.Thing"}               | o.e.Thing
          module                 | "jsonPayload":{"module":"views"}                      | views
          not a string           | "jsonPayload":{"logger":{"name":"x"}}                 | -
          none                   | "textPayload":"x"                                     | -
          """)
  void findsTheLoggerName(String kind, String members, String logger) {
    assertThat(parsed(entry(members)).logger()).isEqualTo(logger);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          full url with query | {"requestMethod":"GET","requestUrl":"https://x.io/a/b?token=s","status":200,"latency":"0.45s"} | GET | /a/b | 200 | 450.0
          host only           | {"requestUrl":"http://x.io","latency":"1s"}                                        | -   | /    | -   | 1000.0
          relative path       | {"requestUrl":"/p?q","status":"503","latency":"0.000123456s"}                     | -   | /p   | 503 | 0.123456
          duration object     | {"latency":{"seconds":2,"nanos":500000000}}                                        | -   | -    | -   | 2500.0
          """)
  void readsTheHttpRequest(
      String kind, String request, String method, String path, Integer status, Double latency) {
    assertThat(parsed(entry("\"httpRequest\":" + request)).httpRequest())
        .isEqualTo(new HttpRequest(method, path, status, latency));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          line as string   | {"file":"a.py","line":"42","function":"f"} | a.py | 42 | f
          line as number   | {"file":"a.py","line":42}                  | a.py | 42 | -
          line not numeric | {"file":"a.py","line":"n/a"}               | a.py | -  | -
          """)
  void readsTheSourceLocation(String kind, String json, String file, Long line, String function) {
    assertThat(parsed(entry("\"sourceLocation\":" + json)).sourceLocation())
        .isEqualTo(new SourceLocation(file, line, function));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          full trace name | projects/p/traces/abc123 | abc123
          bare trace id   | abc123                   | abc123
          blank           | ''                       | -
          """)
  void reducesTheTraceToItsBareId(String kind, String trace, String expected) {
    assertThat(parsed(entry("\"trace\":\"" + trace + "\"")).trace()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          slash encoded   | projects/p/logs/run.googleapis.com%2Fstderr     | run.googleapis.com/stderr
          organization    | organizations/1/logs/cloudaudit.googleapis.com%2Factivity | cloudaudit.googleapis.com/activity
          utf-8 escape    | projects/p/logs/caf%C3%A9                       | café
          broken escape   | projects/p/logs/a%2                             | a%2
          plus stays plus | projects/p/logs/a+b                             | a+b
          """)
  void decodesTheLogId(String kind, String logName, String logId) {
    assertThat(parsed(entry("\"logName\":\"" + logName + "\"")).logId()).isEqualTo(logId);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          resource label beats log name | "resource":{"type":"cloud_run_revision","labels":{"project_id":"shop-prod","service_name":"api"}},"logName":"projects/sink-host/logs/x" | shop-prod
          resource label, no log name   | "resource":{"type":"gce_instance","labels":{"project_id":"vm-prod","instance_id":"1"}} | vm-prod
          log name when no label        | "resource":{"type":"cloud_run_revision","labels":{"service_name":"api"}},"logName":"projects/shop-dev/logs/run.googleapis.com%2Fstdout" | shop-dev
          log name when label blank     | "resource":{"type":"global","labels":{"project_id":"  "}},"logName":"projects/shop-dev/logs/x" | shop-dev
          log name without resource     | "logName":"projects/shop-dev/logs/x" | shop-dev
          organization log              | "resource":{"type":"organization","labels":{"organization_id":"123"}},"logName":"organizations/123/logs/cloudaudit.googleapis.com%2Factivity" | -
          folder log                    | "resource":{"type":"folder","labels":{"folder_id":"9"}},"logName":"folders/9/logs/cloudaudit.googleapis.com%2Factivity" | -
          billing account log           | "logName":"billingAccounts/0A-1B/logs/cloudaudit.googleapis.com%2Fdata_access" | -
          empty project in log name     | "logName":"projects//logs/x" | -
          log name with no logs part    | "logName":"projects/p" | -
          neither                       | "insertId":"x" | -
          """)
  void readsTheProjectFromTheResourceElseFromTheLogName(
      String kind, String members, String project) {
    assertThat(parsed(entry(members)).service().projectId()).isEqualTo(project);
  }

  @org.junit.jupiter.api.Test
  void recognisesSplitEntries() {
    LogEntry entry = parsed(entry("\"split\":{\"uid\":\"u-1\",\"index\":\"1\",\"totalSplits\":3}"));
    assertThat(entry.split()).isEqualTo(new Split("u-1", 1, 3));
  }

  @org.junit.jupiter.api.Test
  void keepsNumbersAndBooleansInLabelsAsTextAndSkipsNulls() {
    LogEntry entry = parsed(entry("\"labels\":{\"n\":5,\"b\":true,\"s\":\"x\",\"z\":null}"));
    assertThat(entry.labels()).isEqualTo(Map.of("n", "5", "b", "true", "s", "x"));
  }

  @org.junit.jupiter.api.Test
  void stripsEscapedNulAndControlCharactersButKeepsTabsAndNewlines() {
    LogEntry entry =
        parsed(
            entry(
                "\"textPayload\":\"a\\u0000b\\u0007c\\td\\ne\\u009bf\","
                    + "\"labels\":{\"k\\u0000\":\"v\\u0001\"}"));
    assertThat(entry.message()).isEqualTo("abc\td\nef");
    assertThat(entry.labels()).isEqualTo(Map.of("k", "v"));
  }

  @org.junit.jupiter.api.Test
  void findsTheStackTraceInASeparateFieldWhenTheMessageHasNone() {
    LogEntry entry =
        parsed(
            entry(
                "\"jsonPayload\":{\"message\":\"request failed\",\"stack_trace\":"
                    + "\"Traceback (most recent call last):\\n  File \\\"/app/h.py\\\", line 3,"
                    + " in run\\n    go()\\nKeyError: 'id'\"}"));
    assertThat(entry.message()).isEqualTo("request failed");
    assertThat(entry.stackTrace().exceptionType()).isEqualTo("KeyError");
    assertThat(entry.stackTrace().frames()).hasSize(1);
  }
}
