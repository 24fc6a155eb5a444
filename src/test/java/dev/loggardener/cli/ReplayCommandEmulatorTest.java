package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.loggardener.jobs.PubsubEmulator;
import dev.loggardener.replay.PubsubMessage;
import dev.loggardener.scenario.BundledSample;
import dev.loggardener.scenario.ScenarioManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays a generated day into the real Pub/Sub emulator and pulls it back. */
class ReplayCommandEmulatorTest {
  private static final String PROJECT = "log-gardener-test";
  private static PubsubEmulator emulator;
  @TempDir static Path dir;
  private static Path day;
  private static List<String> lines;

  @BeforeAll
  static void startEmulatorAndGenerateADay() throws Exception {
    emulator = PubsubEmulator.start();
    day = dir.resolve("day.jsonl.gz");
    assertThat(run("generate", "--out", day.toString(), "--entries", "1000", "--seed", "9"))
        .isZero();
    Path plain = dir.resolve("day.jsonl");
    run("generate", "--out", plain.toString(), "--entries", "1000", "--seed", "9");
    lines = Files.readAllLines(plain, StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopEmulator() throws Exception {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void everyLineArrivesOnceWithTheSinksTimestampAttribute() throws Exception {
    String topic = "projects/" + PROJECT + "/topics/replay-plain";
    emulator.createTopic(PROJECT, "replay-plain");
    emulator.createSubscription(PROJECT, "replay-plain", "replay-plain");

    assertThat(replay(topic, "--rate", "0")).isZero();

    List<PubsubEmulator.Received> received =
        emulator.pull(PROJECT, "replay-plain", lines.size(), Duration.ofSeconds(60));
    assertThat(received)
        .extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrderElementsOf(lines);
    for (PubsubEmulator.Received message : received) {
      Optional<String> timestamp = timestamp(new String(message.data(), StandardCharsets.UTF_8));
      assertThat(Optional.ofNullable(message.attributes().get(PubsubMessage.TIMESTAMP_ATTRIBUTE)))
          .isEqualTo(timestamp);
    }
    long malformed = ScenarioManifest.of(9, 1000, BundledSample.DATE).malformed();
    assertThat(received).filteredOn(r -> r.attributes().isEmpty()).hasSize((int) malformed);
  }

  @Test
  void shiftsTheDaySoThatItsLastEntryIsTimedNow() throws Exception {
    String topic = "projects/" + PROJECT + "/topics/replay-shifted";
    emulator.createTopic(PROJECT, "replay-shifted");
    emulator.createSubscription(PROJECT, "replay-shifted", "replay-shifted");
    Instant before = Instant.now();

    assertThat(replay(topic, "--rate", "2000", "--shift-to-now")).isZero();

    List<PubsubEmulator.Received> received =
        emulator.pull(PROJECT, "replay-shifted", lines.size(), Duration.ofSeconds(60));
    assertThat(received).hasSize(lines.size());
    Instant latest =
        received.stream()
            .map(r -> r.attributes().get(PubsubMessage.TIMESTAMP_ATTRIBUTE))
            .filter(t -> t != null)
            .map(Instant::parse)
            .max(Instant::compareTo)
            .orElseThrow();
    assertThat(latest).isBetween(before.minusSeconds(5), Instant.now());
  }

  private static int replay(String topic, String... extra) {
    String[] base = {
      "replay", "--topic", topic, "--input", day.toString(), "--pubsub-root-url", emulator.rootUrl()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return run(args);
  }

  private static int run(String... args) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
    int status = Main.run(args, stream, stream);
    if (status != 0) {
      throw new AssertionError(String.join(" ", args) + " failed:\n" + sink);
    }
    return status;
  }

  private static Optional<String> timestamp(String line) {
    try {
      JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      return json.has("timestamp")
          ? Optional.of(json.get("timestamp").getAsString())
          : Optional.empty();
    } catch (JsonParseException | IllegalStateException e) {
      return Optional.empty();
    }
  }
}
