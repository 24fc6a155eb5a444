package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of(
            "dotnet-aspnetcore.txt",
            new StackTrace(
                "dotnet",
                "System.NullReferenceException",
                "Object reference not set to an instance of an object.",
                List.of(
                    frame(null, "lambda_method12", null, null),
                    frame(
                        "Contoso.Orders.Services.PricingService.<>c__DisplayClass4_0",
                        "<GetTotal>b__0",
                        "/src/Contoso.Orders/Services/PricingService.cs",
                        88),
                    frame("System.Linq.Enumerable", "Sum[TSource]", null, null),
                    frame(
                        "Contoso.Orders.Services.PricingService",
                        "GetTotal",
                        "/src/Contoso.Orders/Services/PricingService.cs",
                        88),
                    frame(
                        "Contoso.Orders.Controllers.OrdersController",
                        "GetTotal",
                        "/src/Contoso.Orders/Controllers/OrdersController.cs",
                        41),
                    frame(null, "lambda_method7", null, null),
                    frame(
                        "Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor"
                            + ".SyncObjectResultExecutor",
                        "Execute",
                        null,
                        null),
                    frame(
                        "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker",
                        "<InvokeActionMethodAsync>g__Logged|12_1",
                        null,
                        null),
                    frame(
                        "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker",
                        "<InvokeNextActionFilterAsync>g__Awaited|10_0",
                        null,
                        null),
                    frame(
                        "Microsoft.AspNetCore.Routing.EndpointMiddleware",
                        "<Invoke>g__AwaitRequestTask|7_0",
                        null,
                        null),
                    frame(
                        "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl",
                        "<Invoke>g__Awaited|10_0",
                        null,
                        null)))),
        Arguments.of(
            "dotnet-inner-exceptions.txt",
            new StackTrace(
                "dotnet",
                "System.Net.Sockets.SocketException",
                "Connection refused",
                List.of(
                    frame(
                        "System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs",
                        "ThrowException",
                        null,
                        null),
                    frame(
                        "System.Net.Http.HttpConnectionPool", "ConnectToTcpHostAsync", null, null),
                    frame(
                        "System.Net.Http.HttpConnectionPool", "ConnectToTcpHostAsync", null, null),
                    frame("System.Net.Http.HttpClient", "<SendAsync>g__Core|83_0", null, null),
                    frame(
                        "Contoso.Pricing.PriceListClient",
                        "LoadAsync",
                        "/src/Contoso.Pricing/PriceListClient.cs",
                        27),
                    frame(
                        "Contoso.Pricing.PriceListClient",
                        "LoadAsync",
                        "/src/Contoso.Pricing/PriceListClient.cs",
                        33),
                    frame("Program", "<Main>$", "/src/Contoso.Pricing/Program.cs", 12),
                    frame("Program", "<Main>", null, null)))),
        Arguments.of(
            "ruby-cause.txt",
            new StackTrace(
                "ruby",
                "Errno::ECONNREFUSED",
                "Failed to open TCP connection to pay.example.com:443 (Connection refused -"
                    + " connect(2) for \"pay.example.com\" port 443)",
                List.of(
                    frame(
                        null,
                        "TCPSocket#initialize",
                        "/usr/local/lib/ruby/3.4.0/net/http.rb",
                        1665),
                    frame(null, "IO.open", "/usr/local/lib/ruby/3.4.0/net/http.rb", 1665),
                    frame(null, "PaymentGateway#post", "/app/app/services/payment_gateway.rb", 24),
                    frame(
                        null, "PaymentGateway#charge", "/app/app/services/payment_gateway.rb", 29),
                    frame(
                        null,
                        "CheckoutsController#create",
                        "/app/app/controllers/checkouts_controller.rb",
                        14)))),
        Arguments.of(
            "ruby-rails.txt",
            new StackTrace(
                "ruby",
                "NoMethodError",
                "undefined method `upcase' for nil:NilClass",
                List.of(
                    frame(null, "display_name", "app/models/user.rb", 12),
                    frame(
                        null,
                        "_app_views_users_show_html_erb__3227483012749217236_71420",
                        "app/views/users/show.html.erb",
                        3),
                    frame(null, "show", "app/controllers/users_controller.rb", 8),
                    frame(
                        null,
                        "send_action",
                        "/usr/local/bundle/gems/actionpack-7.0.4/lib/action_controller/metal/"
                            + "basic_implicit_render.rb",
                        6)))),
        Arguments.of(
            "php-uncaught.txt",
            new StackTrace(
                "php",
                "PDOException",
                "SQLSTATE[HY000] [2002] Connection refused",
                List.of(
                    frame("PDO", "__construct", "/var/www/src/Db.php", 42),
                    frame("App\\Db", "connect", "/var/www/src/Db.php", 42),
                    frame(
                        "App\\Repository\\OrderRepository",
                        "find",
                        "/var/www/src/Repository/OrderRepository.php",
                        17),
                    frame(null, "{main}", "/var/www/public/index.php", 9)))),
        Arguments.of(
            "php-type-error.txt",
            new StackTrace(
                "php",
                "TypeError",
                "App\\Cart\\Cart::add(): Argument #1 ($qty) must be of type int, string given,"
                    + " called in /var/www/src/Http/CartController.php on line 23 and defined",
                List.of(
                    frame("App\\Cart\\Cart", "add", "/var/www/src/Cart/Cart.php", 15),
                    frame(
                        "App\\Http\\CartController",
                        "add",
                        "/var/www/src/Http/CartController.php",
                        23),
                    frame(null, "call_user_func", null, null),
                    frame(
                        "Slim\\Handlers\\Strategies\\RequestResponse",
                        "__invoke",
                        "/var/www/vendor/slim/slim/Slim/Handlers/Strategies/RequestResponse.php",
                        38),
                    frame(null, "{main}", "/var/www/public/index.php", 31)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reducesDotNetRubyAndPhpTracesToTheirInnermostCause(String fixture, StackTrace expected)
      throws IOException {
    assertThat(parser.parse(TraceFixtures.read(fixture))).contains(expected);
  }

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of(
            ".NET Framework chain on one line",
            "System.Exception: load failed ---> System.IO.IOException: Disk full\n"
                + "   at Acme.Store.Save(String path)\n"
                + "   at Acme.Program.Main()",
            "System.IO.IOException",
            "Disk full"),
        Arguments.of(
            ".NET without symbols",
            "Unhandled exception. System.TimeoutException: The operation has timed out.\n"
                + "   at Acme.Jobs.Runner.Poll(TimeSpan wait)\n"
                + "   at Acme.Jobs.Program.Main(String[] args)",
            "System.TimeoutException",
            "The operation has timed out."),
        Arguments.of(
            ".NET named inline",
            "request 7 failed: System.OperationCanceledException: The operation was canceled.",
            "System.OperationCanceledException",
            "The operation was canceled."),
        Arguments.of(
            "PHP exception printed whole",
            "RuntimeException: Cart 7 is locked in /srv/src/Cart.php:12\n"
                + "Stack trace:\n"
                + "#0 /srv/public/index.php(5): App\\Cart->lock()\n"
                + "#1 {main}",
            "RuntimeException",
            "Cart 7 is locked"),
        Arguments.of(
            "PHP uncaught without message",
            "PHP Fatal error:  Uncaught Exception in /srv/x.php:3\n"
                + "Stack trace:\n"
                + "#0 {main}\n"
                + "  thrown in /srv/x.php on line 3",
            "Exception",
            ""),
        Arguments.of(
            "Ruby with a header line",
            "ActiveRecord::RecordNotFound: Couldn't find User with 'id'=7\n"
                + "/app/app/controllers/users_controller.rb:5:in 'UsersController#show'",
            "ActiveRecord::RecordNotFound",
            "Couldn't find User with 'id'=7"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void namesTheInnermostExceptionOfEachLayout(
      String layout, String text, String type, String message) {
    Optional<StackTrace> trace = parser.parse(text);
    assertThat(trace).as(layout).isPresent();
    assertThat(trace.get().exceptionType()).as(layout).isEqualTo(type);
    assertThat(trace.get().exceptionMessage()).as(layout).isEqualTo(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "we met at Acme.Offices(Main Street) yesterday",
        "   at the moment the cache is cold",
        "retrying job #0 of 3",
        "Stack trace:\n#0 is the frame number PHP starts from",
        "deploy #0 /srv/app(1): started",
        "app/models/user.rb:12:in 'User#display_name'",
        "see app/models/user.rb:12:in 'User#display_name' for the call",
        "System.Exception is the base class of every exception",
      })
  void findsNoTraceWhereATraceIsOnlyMentioned(String text) {
    assertThat(parser.parse(text)).isEmpty();
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
