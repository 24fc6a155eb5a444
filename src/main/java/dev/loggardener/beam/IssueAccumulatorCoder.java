package dev.loggardener.beam;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueAccumulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/** Coder for accumulators between combiner phases: the aggregate they hold, or nothing. */
final class IssueAccumulatorCoder extends CustomCoder<IssueAccumulator> {
  private static final IssueAggregateCoder AGGREGATE = IssueAggregateCoder.of();
  private final AggregationLimits limits;

  IssueAccumulatorCoder(AggregationLimits limits) {
    this.limits = limits;
  }

  @Override
  public void encode(IssueAccumulator value, OutputStream out) throws IOException {
    out.write(value.isEmpty() ? 0 : 1);
    if (!value.isEmpty()) {
      AGGREGATE.encode(value.toAggregate(), out);
    }
  }

  @Override
  public IssueAccumulator decode(InputStream in) throws IOException {
    return CoderFields.present(in)
        ? IssueAccumulator.of(AGGREGATE.decode(in), limits)
        : new IssueAccumulator(limits);
  }
}
