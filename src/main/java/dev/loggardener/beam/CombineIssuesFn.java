package dev.loggardener.beam;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueAccumulator;
import dev.loggardener.aggregate.IssueAccumulatorsByWindow;
import dev.loggardener.aggregate.IssueAggregate;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Folds partial aggregates of one fingerprint into one {@link IssueAggregate} per window of {@code
 * windowSize}, earliest first. The runner's window may span several of them (see {@link
 * AggregationSettings#windowsPerFiring()}); each partial belongs to one. All arithmetic is in
 * {@link IssueAccumulator}, whose merge is associative and commutative, so runners may lift it into
 * partial combines before the shuffle and fan hot keys out.
 */
final class CombineIssuesFn
    extends CombineFn<IssueAggregate, IssueAccumulatorsByWindow, List<IssueAggregate>> {
  private final Duration windowSize;
  private final AggregationLimits limits;

  CombineIssuesFn(Duration windowSize, AggregationLimits limits) {
    this.windowSize = windowSize;
    this.limits = limits;
  }

  @Override
  public IssueAccumulatorsByWindow createAccumulator() {
    return new IssueAccumulatorsByWindow(windowSize, limits);
  }

  @Override
  public IssueAccumulatorsByWindow addInput(
      IssueAccumulatorsByWindow accumulator, IssueAggregate partial) {
    return accumulator.addPartial(partial);
  }

  @Override
  public IssueAccumulatorsByWindow mergeAccumulators(
      Iterable<IssueAccumulatorsByWindow> accumulators) {
    Iterator<IssueAccumulatorsByWindow> it = accumulators.iterator();
    IssueAccumulatorsByWindow merged = it.hasNext() ? it.next() : createAccumulator();
    while (it.hasNext()) {
      merged.merge(it.next());
    }
    return merged;
  }

  @Override
  public List<IssueAggregate> extractOutput(IssueAccumulatorsByWindow accumulator) {
    return accumulator.toAggregates();
  }

  @Override
  public Coder<IssueAccumulatorsByWindow> getAccumulatorCoder(
      CoderRegistry registry, Coder<IssueAggregate> inputCoder) throws CannotProvideCoderException {
    return new IssueAccumulatorsByWindowCoder(windowSize, limits);
  }

  @Override
  public Coder<List<IssueAggregate>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<IssueAggregate> inputCoder) {
    return ListCoder.of(IssueAggregateCoder.of());
  }
}
