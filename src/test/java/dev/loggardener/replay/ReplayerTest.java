package dev.loggardener.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerTest {
  @TempDir Path dir;
  private final List<List<PubsubMessage>> batches = new ArrayList<>();
  private final FakePacer pacer = new FakePacer();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  /** A clock that only moves when the replay sleeps or a publish takes time. */
  private static final class FakePacer implements Pacer {
    long now = 1_000_000L;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
    }
  }

  private Replayer replayer() {
    return new Replayer(
        batch -> {
          batches.add(batch);
          pacer.now += 1_000_000L;
        },
        pacer,
        new PrintStream(progress, true, StandardCharsets.UTF_8));
  }

  private Path file(int entries) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < entries; i++) {
      text.append(
          String.format(
              "{\"insertId\":\"%d\",\"timestamp\":\"2025-09-11T10:00:%02d.5Z\"}\n", i, i % 60));
    }
    Path file = dir.resolve("entries.jsonl");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void publishesEveryLineInOrder() throws Exception {
    Replayer.Summary summary = replayer().replay(file(1234), new SinkMessages(Duration.ZERO), 0);
    List<PubsubMessage> all = batches.stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(1234);
    assertThat(new String(all.get(1233).data(), StandardCharsets.UTF_8)).contains("\"1233\"");
    assertThat(summary.published()).isEqualTo(1234);
    assertThat(summary.withoutTimestamp()).isZero();
  }

  @Test
  void holdsTheRequestedRate() throws Exception {
    Replayer.Summary summary = replayer().replay(file(1000), new SinkMessages(Duration.ZERO), 200);
    assertThat(batches).allMatch(batch -> batch.size() == 20);
    assertThat(summary.seconds()).isBetween(4.9, 5.1);
    String lines = progress.toString(StandardCharsets.UTF_8);
    assertThat(lines)
        .contains("replay: 220 messages published (219.8/s)", "replay: 1000 messages published (");
    assertThat(lines.split("replay: 1000 messages")).hasSize(2);
  }

  @Test
  void readsGzippedFilesAndSendsMalformedEntriesWithoutTheAttribute() throws Exception {
    Path file = dir.resolve("entries.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          "not json\n\n{\"timestamp\":\"2025-09-11T10:00:00Z\"}\r\n\n"
              .getBytes(StandardCharsets.UTF_8));
    }
    Replayer.Summary summary = replayer().replay(file, new SinkMessages(Duration.ZERO), 0);
    List<PubsubMessage> all = batches.stream().flatMap(List::stream).toList();
    assertThat(all)
        .extracting(m -> new String(m.data(), StandardCharsets.UTF_8))
        .containsExactly("not json", "{\"timestamp\":\"2025-09-11T10:00:00Z\"}");
    assertThat(summary.withoutTimestamp()).isEqualTo(1);
  }

  @Test
  void findsTheLatestEntryTimeOfAFile() throws Exception {
    assertThat(Replayer.latestTime(file(100))).contains(Instant.parse("2025-09-11T10:00:59.5Z"));
  }

  @Test
  void stopsAtTheFirstBatchTheTopicRefuses() throws Exception {
    Replayer failing =
        new Replayer(
            batch -> {
              throw new IOException("HTTP 404: topic not found");
            },
            pacer,
            new PrintStream(progress, true, StandardCharsets.UTF_8));
    assertThatThrownBy(() -> failing.replay(file(10), new SinkMessages(Duration.ZERO), 0))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("topic not found");
  }
}
