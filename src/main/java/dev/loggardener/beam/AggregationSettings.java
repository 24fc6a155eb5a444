package dev.loggardener.beam;

import dev.loggardener.aggregate.AggregationLimits;
import java.io.Serializable;
import java.util.Objects;
import org.joda.time.Duration;

/**
 * How {@link AggregateByFingerprint} windows, fires and bounds its output.
 *
 * @param windowSize the fixed event-time window size: one row per fingerprint, window and pane
 * @param windowsPerFiring how many consecutive windows the runner groups into one of its windows,
 *     which fires their rows together. 1 on a stream, so that each window's rows are written when
 *     it closes. A run over files, which writes its rows at the end anyway, groups more: the runner
 *     then keeps one timer and one state entry per fingerprint for the group instead of one per
 *     window, and the rows stay the same. Panes (early, on time, late) are the group's, and so is
 *     the deduplication state and the moment late entries become too late.
 * @param allowedLateness how long after the end of a window late entries still count
 * @param earlyFiringDelay processing-time delay after a pane's first entry before an early pane
 *     fires; zero for no early panes
 * @param tooLateRetention how long after the allowed lateness a closed window still recognises
 *     entries as too late and dead-letters them (beyond it the runner drops them, counted)
 * @param limits bounds on examples and distinct values per row
 * @param hotKeyFanout intermediate keys per fingerprint, so one hot fingerprint is combined in
 *     parallel; 1 for none
 * @param dedupeShards keys of the deduplication state, which bound its parallelism
 */
public record AggregationSettings(
    Duration windowSize,
    int windowsPerFiring,
    Duration allowedLateness,
    Duration earlyFiringDelay,
    Duration tooLateRetention,
    AggregationLimits limits,
    int hotKeyFanout,
    int dedupeShards)
    implements Serializable {
  public AggregationSettings {
    Objects.requireNonNull(limits, "limits");
    positive("windowSize", windowSize);
    notNegative("allowedLateness", allowedLateness);
    notNegative("earlyFiringDelay", earlyFiringDelay);
    notNegative("tooLateRetention", tooLateRetention);
    if (windowsPerFiring < 1 || hotKeyFanout < 1 || dedupeShards < 1) {
      throw new IllegalArgumentException(
          "windowsPerFiring, hotKeyFanout and dedupeShards must be at least 1");
    }
  }

  /** The size of the runner's windows: {@code windowsPerFiring} windows. */
  public Duration firingWindowSize() {
    return windowSize.multipliedBy(windowsPerFiring);
  }

  /**
   * One-minute windows each fired on its own, six hours of allowed lateness, no early panes, a day
   * of too-late retention, default limits, fan-out 16 and 64 deduplication shards.
   */
  public static AggregationSettings defaults() {
    return new AggregationSettings(
        Duration.standardMinutes(1),
        1,
        Duration.standardHours(6),
        Duration.ZERO,
        Duration.standardDays(1),
        AggregationLimits.defaults(),
        16,
        64);
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (!value.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  private static void notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }
}
