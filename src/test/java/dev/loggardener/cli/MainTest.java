package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aHeapThatRunsOutOnTheCommandsThreadGivesOneLineSayingWhatToDo() {
    int status = runFailing(new OutOfMemoryError("Java heap space"));

    assertThat(status).isEqualTo(1);
    assertThat(errorLines()).containsExactly("log-gardener failing: " + Main.OUT_OF_MEMORY);
  }

  @Test
  void aHeapThatRunsOutInAPipelineWorkerGivesTheSameLine() {
    int status =
        runFailing(
            new RuntimeException(
                "pipeline failed", new IllegalStateException(new OutOfMemoryError())));

    assertThat(status).isEqualTo(1);
    assertThat(errorLines()).containsExactly("log-gardener failing: " + Main.OUT_OF_MEMORY);
  }

  @Test
  void otherFailuresKeepTheirOwnMessage() {
    int status = runFailing(new IllegalStateException("table x is missing"));

    assertThat(status).isEqualTo(1);
    assertThat(errorLines()).containsExactly("log-gardener failing: table x is missing");
  }

  private int runFailing(Throwable failure) {
    Command failing =
        new Command() {
          @Override
          public String name() {
            return "failing";
          }

          @Override
          public String summary() {
            return "fails";
          }

          @Override
          public int run(String[] args, PrintStream o, PrintStream e) throws Exception {
            if (failure instanceof Error error) {
              throw error;
            }
            throw (Exception) failure;
          }
        };
    return Main.run(
        new String[] {"failing"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        List.of(failing));
  }

  private List<String> errorLines() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
