package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextSeverityTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          gunicorn           | ERROR    | [2023-11-06 09:14:02 +0000] [7] [ERROR] Worker (pid:8) was sent SIGKILL! Perhaps out of memory?
          uvicorn            | INFO     | INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)
          python basicConfig | WARNING  | WARNING:root:Watch out!
          python asctime     | DEBUG    | 2005-03-19 15:10:26,618 - simple_example - DEBUG - debug message
          logback default    | DEBUG    | 20:44:30.155 [main] DEBUG chapters.introduction.HelloWorld1 - Hello world.
          log4j2 with date   | WARNING  | 2024-05-02 14:03:11,412 [http-nio-8080-exec-4] WARN  com.acme.cart.CartService - cart 91 has no owner
          spring boot 3      | INFO     | 2024-08-22T11:50:08.418Z  INFO 36112 --- [myapp] [           main] o.s.b.d.f.logexample.MyApplication       : Starting MyApplication using Java 17.0.12 with PID 36112
          spring boot 2      | ERROR    | 2019-03-05 10:57:51.112 ERROR 45469 --- [           main] o.s.boot.SpringApplication               : Application run failed
          klog               | ERROR    | E0918 14:25:39.012345       1 reflector.go:138] k8s.io/client-go/informers/factory.go:134: Failed to watch *v1.Pod: Unauthorized
          glog fatal         | CRITICAL | F1206 10:00:00.000000 12 main.go:40] could not open config: permission denied
          rails              | ERROR    | E, [2024-03-12T10:15:02.123456 #1] ERROR -- : [a1b2c3d4] ActiveRecord::ConnectionNotEstablished (could not connect to server)
          ruby logger info   | INFO     | I, [2024-03-12T10:15:01.998001 #1]  INFO -- : Completed 200 OK in 12ms (Views: 3.1ms | ActiveRecord: 1.2ms)
          nginx error log    | ERROR    | `2023/09/11 10:15:02 [error] 29#29: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: _, request: "GET / HTTP/1.1"`
          nginx warn         | WARNING  | 2023/09/11 10:15:03 [warn] 29#29: *9 an upstream response is buffered to a temporary file
          apache 2.4         | ERROR    | [Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico
          apache 2.2         | ERROR    | [Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server configuration: /export/home/live/ap/htdocs/test
          go slog text       | WARNING  | time=2023-10-15T10:00:00.000Z level=WARN msg="disk almost full" free=2GB
          logrus text        | CRITICAL | `time="2015-03-26T01:27:38-04:00" level=fatal msg="The ice breaks!" number=100 omg=true`
          go log with slog   | INFO     | 2023/08/04 16:09:19 INFO hello count=3
          log4j ts - level   | WARNING  | 2024-02-11 08:15:02,117 - WARN  [SyncThread:0:FileTxnLog@338] - fsync-ing the write ahead log in SyncThread:0 took 1375ms
          log4j two-digit yr | WARNING  | 17/06/09 20:11:11 WARN storage.BlockManager: Block rdd_2_3 already exists on this machine; not re-adding it
          leading bracket    | ERROR    | [ERROR] pool exhausted
          indented           | WARNING  | `   WARNING: low disk`
          """)
  void readsTheLevelEachCommonLayoutStates(String layout, Severity expected, String line) {
    assertThat(TextSeverity.of(line)).as(layout).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Error rate is fine",
        "user info updated",
        "2024-01-02 10:00:00 Started worker pool",
        "2024-01-02 10:00:00 error count is 0",
        "[2025-08-19 20:57:37 +0000] [worker] request done",
        "[MAIN MODE] [info] not after a timestamp",
        "E1306 10:00:00.000000 1 main.go:1] no such month",
        "Z, [2024-03-12T10:15:02.123456 #1] ERROR -- : not a logger letter",
        "log level=verbose is not a level",
        "starting\n[ERROR] a level on the second line is not read",
        "GET /api/users 200",
      })
  void findsNoLevelWhereTheLineStatesNone(String line) {
    assertThat(TextSeverity.of(line)).isEmpty();
  }

  @Test
  void readsOnlyTheFirstPrefixCharactersOfTheLine() {
    String field = " level=error";
    String fits = "a".repeat(TextSeverity.PREFIX_CHARS - field.length()) + field;
    assertThat(TextSeverity.of(fits)).contains(Severity.ERROR);
    assertThat(TextSeverity.of("a" + fits)).isEmpty();
  }
}
