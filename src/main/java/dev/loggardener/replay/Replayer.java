package dev.loggardener.replay;

import dev.loggardener.logentry.ExportReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Publishes an exported file of LogEntries (NDJSON or a JSON array, optionally gzipped) at a steady
 * rate, the way a log sink would have delivered them, printing progress about once a second.
 *
 * <p>Every entry {@link ExportReader} yields becomes one message, byte for byte, malformed ones
 * included.
 */
public final class Replayer {
  private static final long SECOND = 1_000_000_000L;
  private static final int MAX_BATCH = 500;

  /**
   * What a replay did.
   *
   * @param published messages published
   * @param withoutTimestamp of those, messages sent without the timestamp attribute
   * @param seconds how long it took
   */
  public record Summary(long published, long withoutTimestamp, double seconds) {}

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
    long reported = -1;
    List<PubsubMessage> batch = new ArrayList<>(batchSize);
    try (ExportReader entries = ExportReader.open(Files.newInputStream(file))) {
      while (entries.hasNext()) {
        PubsubMessage message = messages.toMessage(entries.next());
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
            reported = published;
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
    if (published != reported) {
      report(published, started);
    }
    return new Summary(published, withoutTimestamp, (pacer.nanoTime() - started) / (double) SECOND);
  }

  /** The latest entry time in {@code file}, read in a first pass to shift the day to now. */
  public static Optional<Instant> latestTime(Path file) throws IOException {
    Instant latest = null;
    try (ExportReader entries = ExportReader.open(Files.newInputStream(file))) {
      while (entries.hasNext()) {
        Optional<Instant> time = SinkMessages.latestTime(entries.next());
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
    progress.printf(
        Locale.ROOT, "replay: %d messages published (%.1f/s)%n", published, published / seconds);
  }
}
