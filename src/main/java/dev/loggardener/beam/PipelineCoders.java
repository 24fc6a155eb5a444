package dev.loggardener.beam;

import dev.loggardener.aggregate.IssueAggregate;
import dev.loggardener.aggregate.IssueObservation;
import dev.loggardener.aggregate.IssueWindow;
import dev.loggardener.sink.DeadLetter;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * The one place where the pipeline's record types get their coders.
 *
 * <p>Elements on hot paths (raw messages, observations) get compact hand-written coders; the rare
 * ones (dead letters, one row per fingerprint and window) use Java serialization of their immutable
 * records. Every composite calls {@link #registerOn} so that no caller can forget it.
 */
public final class PipelineCoders {
  private PipelineCoders() {}

  /** Registers the coders on the pipeline's registry; safe to call more than once. */
  public static void registerOn(Pipeline pipeline) {
    CoderRegistry registry = pipeline.getCoderRegistry();
    registry.registerCoderForClass(RawMessage.class, RawMessageCoder.of());
    registry.registerCoderForClass(IssueObservation.class, IssueObservationCoder.of());
    registry.registerCoderForClass(NormalizedEntry.class, NormalizedEntryCoder.of());
    registry.registerCoderForClass(DeadLetter.class, SerializableCoder.of(DeadLetter.class));
    registry.registerCoderForClass(IssueWindow.class, SerializableCoder.of(IssueWindow.class));
    registry.registerCoderForClass(IssueAggregate.class, IssueAggregateCoder.of());
    registry.registerCoderForClass(ParsedEntry.class, SerializableCoder.of(ParsedEntry.class));
  }
}
