package dev.loggardener.beam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueAccumulator;
import dev.loggardener.aggregate.IssueAccumulatorsByWindow;
import dev.loggardener.aggregate.Observations;
import java.time.Duration;
import java.time.Instant;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class IssueAccumulatorsByWindowCoderTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final AggregationLimits LIMITS = AggregationLimits.defaults();
  private static final IssueAccumulatorsByWindowCoder CODER =
      new IssueAccumulatorsByWindowCoder(MINUTE, LIMITS);

  @Test
  public void roundTripsTheTotalsOfEveryWindow() throws Exception {
    IssueAccumulatorsByWindow value = new IssueAccumulatorsByWindow(MINUTE, LIMITS);
    for (int second : new int[] {0, 10, 70, 75, 3_600}) {
      value.addPartial(
          new IssueAccumulator(LIMITS)
              .add(Observations.of("f1", "m" + second, T0.plusSeconds(second)))
              .toAggregate());
    }

    IssueAccumulatorsByWindow decoded =
        CoderUtils.decodeFromByteArray(CODER, CoderUtils.encodeToByteArray(CODER, value));

    assertThat(decoded.toAggregates()).hasSize(3).isEqualTo(value.toAggregates());
  }

  @Test
  public void roundTripsAnEmptyAccumulator() throws Exception {
    IssueAccumulatorsByWindow empty = new IssueAccumulatorsByWindow(MINUTE, LIMITS);

    IssueAccumulatorsByWindow decoded =
        CoderUtils.decodeFromByteArray(CODER, CoderUtils.encodeToByteArray(CODER, empty));

    assertThat(decoded.isEmpty()).isTrue();
  }
}
