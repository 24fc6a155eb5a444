package dev.loggardener.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Running totals of one fingerprint in each of several consecutive windows that a runner groups and
 * fires together: one {@link IssueAccumulator} per window, the window chosen by the time of what is
 * added.
 *
 * <p>It lets a runner keep one timer and one state entry for a run of windows instead of one per
 * window while every window still gets its own totals. Merging is per window, so it stays
 * associative and commutative. Not thread-safe.
 */
public final class IssueAccumulatorsByWindow {
  private final long windowMillis;
  private final AggregationLimits limits;
  private final TreeMap<Long, IssueAccumulator> byWindow = new TreeMap<>();

  /** Empty totals for windows of {@code windowSize}, aligned to the epoch. */
  public IssueAccumulatorsByWindow(Duration windowSize, AggregationLimits limits) {
    this.windowMillis = windowSize.toMillis();
    this.limits = Objects.requireNonNull(limits, "limits");
    if (windowMillis < 1) {
      throw new IllegalArgumentException("windowSize must be at least 1 ms, got " + windowSize);
    }
  }

  /**
   * The start of the window of {@code windowSize}, aligned to the epoch, that holds {@code time}.
   */
  public static Instant windowStart(Instant time, Duration windowSize) {
    long millis = windowSize.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), millis) * millis);
  }

  /** Whether nothing has been added yet. */
  public boolean isEmpty() {
    return byWindow.isEmpty();
  }

  /**
   * Adds a partial result to the window its entries belong to.
   *
   * @throws IllegalArgumentException if the partial's entries lie in more than one window
   */
  public IssueAccumulatorsByWindow addPartial(IssueAggregate partial) {
    long window = windowIndex(partial.firstSeen());
    if (windowIndex(partial.lastSeen()) != window) {
      throw new IllegalArgumentException(
          "a partial aggregate spans windows: first seen "
              + partial.firstSeen()
              + ", last seen "
              + partial.lastSeen()
              + ", windows of "
              + windowMillis
              + " ms");
    }
    byWindow.computeIfAbsent(window, w -> new IssueAccumulator(limits)).addPartial(partial);
    return this;
  }

  /** Adds another's totals to this one, window by window. */
  public IssueAccumulatorsByWindow merge(IssueAccumulatorsByWindow other) {
    for (IssueAccumulator accumulator : other.byWindow.values()) {
      addPartial(accumulator.toAggregate());
    }
    return this;
  }

  /** The totals of each window that holds an entry, earliest window first. */
  public List<IssueAggregate> toAggregates() {
    List<IssueAggregate> aggregates = new ArrayList<>(byWindow.size());
    for (IssueAccumulator accumulator : byWindow.values()) {
      aggregates.add(accumulator.toAggregate());
    }
    return aggregates;
  }

  private long windowIndex(Instant time) {
    return Math.floorDiv(time.toEpochMilli(), windowMillis);
  }
}
