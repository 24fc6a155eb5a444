package dev.loggardener.beam;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueAccumulator;
import dev.loggardener.aggregate.IssueAggregate;
import java.util.Iterator;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Folds partial aggregates of one fingerprint into an {@link IssueAggregate}; all arithmetic is in
 * {@link IssueAccumulator}, whose merge is associative and commutative, so runners may lift it into
 * partial combines before the shuffle and fan hot keys out.
 */
final class CombineIssuesFn extends CombineFn<IssueAggregate, IssueAccumulator, IssueAggregate> {
  private final AggregationLimits limits;

  CombineIssuesFn(AggregationLimits limits) {
    this.limits = limits;
  }

  @Override
  public IssueAccumulator createAccumulator() {
    return new IssueAccumulator(limits);
  }

  @Override
  public IssueAccumulator addInput(IssueAccumulator accumulator, IssueAggregate partial) {
    return accumulator.addPartial(partial);
  }

  @Override
  public IssueAccumulator mergeAccumulators(Iterable<IssueAccumulator> accumulators) {
    Iterator<IssueAccumulator> it = accumulators.iterator();
    IssueAccumulator merged = it.hasNext() ? it.next() : createAccumulator();
    while (it.hasNext()) {
      merged.merge(it.next());
    }
    return merged;
  }

  @Override
  public IssueAggregate extractOutput(IssueAccumulator accumulator) {
    return accumulator.toAggregate();
  }

  @Override
  public Coder<IssueAccumulator> getAccumulatorCoder(
      CoderRegistry registry, Coder<IssueAggregate> inputCoder) throws CannotProvideCoderException {
    return new IssueAccumulatorCoder(limits);
  }
}
