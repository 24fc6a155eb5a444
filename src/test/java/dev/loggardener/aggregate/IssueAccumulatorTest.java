package dev.loggardener.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loggardener.logentry.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IssueAccumulatorTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final AggregationLimits LIMITS = new AggregationLimits(3, 4);

  private static List<IssueObservation> observations(int n) {
    List<IssueObservation> all = new ArrayList<>();
    Severity[] severities = Severity.values();
    for (int i = 0; i < n; i++) {
      all.add(
          Observations.of(
              "f1",
              "message " + (i % 9),
              T0.plusSeconds(i * 7L % 60),
              severities[i % 6],
              i % 4 == 0 ? null : 200 + (i % 4) * 100));
    }
    return all;
  }

  @Test
  void countsSeverityTimesAndStatusClassesOfAddedEntries() {
    IssueAccumulator acc = new IssueAccumulator(LIMITS);
    acc.add(Observations.of("f1", "a", T0.plusSeconds(5), Severity.WARNING, 503));
    acc.add(Observations.of("f1", "b", T0, Severity.ERROR, 404));
    acc.add(Observations.of("f1", "a", T0.plusSeconds(9), Severity.INFO, 500));

    IssueAggregate a = acc.toAggregate();

    assertThat(a.entryCount()).isEqualTo(3);
    assertThat(a.maxSeverity()).isEqualTo(Severity.ERROR);
    assertThat(a.firstSeen()).isEqualTo(T0);
    assertThat(a.lastSeen()).isEqualTo(T0.plusSeconds(9));
    assertThat(a.httpStatusClasses()).isEqualTo(Map.of("4xx", 1L, "5xx", 2L));
    assertThat(a.examples()).extracting(IssueExample::message).containsExactly("b", "a");
    assertThat(a.examples().get(1).timestamp()).isEqualTo(T0.plusSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 50})
  void mergingPartialAccumulatorsInAnyOrderGivesTheSameAggregate(int parts) {
    List<IssueObservation> all = observations(200);
    IssueAccumulator whole = new IssueAccumulator(LIMITS);
    all.forEach(whole::add);

    List<IssueObservation> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(parts));
    List<IssueAccumulator> partials = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      partials.add(new IssueAccumulator(LIMITS));
    }
    for (int i = 0; i < shuffled.size(); i++) {
      partials.get(i % parts).add(shuffled.get(i));
    }
    Collections.reverse(partials);
    IssueAccumulator merged = new IssueAccumulator(LIMITS);
    partials.forEach(merged::merge);

    assertThat(merged.toAggregate()).isEqualTo(whole.toAggregate());
  }

  @Test
  void keepsOnlyTheEarliestDistinctExamplesAndSmallestDistinctValues() {
    IssueAccumulator acc = new IssueAccumulator(LIMITS);
    observations(200).forEach(acc::add);

    IssueAggregate a = acc.toAggregate();

    assertThat(a.examples()).hasSize(3);
    assertThat(a.examples()).extracting(IssueExample::message).doesNotHaveDuplicates();
    assertThat(a.examples()).isSortedAccordingTo(IssueExample.ORDER);
    assertThat(a.examples().get(0).timestamp()).isEqualTo(T0);
    assertThat(a.traceIds()).hasSize(4).isSorted();
    assertThat(a.versions()).containsExactly("rev-0", "rev-1", "rev-2");
    assertThat(a.sourceLocations()).hasSize(4);
  }

  @Test
  void roundTripsThroughItsAggregate() {
    IssueAccumulator acc = new IssueAccumulator(LIMITS);
    observations(30).forEach(acc::add);

    IssueAccumulator copy = new IssueAccumulator(LIMITS).addPartial(acc.toAggregate());

    assertThat(copy.toAggregate()).isEqualTo(acc.toAggregate());
  }

  @Test
  void mergingAnEmptyAccumulatorChangesNothing() {
    IssueAccumulator acc = new IssueAccumulator(LIMITS);
    observations(5).forEach(acc::add);
    IssueAggregate before = acc.toAggregate();

    acc.merge(new IssueAccumulator(LIMITS));

    assertThat(acc.toAggregate()).isEqualTo(before);
  }

  @Test
  void refusesToProduceAnAggregateWithoutEntries() {
    assertThatThrownBy(() -> new IssueAccumulator(LIMITS).toAggregate())
        .isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @CsvSource({"200,2xx", "301,3xx", "404,4xx", "599,5xx", "99,other", "600,other", "0,other"})
  void classifiesHttpStatuses(int status, String expected) {
    assertThat(IssueAccumulator.statusClass(status)).isEqualTo(expected);
  }

  @Test
  void rejectsLimitsBelowOne() {
    assertThatThrownBy(() -> new AggregationLimits(0, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
