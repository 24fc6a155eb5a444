package dev.loggardener.aggregate;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One pane of one fingerprint's event-time window: the unit stored as an {@code issue_windows} row.
 *
 * @param aggregate the totals of the entries in this pane only (panes discard)
 * @param windowStart the window's start, inclusive
 * @param windowEnd the window's end, exclusive
 * @param paneTiming which firing produced the pane
 * @param paneIndex the pane's index within its window, from 0
 */
public record IssueWindow(
    IssueAggregate aggregate,
    Instant windowStart,
    Instant windowEnd,
    PaneTiming paneTiming,
    long paneIndex)
    implements Serializable {
  public IssueWindow {
    Objects.requireNonNull(aggregate, "aggregate");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(paneTiming, "paneTiming");
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("window end " + windowEnd + " not after " + windowStart);
    }
    if (paneIndex < 0) {
      throw new IllegalArgumentException("paneIndex must not be negative, got " + paneIndex);
    }
  }
}
