package dev.loggardener.aggregate;

import java.io.Serializable;

/**
 * Bounds on what one aggregate keeps, so that a hot fingerprint cannot grow a row without limit.
 *
 * @param maxExamples how many distinct example messages to keep
 * @param maxDistinctValues how many distinct versions, instances, trace ids and source locations to
 *     keep
 */
public record AggregationLimits(int maxExamples, int maxDistinctValues) implements Serializable {
  public AggregationLimits {
    if (maxExamples < 1 || maxDistinctValues < 1) {
      throw new IllegalArgumentException(
          "limits must be at least 1, got " + maxExamples + " and " + maxDistinctValues);
    }
  }

  /** Five examples and twenty distinct values of each kind. */
  public static AggregationLimits defaults() {
    return new AggregationLimits(5, 20);
  }
}
