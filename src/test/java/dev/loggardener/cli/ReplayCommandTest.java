package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplayCommandTest {
  @TempDir Path dir;
  private Path input;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
  private final ReplayCommand command =
      new ReplayCommand(
          Map.of(), Clock.fixed(Instant.parse("2026-11-28T23:00:00Z"), ZoneOffset.UTC));

  @BeforeEach
  void writeInput() throws IOException {
    input = dir.resolve("in.jsonl");
    Files.writeString(input, "not json\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--input IN | --topic is required",
        "--topic projects/p/topics/t | --input is required",
        "--topic my-topic --input IN | --topic must look like projects/P/topics/T",
        "--topic projects/p/topics/t --input /no/such/file | is not a readable file",
        "--topic projects/p/topics/t --input IN --rate -5 | --rate must be 0 or more",
        "--topic projects/p/topics/t --input IN | give --pubsub-root-url",
        "--topic projects/p/topics/t --input IN --pubsub-root-url http://127.0.0.1:1"
            + " --shift-to-now | no entry in",
        "--topic projects/p/topics/t --input IN --pubsub-root-url http://127.0.0.1:1"
            + " --shift-to-now --time-as-published | give at most one of --shift-to-now and",
      })
  void reportsUsageErrors(String args, String message) {
    String[] words = args.replace("IN", input.toString()).split(" ");
    assertThatThrownBy(() -> command.run(words, outStream, outStream))
        .isInstanceOf(Flags.UsageException.class)
        .hasMessageContaining(message);
  }

  @Test
  void printsItsOwnHelp() throws Exception {
    assertThat(command.run(new String[] {"--help"}, outStream, outStream)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--topic",
            "--rate N",
            "--pubsub-root-url URL",
            "--shift-to-now",
            "--time-as-published");
  }

  @Test
  void isListedAmongTheCommands() {
    assertThat(Main.overview()).contains("replay");
  }
}
