package dev.loggardener.beam;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueAccumulatorsByWindow;
import dev.loggardener.aggregate.IssueAggregate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Coder for accumulators between combiner phases: the totals of each window they hold, earliest
 * first. A decoded total finds its window again from its entries' times.
 */
final class IssueAccumulatorsByWindowCoder extends CustomCoder<IssueAccumulatorsByWindow> {
  private static final IssueAggregateCoder AGGREGATE = IssueAggregateCoder.of();
  private final Duration windowSize;
  private final AggregationLimits limits;

  IssueAccumulatorsByWindowCoder(Duration windowSize, AggregationLimits limits) {
    this.windowSize = windowSize;
    this.limits = limits;
  }

  @Override
  public void encode(IssueAccumulatorsByWindow value, OutputStream out) throws IOException {
    List<IssueAggregate> aggregates = value.toAggregates();
    CoderFields.writeLong(aggregates.size(), out);
    for (IssueAggregate aggregate : aggregates) {
      AGGREGATE.encode(aggregate, out);
    }
  }

  @Override
  public IssueAccumulatorsByWindow decode(InputStream in) throws IOException {
    IssueAccumulatorsByWindow value = new IssueAccumulatorsByWindow(windowSize, limits);
    for (long n = CoderFields.readLong(in); n > 0; n--) {
      value.addPartial(AGGREGATE.decode(in));
    }
    return value;
  }
}
