package dev.loggardener.replay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Publishes an exported file of LogEntry lines (NDJSON, optionally gzipped) at a steady rate, the
 * way a log sink would have delivered them, printing progress about once a second.
 *
 * <p>Every non-empty line becomes one message; empty lines are counted and reported, never sent.
 */
public final class Replayer {
  private static final long SECOND = 1_000_000_000L;
  private static final int MAX_BATCH = 500;

  /**
   * What a replay did.
   *
   * @param published messages published
   * @param withoutTimestamp of those, messages sent without the timestamp attribute
   * @param emptyLines empty lines skipped
   * @param seconds how long it took
   */
  public record Summary(long published, long withoutTimestamp, long emptyLines, double seconds) {}

  private final Publisher publisher;
  private final Pacer pacer;
  private final PrintStream progress;

  public Replayer(Publisher publisher, Pacer pacer, PrintStream progress) {
    this.publisher = publisher;
    this.pacer = pacer;
    this.progress = progress;
  }

  /**
   * Replays {@code file}.
   *
   * @param messages how lines become messages (and how their time is shifted)
   * @param ratePerSecond messages per second, or 0 for as fast as the topic accepts them
   */
  public Summary replay(Path file, SinkMessages messages, long ratePerSecond)
      throws IOException, InterruptedException {
    int batchSize =
        ratePerSecond == 0 ? MAX_BATCH : (int) Math.max(1, Math.min(MAX_BATCH, ratePerSecond / 10));
    long started = pacer.nanoTime();
    long nextReport = started + SECOND;
    long published = 0;
    long withoutTimestamp = 0;
    long empty = 0;
    List<PubsubMessage> batch = new ArrayList<>(batchSize);
    try (InputStream in = open(file)) {
      for (byte[] line = readLine(in); line != null; line = readLine(in)) {
        if (line.length == 0) {
          empty++;
          continue;
        }
        PubsubMessage message = messages.toMessage(line);
        if (!message.attributes().containsKey(PubsubMessage.TIMESTAMP_ATTRIBUTE)) {
          withoutTimestamp++;
        }
        batch.add(message);
        if (batch.size() == batchSize) {
          waitForTurn(started, published, ratePerSecond);
          publisher.publish(List.copyOf(batch));
          published += batch.size();
          batch.clear();
          if (pacer.nanoTime() >= nextReport) {
            report(published, started);
            nextReport += SECOND;
          }
        }
      }
    }
    if (!batch.isEmpty()) {
      waitForTurn(started, published, ratePerSecond);
      publisher.publish(List.copyOf(batch));
      published += batch.size();
    }
    report(published, started);
    return new Summary(
        published, withoutTimestamp, empty, (pacer.nanoTime() - started) / (double) SECOND);
  }

  /** The latest entry time in {@code file}, read in a first pass to shift the day to now. */
  public static Optional<Instant> latestTime(Path file) throws IOException {
    Instant latest = null;
    try (InputStream in = open(file)) {
      for (byte[] line = readLine(in); line != null; line = readLine(in)) {
        Optional<Instant> time = SinkMessages.latestTime(line);
        if (time.isPresent() && (latest == null || time.get().isAfter(latest))) {
          latest = time.get();
        }
      }
    }
    return Optional.ofNullable(latest);
  }

  private void waitForTurn(long started, long published, long ratePerSecond)
      throws InterruptedException {
    if (ratePerSecond == 0) {
      return;
    }
    long due = started + published * SECOND / ratePerSecond;
    long now = pacer.nanoTime();
    if (due > now) {
      pacer.sleepNanos(due - now);
    }
  }

  private void report(long published, long started) {
    double seconds = Math.max(1e-9, (pacer.nanoTime() - started) / (double) SECOND);
    progress.printf("replay: %d messages published (%.1f/s)%n", published, published / seconds);
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b ? new BufferedInputStream(new GZIPInputStream(in)) : in;
  }

  /** The next line's bytes without its terminator, or null at the end. */
  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    int b = in.read();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n') {
      line.write(b);
      b = in.read();
    }
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      return java.util.Arrays.copyOf(bytes, length - 1);
    }
    return bytes;
  }
}
