package dev.loggardener.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IssueAccumulatorsByWindowTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final AggregationLimits LIMITS = new AggregationLimits(3, 4);

  private static IssueAggregate partial(Instant... times) {
    IssueAccumulator accumulator = new IssueAccumulator(LIMITS);
    for (Instant time : times) {
      accumulator.add(Observations.of("f1", "message at " + time, time));
    }
    return accumulator.toAggregate();
  }

  private static String describe(List<IssueAggregate> aggregates) {
    List<String> parts = new ArrayList<>();
    for (IssueAggregate a : aggregates) {
      parts.add(a.firstSeen() + ".." + a.lastSeen() + " x" + a.entryCount());
    }
    return String.join(", ", parts);
  }

  @Test
  public void keepsOneTotalPerWindowEarliestFirst() {
    IssueAccumulatorsByWindow byWindow = new IssueAccumulatorsByWindow(MINUTE, LIMITS);
    byWindow.addPartial(partial(T0.plusSeconds(125)));
    byWindow.addPartial(partial(T0.plusSeconds(5), T0.plusSeconds(59)));
    byWindow.addPartial(partial(T0.plusSeconds(1)));
    byWindow.addPartial(partial(T0.plusSeconds(130), T0.plusSeconds(179)));

    assertThat(describe(byWindow.toAggregates()))
        .isEqualTo(
            "2026-11-28T10:00:01Z..2026-11-28T10:00:59Z x3,"
                + " 2026-11-28T10:02:05Z..2026-11-28T10:02:59Z x3");
  }

  @Test
  public void mergingInAnyOrderGivesTheSameTotals() {
    List<IssueAggregate> partials = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      partials.add(partial(T0.plusSeconds(i * 37L % 300)));
    }
    String expected = describe(mergedInParts(partials));
    Random random = new Random(8);
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(partials, random);
      assertThat(describe(mergedInParts(partials))).isEqualTo(expected);
    }
    List<IssueAggregate> totals = mergedInParts(partials);
    assertThat(totals).hasSize(5);
    assertThat(totals.stream().mapToLong(IssueAggregate::entryCount).sum()).isEqualTo(40);
  }

  private static List<IssueAggregate> mergedInParts(List<IssueAggregate> partials) {
    IssueAccumulatorsByWindow first = new IssueAccumulatorsByWindow(MINUTE, LIMITS);
    IssueAccumulatorsByWindow second = new IssueAccumulatorsByWindow(MINUTE, LIMITS);
    for (int i = 0; i < partials.size(); i++) {
      (i % 3 == 0 ? first : second).addPartial(partials.get(i));
    }
    return second.merge(first).toAggregates();
  }

  @Test
  public void refusesAPartialWhoseEntriesLieInTwoWindows() {
    IssueAccumulatorsByWindow byWindow = new IssueAccumulatorsByWindow(MINUTE, LIMITS);
    IssueAggregate spanning = partial(T0.plusSeconds(59), T0.plusSeconds(60));

    assertThatThrownBy(() -> byWindow.addPartial(spanning))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spans windows");
    assertThat(byWindow.isEmpty()).isTrue();
  }

  @Test
  public void alignsWindowsToTheEpochAlsoBeforeIt() {
    assertThat(IssueAccumulatorsByWindow.windowStart(T0.plusSeconds(61), MINUTE))
        .isEqualTo(T0.plusSeconds(60));
    assertThat(
            IssueAccumulatorsByWindow.windowStart(Instant.parse("1969-12-31T23:59:59.5Z"), MINUTE))
        .isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
  }

  @Test
  public void refusesAWindowShorterThanAMillisecond() {
    assertThatThrownBy(() -> new IssueAccumulatorsByWindow(Duration.ofNanos(10), LIMITS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("windowSize");
  }
}
