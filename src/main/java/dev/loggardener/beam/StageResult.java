package dev.loggardener.beam;

import dev.loggardener.sink.DeadLetter;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What a stage hands on: its main {@link #output()} and the {@link #failures()} it dead-lettered.
 *
 * @param <T> the main output's element type
 */
public final class StageResult<T> implements POutput {
  private static final TupleTag<Object> OUTPUT = new TupleTag<>("output");
  private static final TupleTag<Object> FAILURES = new TupleTag<>("failures");

  private final PCollection<T> output;
  private final PCollection<DeadLetter> failures;

  private StageResult(PCollection<T> output, PCollection<DeadLetter> failures) {
    this.output = output;
    this.failures = failures;
  }

  /** A result of the given collections. */
  public static <T> StageResult<T> of(PCollection<T> output, PCollection<DeadLetter> failures) {
    return new StageResult<>(output, failures);
  }

  /** The elements that went forward. */
  public PCollection<T> output() {
    return output;
  }

  /** The messages the stage refused, one dead letter each. */
  public PCollection<DeadLetter> failures() {
    return failures;
  }

  @Override
  public Pipeline getPipeline() {
    return output.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(OUTPUT, output, FAILURES, failures);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, org.apache.beam.sdk.values.PInput input, PTransform<?, ?> transform) {}
}
