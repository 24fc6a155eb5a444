package dev.loggardener.jobs;

import java.util.Locale;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Instant;

/**
 * Where a running stream stands, from its counters: what it has received, counted, dead-lettered
 * and dropped as duplicates, the rows it has written, the input watermark, and the rate.
 *
 * @param received messages read ({@code parse/read})
 * @param counted entries counted in emitted panes ({@code aggregate/entries})
 * @param messageDeadLetters messages dead-lettered by a stage (parse, normalize, too late)
 * @param deadLettersWritten rows written to dead_letters, message and write failures alike
 * @param duplicates copies dropped ({@code dedupe/duplicates})
 * @param rowsWritten issue_windows rows written
 * @param storeRetries retried store writes ({@code write/store_retries})
 */
public record StreamProgress(
    long received,
    long counted,
    long messageDeadLetters,
    long deadLettersWritten,
    long duplicates,
    long rowsWritten,
    long storeRetries) {

  /** The counters of a running or finished pipeline. */
  public static StreamProgress of(PipelineResult result) {
    return new StreamProgress(
        LocalRun.counter(result, "parse", "read"),
        LocalRun.counter(result, "aggregate", "entries"),
        LocalRun.counter(result, "parse", "rejected")
            + LocalRun.counter(result, "normalize", "failed")
            + LocalRun.counter(result, "aggregate", "too_late"),
        LocalRun.counter(result, "deadletters", "written"),
        LocalRun.counter(result, "dedupe", "duplicates"),
        LocalRun.counter(result, "write", "issue_windows"),
        LocalRun.counter(result, "write", "store_retries"));
  }

  /**
   * Messages received that are not yet counted, dead-lettered or dropped: entries in open windows
   * and in flight. Zero once a drained stream has finished.
   */
  public long pending() {
    return received - counted - messageDeadLetters - duplicates;
  }

  /**
   * One progress line.
   *
   * @param seconds since the start
   * @param watermark the input watermark, or null before the first read
   * @param perSecond messages received per second since the previous line
   * @param inputTrouble what is wrong with the input, or null when it answers
   */
  public String line(long seconds, Instant watermark, long perSecond, String inputTrouble) {
    return String.format(
            Locale.ROOT,
            "%,d s: received %,d, counted %,d, dead-lettered %,d, duplicates %,d, rows written %,d,"
                + " watermark %s, %,d entries/s",
            seconds,
            received,
            counted,
            deadLettersWritten,
            duplicates,
            rowsWritten,
            watermark == null ? "none yet" : watermark.toString(),
            perSecond)
        + (inputTrouble == null ? "" : ", " + inputTrouble)
        + (storeRetries > 0 ? String.format(Locale.ROOT, ", store retries %,d", storeRetries) : "");
  }

  /** The closing line: where every received message went, and whether that adds up. */
  public String accounting() {
    return String.format(
        Locale.ROOT,
        "received %,d = counted %,d + dead-lettered %,d + duplicates %,d%s; rows written %,d,"
            + " dead letters written %,d",
        received,
        counted,
        messageDeadLetters,
        duplicates,
        pending() == 0
            ? " (balanced)"
            : String.format(Locale.ROOT, " + %,d not counted", pending()),
        rowsWritten,
        deadLettersWritten);
  }
}
