package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StackTraceParserTest {
  private final StackTraceParser parser = new StackTraceParser();

  private static StackFrame frame(String module, String function, String file, Integer line) {
    return new StackFrame(module, function, file, line == null ? null : line.longValue());
  }

  static Stream<Arguments> traces() {
    return Stream.of(
        Arguments.of(
            "python",
            """
            request failed
            Traceback (most recent call last):
              File "/srv/app/main.py", line 10, in handle
                process(order)
              File "/srv/app/orders.py", line 42, in process
                total = order["total"]
            KeyError: 'total'
            """,
            new StackTrace(
                "python",
                "KeyError",
                "'total'",
                List.of(
                    frame("orders", "process", "/srv/app/orders.py", 42),
                    frame("main", "handle", "/srv/app/main.py", 10)))),
        Arguments.of(
            "python chained: the first traceback is the root cause",
            """
            Traceback (most recent call last):
              File "db.py", line 5, in connect
                sock.connect(addr)
            ConnectionRefusedError: [Errno 111] Connection refused

            The above exception was the direct cause of the following exception:

            Traceback (most recent call last):
              File "app.py", line 9, in main
                db.connect()
              File "db.py", line 7, in connect
                raise DatabaseError("down") from e
            db.DatabaseError: down
            """,
            new StackTrace(
                "python",
                "ConnectionRefusedError",
                "[Errno 111] Connection refused",
                List.of(frame("db", "connect", "db.py", 5)))),
        Arguments.of(
            "java with Caused by and ... N more",
            """
            Request processing failed
            java.lang.IllegalStateException: could not load user
            \tat com.acme.UserService.load(UserService.java:40)
            \tat com.acme.Controller.get(Controller.java:12)
            \tat java.base/java.lang.Thread.run(Thread.java:840)
            Caused by: java.sql.SQLException: Connection is closed
            \tat com.zaxxer.hikari.pool.ProxyConnection.checkClosed(ProxyConnection.java:515)
            \t... 2 more
            """,
            new StackTrace(
                "java",
                "java.sql.SQLException",
                "Connection is closed",
                List.of(
                    frame(
                        "com.zaxxer.hikari.pool.ProxyConnection",
                        "checkClosed",
                        "ProxyConnection.java",
                        515),
                    frame("com.acme.Controller", "get", "Controller.java", 12),
                    frame("java.lang.Thread", "run", "Thread.java", 840)))),
        Arguments.of(
            "java exception in thread with native and unknown frames",
            """
            Exception in thread "main" java.lang.NullPointerException
            \tat sun.misc.Unsafe.park(Native Method)
            \tat com.acme.Main.main(Unknown Source)
            """,
            new StackTrace(
                "java",
                "java.lang.NullPointerException",
                "",
                List.of(
                    frame("sun.misc.Unsafe", "park", null, null),
                    frame("com.acme.Main", "main", null, null)))),
        Arguments.of(
            "java suppressed frames are skipped",
            """
            java.io.IOException: write failed
            \tat a.B.write(B.java:3)
            \tSuppressed: java.io.IOException: close failed
            \t\tat a.B.close(B.java:9)
            """,
            new StackTrace(
                "java",
                "java.io.IOException",
                "write failed",
                List.of(frame("a.B", "write", "B.java", 3)))),
        Arguments.of(
            "java inline without frames",
            "Commit log sync failed: java.io.IOException: Disk full",
            new StackTrace("java", "java.io.IOException", "Disk full", List.of())),
        Arguments.of(
            "go panic",
            """
            panic: runtime error: index out of range [5] with length 3

            goroutine 1 [running]:
            main.lookup(...)
            \t/app/main.go:8
            github.com/acme/svc/handler.(*Server).Serve(0xc000010000, {0x1, 0x2})
            \t/go/src/github.com/acme/svc/handler/server.go:42 +0x1d
            created by main.main in goroutine 1
            \t/app/main.go:20 +0x55
            exit status 2
            """,
            new StackTrace(
                "go",
                "runtime error",
                "index out of range [5] with length 3",
                List.of(
                    frame("main", "lookup", "/app/main.go", 8),
                    frame(
                        "github.com/acme/svc/handler",
                        "(*Server).Serve",
                        "/go/src/github.com/acme/svc/handler/server.go",
                        42)))),
        Arguments.of(
            "go goroutine dump without panic",
            """
            goroutine 7 [running]:
            main.work()
            \t/app/w.go:3 +0x1
            """,
            new StackTrace("go", "goroutine", "", List.of(frame("main", "work", "/app/w.go", 3)))),
        Arguments.of(
            "node",
            """
            TypeError: Cannot read properties of undefined (reading 'id')
                at getUser (/app/src/users.js:14:22)
                at async Router.handle (/app/node_modules/express/lib/router.js:284:7)
                at new Server (/app/server.js:3:9)
                at /app/index.js:7:5
                at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
            """,
            new StackTrace(
                "node",
                "TypeError",
                "Cannot read properties of undefined (reading 'id')",
                List.of(
                    frame(null, "getUser", "/app/src/users.js", 14),
                    frame("Router", "handle", "/app/node_modules/express/lib/router.js", 284),
                    frame(null, "Server", "/app/server.js", 3),
                    frame(null, null, "/app/index.js", 7),
                    frame(
                        "process",
                        "processTicksAndRejections",
                        "node:internal/process/task_queues",
                        95)))),
        Arguments.of(
            "node cause",
            """
            Error: request failed
                at fetchAll (/app/a.js:1:1)
              [cause]: Error [ERR_SOCKET]: socket hang up
                at Socket.onEnd (/app/b.js:2:3)
            """,
            new StackTrace(
                "node",
                "Error",
                "socket hang up",
                List.of(frame("Socket", "onEnd", "/app/b.js", 2)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void reducesEachLanguageToItsInnermostCause(String name, String text, StackTrace expected) {
    assertThat(parser.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "user logged in",
        "GET /api/users 200",
        "Error rate is fine",
        "loaded class com.acme.Something",
        "see docs at https://example.com (section 2)",
      })
  void findsNoTraceInOrdinaryMessages(String text) {
    assertThat(parser.parse(text)).isEmpty();
  }

  @Test
  void keepsAtMostTheFrameLimit() {
    String text =
        "java.lang.StackOverflowError\n"
            + "\tat a.B.recurse(B.java:1)\n".repeat(StackTraceParser.MAX_FRAMES + 50);
    Optional<StackTrace> trace = parser.parse(text);
    assertThat(trace).isPresent();
    assertThat(trace.get().frames()).hasSize(StackTraceParser.MAX_FRAMES);
  }

  @Test
  void ignoresLinesLongerThanTheMatchLimit() {
    String text = "java.lang.IllegalStateException: x\n\tat a.B.c(" + "x".repeat(2_000) + ")\n";
    assertThat(parser.parse(text).map(StackTrace::frames)).contains(List.of());
  }
}
