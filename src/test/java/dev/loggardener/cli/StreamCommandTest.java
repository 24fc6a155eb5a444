package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpDescribesEveryPipelineOption() {
    assertThat(run("stream", "--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    for (String option :
        new String[] {
          "--inputSubscription",
          "--inputTopic",
          "--inputFiles",
          "--issueWindowsTable",
          "--deadLettersTable",
          "--duckDbFile",
          "--bigQueryWriteMethod",
          "--windowSizeMinutes",
          "--windowsPerFiring",
          "--allowedLatenessMinutes",
          "--earlyFiringSeconds",
          "--tooLateRetentionHours",
          "--maxExamples",
          "--maxDistinctValues",
          "--hotKeyFanout",
          "--dedupeShards",
          "--rulesFile"
        }) {
      assertThat(help).contains(option);
    }
    assertThat(help).contains("Pub/Sub subscription of the Cloud Logging sink");
  }

  @Test
  void inconsistentOptionsAreAUsageError() {
    assertThat(run("stream", "--duckDbFile=x.duckdb")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("exactly one of --inputSubscription");
  }

  @Test
  void bothCommandsAreListed() {
    run("--help");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("stream").contains("run");
  }
}
