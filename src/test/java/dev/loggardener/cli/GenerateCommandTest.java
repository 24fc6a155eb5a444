package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesTheRequestedNumberOfLinesAndSummarisesThem() throws IOException {
    Path file = dir.resolve("day.jsonl");
    assertThat(run("generate", "--out", file.toString(), "--entries", "1500", "--seed", "3"))
        .isZero();
    assertThat(Files.readAllLines(file)).hasSize(1500);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote 1500 entries");
  }

  @Test
  void gzipsWhenAskedOrWhenTheFileEndsInGz() throws IOException {
    Path plain = dir.resolve("day.jsonl");
    Path asked = dir.resolve("asked.bin");
    Path named = dir.resolve("named.jsonl.gz");
    run("generate", "--out", plain.toString(), "--entries", "1000");
    run("generate", "--out", asked.toString(), "--entries", "1000", "--gzip");
    run("generate", "--out", named.toString(), "--entries", "1000");
    assertThat(gunzip(asked)).isEqualTo(Files.readAllBytes(plain));
    assertThat(gunzip(named)).isEqualTo(Files.readAllBytes(plain));
  }

  @Test
  void spreadsTheEntriesOverTheGivenDate() throws IOException {
    Path file = dir.resolve("day.jsonl");
    run("generate", "--out", file.toString(), "--entries", "1000", "--date", "2026-01-31");
    assertThat(Files.readAllLines(file).get(0)).contains("\"timestamp\":\"2026-01-31T");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--entries 1000 | --out is required",
        "--out x --entries 999 | --entries must be at least 1000",
        "--out x --entries many | --entries must be a whole number",
        "--out x --date 11/09/2025 | --date must look like 2025-09-11",
        "--out x --rate 5 | unknown option --rate",
      })
  void reportsUsageErrors(String args, String message) {
    String[] words = ("generate " + args).split(" ");
    assertThat(run(words)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
  }

  @Test
  void printsItsOwnHelp() {
    assertThat(run("generate", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--seed N", "--entries N", "--date YYYY-MM-DD", "--gzip");
  }

  @Test
  void isListedAmongTheCommands() {
    assertThat(Main.overview()).contains("generate");
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }
}
