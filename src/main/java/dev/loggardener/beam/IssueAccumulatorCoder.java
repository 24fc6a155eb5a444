package dev.loggardener.beam;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueAccumulator;
import dev.loggardener.aggregate.IssueAggregate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * Coder for partial aggregates between combiner phases; they are few (one per key, window and
 * fan-out shard per bundle), so Java serialization of the immutable aggregate is cheap enough.
 */
final class IssueAccumulatorCoder extends CustomCoder<IssueAccumulator> {
  private static final SerializableCoder<IssueAggregate> AGGREGATE =
      SerializableCoder.of(IssueAggregate.class);
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
