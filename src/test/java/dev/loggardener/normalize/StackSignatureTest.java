package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.logentry.StackFrame;
import dev.loggardener.logentry.StackTrace;
import dev.loggardener.logentry.StackTraceParser;
import dev.loggardener.logentry.TraceFixtures;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackSignatureTest {
  private static final StackTraceParser PARSER = new StackTraceParser();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          dotnet-aspnetcore.txt       | System.NullReferenceException at Contoso.Orders.Services.PricingService.<>c__DisplayClass_.<GetTotal>b__ < Contoso.Orders.Services.PricingService.GetTotal < Contoso.Orders.Controllers.OrdersController.GetTotal
          dotnet-inner-exceptions.txt | System.Net.Sockets.SocketException at Contoso.Pricing.PriceListClient.LoadAsync < Program.<Main>$ < Program.<Main>
          ruby-cause.txt              | Errno::ECONNREFUSED at /app/app/services/payment_gateway.rb.PaymentGateway#post < /app/app/services/payment_gateway.rb.PaymentGateway#charge < /app/app/controllers/checkouts_controller.rb.CheckoutsController#create
          ruby-rails.txt              | NoMethodError at app/models/user.rb.display_name < app/views/users/show.html.erb._app_views_users_show_html_erb___ < app/controllers/users_controller.rb.show
          php-uncaught.txt            | PDOException at PDO.__construct < App\\Db.connect < App\\Repository\\OrderRepository.find
          php-type-error.txt          | TypeError at App\\Cart\\Cart.add < App\\Http\\CartController.add < /var/www/public/index.php.{main}
          """)
  void signsEachRuntimeByItsExceptionTypeAndTopInAppFrames(String fixture, String signature)
      throws IOException {
    StackTrace trace = PARSER.parse(TraceFixtures.read(fixture)).orElseThrow();
    assertThat(StackSignature.of(trace)).isEqualTo(signature);
  }

  @Test
  void neverTakesADotNetDynamicMethodForAnInAppFrameNorKeepsItsCounter() {
    StackTrace thrownInGlue =
        new StackTrace(
            "dotnet",
            "System.InvalidCastException",
            "",
            List.of(
                new StackFrame(null, "lambda_method12", null, null),
                new StackFrame(
                    "Microsoft.AspNetCore.Mvc.Infrastructure.Executor", "Execute", null, null)));
    assertThat(StackSignature.of(thrownInGlue))
        .isEqualTo(
            "System.InvalidCastException at lambda_method"
                + " < Microsoft.AspNetCore.Mvc.Infrastructure.Executor.Execute");
  }

  @Test
  void dotNetCompilerGeneratedNamesKeepTheirSignatureWhenTheirNumbersChange() {
    StackTrace before = lambda("<>c__DisplayClass4_0", "<GetTotal>b__0");
    StackTrace after = lambda("<>c__DisplayClass7_1", "<GetTotal>b__2");
    assertThat(StackSignature.of(before)).isEqualTo(StackSignature.of(after));
  }

  @Test
  void keepsTheSignaturesOfJavaNamesThatLookGenerated() {
    StackTrace java =
        new StackTrace(
            "java",
            "java.lang.IllegalStateException",
            "",
            List.of(new StackFrame("com.acme.v2.Cart", "<init>", "Cart.java", 3L)));
    assertThat(StackSignature.of(java))
        .isEqualTo("java.lang.IllegalStateException at com.acme.v2.Cart.<init>");
  }

  private static StackTrace lambda(String closure, String method) {
    return new StackTrace(
        "dotnet",
        "System.NullReferenceException",
        "",
        List.of(new StackFrame("Contoso.V2.PricingService." + closure, method, null, null)));
  }
}
