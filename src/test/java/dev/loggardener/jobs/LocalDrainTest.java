package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.CountingSource;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A drainable read on the DirectRunner: records are read in batches and unpacked, each at its own
 * timestamp, and after a drain the pipeline finishes having seen every record it read exactly once.
 */
class LocalDrainTest {
  @Test
  void readsInBatchesKeepsEachRecordsTimestampAndDrainsWithNothingLostOrRepeated()
      throws Exception {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(
            Read.from(
                new OneSplit<>(
                    CountingSource.unboundedWithTimestampFn(n -> new Instant(n * 1_000)))))
        .apply(ParDo.of(new CheckFn()));
    LocalDrain drain = LocalDrain.applyTo(pipeline);

    PipelineResult result = pipeline.run();
    long deadline = System.currentTimeMillis() + 120_000;
    while (LocalRun.counter(result, "check", "records") < 5_000) {
      assertThat(System.currentTimeMillis()).as("5,000 records within 120 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    drain.request();
    assertThat(result.waitUntilFinish(Duration.standardSeconds(120)))
        .isEqualTo(PipelineResult.State.DONE);

    long records = LocalRun.counter(result, "check", "records");
    assertThat(LocalRun.counter(result, "check", "retimed")).isZero();
    // The counting source, not split, gives 0, 1, 2, ...: each read once adds up to n (n - 1) / 2.
    long sum =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named("check", "values"))
                    .build())
            .getDistributions()
            .iterator()
            .next()
            .getAttempted()
            .getSum();
    assertThat(sum).isEqualTo(records * (records - 1) / 2);
  }

  private static final class CheckFn extends DoFn<Long, Void> {
    private final Counter records = Metrics.counter("check", "records");
    private final Counter retimed = Metrics.counter("check", "retimed");
    private final Distribution values = Metrics.distribution("check", "values");

    @ProcessElement
    public void process(@Element Long value, @Timestamp Instant timestamp) {
      records.inc();
      values.update(value);
      if (timestamp.getMillis() != value * 1_000) {
        retimed.inc();
      }
    }
  }

  @Test
  void remembersRecordIdsSoThatARedeliveryIsSkipped() {
    LocalDrain drain = LocalDrain.applyTo(Pipeline.create());
    byte[] id = "17/digest".getBytes(StandardCharsets.UTF_8);

    assertThat(drain.firstDelivery(id)).isTrue();
    assertThat(drain.firstDelivery(id.clone())).isFalse();
    assertThat(drain.firstDelivery("17/other".getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  /** A source read as one split, so that its records arrive as 0, 1, 2, ... */
  private static final class OneSplit<T, C extends UnboundedSource.CheckpointMark>
      extends UnboundedSource<T, C> {
    private final UnboundedSource<T, C> source;

    OneSplit(UnboundedSource<T, C> source) {
      this.source = source;
    }

    @Override
    public List<OneSplit<T, C>> split(int desiredNumSplits, PipelineOptions options) {
      return List.of(this);
    }

    @Override
    public UnboundedReader<T> createReader(PipelineOptions options, C checkpointMark)
        throws IOException {
      return source.createReader(options, checkpointMark);
    }

    @Override
    public Coder<C> getCheckpointMarkCoder() {
      return source.getCheckpointMarkCoder();
    }

    @Override
    public Coder<T> getOutputCoder() {
      return source.getOutputCoder();
    }
  }
}
