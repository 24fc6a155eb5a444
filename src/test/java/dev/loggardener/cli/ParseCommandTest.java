package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.loggardener.logentry.PublicSamples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<String> outLines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void printsOneObjectPerPublicSampleInInputOrder() {
    int status = run("parse", "--input", PublicSamples.file().toString());

    assertThat(status).isZero();
    List<String> lines = outLines();
    assertThat(lines).hasSize(28);
    for (int i = 0; i < lines.size(); i++) {
      JsonObject json = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      int line = i + 1;
      if (line == 9 || line == 10 || line == 24) {
        assertThat(json.get("rejected").getAsString())
            .as("line %d", line)
            .isEqualTo("no_timestamp");
        assertThat(json.get("detail").getAsString()).isNotBlank();
      } else {
        assertThat(json.has("rejected")).as("line %d", line).isFalse();
        assertThat(json.has("service") && json.has("severity") && json.has("message")).isTrue();
      }
    }
    JsonObject line12 = JsonParser.parseString(lines.get(11)).getAsJsonObject();
    assertThat(line12.getAsJsonObject("stackTrace").get("exceptionType").getAsString())
        .isEqualTo("java.lang.RuntimeException");
    assertThat(line12.getAsJsonObject("stackTrace").getAsJsonArray("frames")).hasSize(7);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("parse: 28 entries, 25 parsed, 3 rejected (no_timestamp=3)\n");
  }

  @Test
  void readsAGzippedJsonArray() throws IOException {
    Path file = dir.resolve("export.json.gz");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write(
          ("[\n {\"timestamp\": \"2024-01-01T00:00:00Z\", \"textPayload\": \"one\"},\n"
                  + " {\"textPayload\": \"no time\"},\n 7\n]\n")
              .getBytes(StandardCharsets.UTF_8));
    }

    assertThat(run("parse", "--input", file.toString())).isZero();

    List<String> lines = outLines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("\"message\":\"one\"");
    assertThat(lines.get(1)).startsWith("{\"rejected\":\"no_timestamp\"");
    assertThat(lines.get(2)).startsWith("{\"rejected\":\"not_an_object\"");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("parse: 3 entries, 1 parsed, 2 rejected (no_timestamp=1, not_an_object=1)\n");
  }

  @Test
  void readsStandardInputForADash() throws Exception {
    byte[] input =
        "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"textPayload\":\"[ERROR] from stdin\"}\n"
            .getBytes(StandardCharsets.UTF_8);
    ParseCommand command = new ParseCommand(() -> new ByteArrayInputStream(input));

    int status =
        command.run(
            new String[] {"--input", "-"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    assertThat(outLines()).singleElement().asString().contains("\"severity\":\"ERROR\"");
  }

  @Test
  void printsWhatItReadBeforeFailingOnACorruptGzipStream() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(compressed)) {
      for (int i = 0; i < 2_000; i++) {
        gz.write(
            ("{\"timestamp\":\"2024-01-01T00:00:00Z\",\"textPayload\":\"entry " + i + "\"}\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] bytes = compressed.toByteArray();
    Path file = dir.resolve("truncated.jsonl.gz");
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));

    assertThat(run("parse", "--input", file.toString())).isEqualTo(1);

    assertThat(outLines()).isNotEmpty().allMatch(line -> line.contains("\"message\":\"entry "));
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("log-gardener parse: ");
  }

  @Test
  void explainsItsOptionsOnHelp() {
    assertThat(run("parse", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: java -jar log-gardener.jar parse --input FILE")
        .contains("--input FILE");
  }

  @Test
  void isListedInTheCommandOverview() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("  parse ");
  }

  @Test
  void rejectsAMissingInputFlagAsAUsageError() {
    assertThat(run("parse")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--input is required");
  }

  @Test
  void failsWithAClearMessageWhenTheFileDoesNotExist() {
    assertThat(run("parse", "--input", dir.resolve("absent.jsonl").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
