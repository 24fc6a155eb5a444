package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCommandTest {
  private static final List<String> LINES =
      List.of(
          "2026-11-28 10:00:01 INFO auth: session opened for user alice by (uid=0)",
          "2026-11-28 10:00:02 INFO auth: session opened for user bob by (uid=1000)",
          "2026-11-28 10:00:03 INFO auth: session opened for user carol by (uid=1001)",
          "2026-11-28 10:00:04 WARN auth: Auth unreachable after 0.51s - preventing WebSocket timeout",
          "2026-11-28 10:00:05 WARN auth: Auth unreachable after 0.49s - preventing WebSocket timeout",
          "2026-11-28 10:00:06 WARN auth: Auth connectivity check timed out after 0.5s",
          "2026-11-28 10:00:07 INFO web: 169.254.169.126:49090 - \"GET /health/ready HTTP/1.1\" 200",
          "2026-11-28 10:00:08 INFO web: 169.254.169.1:50122 - \"GET /health/ready HTTP/1.1\" 200",
          "2026-11-28 10:00:09 ERROR db: login failed password=hunter2 for <admin>",
          "not a header line at all");
  private static final String FORMAT = "<Date> <Time> <Level> <Component>: <Content>";

  @Test
  void writesOneObjectPerLineInOrderWithGroupFineFingerprintAndTemplate(@TempDir Path dir)
      throws Exception {
    List<JsonObject> rows = parse(run(write(dir, "in.log", LINES), FORMAT));
    assertThat(rows).hasSize(LINES.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonObject row = rows.get(i);
      assertThat(row.get("line").getAsInt()).isEqualTo(i + 1);
      assertThat(row.get("fingerprint").getAsString()).matches("[0-9a-f]{64}");
      assertThat(row.get("fine_fingerprint").getAsString()).matches("[0-9a-f]{64}");
      assertThat(row.has("template")).isTrue();
    }
    assertThat(rows.get(0).get("fingerprint")).isEqualTo(rows.get(2).get("fingerprint"));
    assertThat(rows.get(0).get("template").getAsString())
        .isEqualTo("session opened for user <*> by (uid=<*>)");
    assertThat(rows.get(3).get("fine_fingerprint")).isEqualTo(rows.get(4).get("fine_fingerprint"));
    assertThat(rows.get(3).get("fingerprint")).isNotEqualTo(rows.get(5).get("fingerprint"));
    assertThat(rows.get(6).get("fingerprint")).isEqualTo(rows.get(7).get("fingerprint"));
    assertThat(rows.get(8).get("redacted_message").getAsString())
        .isEqualTo("login failed password=<SECRET> for <admin>");
    assertThat(rows.get(9).get("header_matched").getAsBoolean()).isFalse();
    assertThat(rows.get(0).has("header_matched")).isFalse();
  }

  @Test
  void writesEveryLineExactlyAsGsonRendersItsObject(@TempDir Path dir) throws Exception {
    List<String> hostile = new ArrayList<>(LINES);
    hostile.addAll(
        List.of(
            "quote \" backslash \\ tab \t bell \u0007 nul \u0000 del \u007f",
            "html <script>alert('x')</script> & = ' ` >",
            "separators \u2028 and \u2029, bom \ufeff, emoji \ud83d\ude80",
            "é ü 日本語 password=\"s3cr3t\\\"x\"",
            ""));
    String output = run(write(dir, "hostile.log", hostile), FORMAT);
    Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    List<String> lines = output.lines().toList();
    assertThat(lines).hasSize(hostile.size());
    for (String line : lines) {
      JsonObject row = JsonParser.parseString(line).getAsJsonObject();
      assertThat(line).isEqualTo(gson.toJson(row));
    }
  }

  @Test
  void sameFileGivesByteIdenticalOutput(@TempDir Path dir) throws Exception {
    Path file = write(dir, "in.log", LINES);
    assertThat(run(file, FORMAT)).isEqualTo(run(file, FORMAT));
  }

  @Test
  void shuffledFileGivesEveryLineTheSameFingerprint(@TempDir Path dir) throws Exception {
    Map<String, String> reference = byMessage(LINES, run(write(dir, "a.log", LINES), null));
    List<String> shuffled = new ArrayList<>(LINES);
    Collections.shuffle(shuffled, new Random(3));
    assertThat(byMessage(shuffled, run(write(dir, "b.log", shuffled), null))).isEqualTo(reference);
  }

  @Test
  void helpDescribesTheCommand() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"fingerprint", "--help"}, print(out), print(new ByteArrayOutputStream()));
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--input FILE")
        .contains("--log-format");
  }

  @Test
  void missingInputIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(new String[] {"fingerprint"}, print(new ByteArrayOutputStream()), print(err));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--input is required");
  }

  @Test
  void formatWithoutContentIsAUsageError(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path file = write(dir, "in.log", LINES);
    int status =
        Main.run(
            new String[] {
              "fingerprint", "--input", file.toString(), "--log-format", "<Date> <Time>"
            },
            print(new ByteArrayOutputStream()),
            print(err));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no <Content> field");
  }

  @Test
  void missingFileFails(@TempDir Path dir) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"fingerprint", "--input", dir.resolve("absent.log").toString()},
            print(new ByteArrayOutputStream()),
            print(err));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
  }

  @Test
  void splitsLinesOnLfAndDropsCr() {
    assertThat(FingerprintCommand.lines("a\r\nb\n\nc")).containsExactly("a", "b", "", "c");
    assertThat(FingerprintCommand.lines("a\n")).containsExactly("a");
  }

  private static Map<String, String> byMessage(List<String> lines, String output) {
    List<JsonObject> rows = parse(output);
    Map<String, String> fingerprints = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      fingerprints.put(lines.get(i), rows.get(i).get("fingerprint").getAsString());
    }
    return fingerprints;
  }

  private static String run(Path file, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("fingerprint", "--input", file.toString()));
    if (format != null) {
      args.addAll(List.of("--log-format", format));
    }
    int status = Main.run(args.toArray(String[]::new), print(out), print(err));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<JsonObject> parse(String ndjson) {
    return ndjson.lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
  }

  private static Path write(Path dir, String name, List<String> lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
