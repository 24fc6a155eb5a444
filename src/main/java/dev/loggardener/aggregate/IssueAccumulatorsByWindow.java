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
  private final Duration windowSize;
  private final AggregationLimits limits;
  private final TreeMap<Instant, IssueAccumulator> byWindowStart = new TreeMap<>();

  /** Empty totals for windows of {@code windowSize}, aligned to the epoch. */
  public IssueAccumulatorsByWindow(Duration windowSize, AggregationLimits limits) {
    this.windowSize = windowSize;
    this.limits = Objects.requireNonNull(limits, "limits");
    if (windowSize.toMillis() < 1) {
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
    return byWindowStart.isEmpty();
  }

  /**
   * Adds a partial result to the window its entries belong to.
   *
   * @throws IllegalArgumentException if the partial's entries lie in more than one window
   */
  public IssueAccumulatorsByWindow addPartial(IssueAggregate partial) {
    Instant start = windowStart(partial.firstSeen(), windowSize);
    if (!windowStart(partial.lastSeen(), windowSize).equals(start)) {
      throw new IllegalArgumentException(
          "a partial aggregate spans windows: first seen "
              + partial.firstSeen()
              + ", last seen "
              + partial.lastSeen()
              + ", windows of "
              + windowSize);
    }
    accumulatorAt(start).addPartial(partial);
    return this;
  }

  /** Adds another's totals to this one, window by window. */
  public IssueAccumulatorsByWindow merge(IssueAccumulatorsByWindow other) {
    other.byWindowStart.forEach((start, accumulator) -> accumulatorAt(start).merge(accumulator));
    return this;
  }

  /** The totals of each window that holds an entry, earliest window first. */
  public List<IssueAggregate> toAggregates() {
    List<IssueAggregate> aggregates = new ArrayList<>(byWindowStart.size());
    for (IssueAccumulator accumulator : byWindowStart.values()) {
      aggregates.add(accumulator.toAggregate());
    }
    return aggregates;
  }

  private IssueAccumulator accumulatorAt(Instant windowStart) {
    return byWindowStart.computeIfAbsent(windowStart, start -> new IssueAccumulator(limits));
  }
}
