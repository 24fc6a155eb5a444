package dev.loggardener.beam;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueAccumulator;
import dev.loggardener.aggregate.IssueAccumulatorsByWindow;
import dev.loggardener.aggregate.IssueAggregate;
import dev.loggardener.aggregate.IssueObservation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Sums the observations of a bundle per key and window before the shuffle, the partial combine that
 * Dataflow lifts by itself and the DirectRunner does not: it turns a bundle of many entries into
 * one partial aggregate per fingerprint and window, so the grouping step holds partials, not
 * entries. The window of a partial is the one of {@code windowSize} that holds its entries, inside
 * the runner's window, which may span several. When a bundle holds more than {@code maxPartials}
 * keys and windows, further new ones pass through as one-entry partials, so memory stays bounded.
 */
final class CombineWithinBundleFn
    extends DoFn<KV<String, IssueObservation>, KV<String, IssueAggregate>> {
  private final Duration windowSize;
  private final AggregationLimits limits;
  private final int maxPartials;
  private transient Map<KeyInWindow, Partial> partials;

  CombineWithinBundleFn(Duration windowSize, AggregationLimits limits, int maxPartials) {
    this.windowSize = windowSize;
    this.limits = limits;
    this.maxPartials = maxPartials;
  }

  /** A key in the runner's window and the window of {@code windowSize} inside it. */
  private record KeyInWindow(String key, BoundedWindow window, java.time.Instant windowStart) {}

  /** A partial aggregate and the latest entry time in it, which becomes its timestamp. */
  private static final class Partial {
    private final IssueAccumulator accumulator;
    private Instant latest;

    Partial(IssueAccumulator accumulator, Instant latest) {
      this.accumulator = accumulator;
      this.latest = latest;
    }
  }

  @StartBundle
  public void startBundle() {
    partials = new HashMap<>();
  }

  @ProcessElement
  public void process(
      @Element KV<String, IssueObservation> element,
      @Timestamp Instant timestamp,
      BoundedWindow window,
      OutputReceiver<KV<String, IssueAggregate>> out) {
    KeyInWindow keyInWindow =
        new KeyInWindow(
            element.getKey(),
            window,
            IssueAccumulatorsByWindow.windowStart(element.getValue().timestamp(), windowSize));
    Partial partial = partials.get(keyInWindow);
    if (partial == null && partials.size() >= maxPartials) {
      IssueAccumulator single = new IssueAccumulator(limits).add(element.getValue());
      out.output(KV.of(element.getKey(), single.toAggregate()));
      return;
    }
    if (partial == null) {
      partial = new Partial(new IssueAccumulator(limits), timestamp);
      partials.put(keyInWindow, partial);
    }
    partial.accumulator.add(element.getValue());
    if (timestamp.isAfter(partial.latest)) {
      partial.latest = timestamp;
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    partials.forEach(
        (keyInWindow, partial) ->
            context.output(
                KV.of(keyInWindow.key(), partial.accumulator.toAggregate()),
                partial.latest,
                keyInWindow.window()));
    partials = null;
  }
}
