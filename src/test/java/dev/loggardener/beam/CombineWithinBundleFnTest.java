package dev.loggardener.beam;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueObservation;
import dev.loggardener.aggregate.Observations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The partial combine before the shuffle keeps every entry in its key and window, whether the
 * bundle's partials fit the bound or overflow it.
 */
@RunWith(JUnit4.class)
public class CombineWithinBundleFnTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void partialsWithinTheBoundCountEveryEntryOfTheirKeyAndWindow() {
    assertCountsPerKeyAndWindow(10_000);
  }

  @Test
  public void keysBeyondTheBoundPassThroughWithoutLosingEntries() {
    assertCountsPerKeyAndWindow(1);
  }

  private void assertCountsPerKeyAndWindow(int maxPartials) {
    List<TimestampedValue<KV<String, IssueObservation>>> input = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String key = "k" + (i % 3);
      Instant at = T0.plusSeconds(i % 2 == 0 ? 5 : 65);
      input.add(
          TimestampedValue.of(
              KV.of(key, Observations.of(key, "m" + i, at)),
              org.joda.time.Instant.ofEpochMilli(at.toEpochMilli())));
    }
    PCollection<KV<String, Long>> counts =
        p.apply(
                Create.timestamped(input)
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), IssueObservationCoder.of())))
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))))
            .apply(
                ParDo.of(
                    new CombineWithinBundleFn(
                        java.time.Duration.ofMinutes(1),
                        AggregationLimits.defaults(),
                        maxPartials)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), IssueAggregateCoder.of()))
            .apply(
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(partial -> KV.of(partial.getKey(), partial.getValue().entryCount())))
            .apply(Sum.longsPerKey());
    IntervalWindow first =
        new IntervalWindow(
            org.joda.time.Instant.ofEpochMilli(T0.toEpochMilli()), Duration.standardMinutes(1));
    IntervalWindow second = new IntervalWindow(first.end(), Duration.standardMinutes(1));
    PAssert.that(counts)
        .inWindow(first)
        .containsInAnyOrder(KV.of("k0", 10L), KV.of("k1", 10L), KV.of("k2", 10L));
    PAssert.that(counts)
        .inWindow(second)
        .containsInAnyOrder(KV.of("k0", 10L), KV.of("k1", 10L), KV.of("k2", 10L));
    p.run().waitUntilFinish();
  }
}
