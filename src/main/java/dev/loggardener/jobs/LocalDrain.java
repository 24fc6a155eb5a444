package dev.loggardener.jobs;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.runners.AppliedPTransform;
import org.apache.beam.sdk.runners.PTransformOverride;
import org.apache.beam.sdk.runners.PTransformOverrideFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.construction.ReplacementOutputs;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drain of a pipeline that runs in this process (the DirectRunner): stop reading, let the
 * watermark reach the end of time so that every open window fires and is written, then let the
 * runner finish, which acknowledges what was read.
 *
 * <p>{@link #applyTo} wraps every unbounded read of a pipeline in a {@link DrainableSource} bound
 * to this drain, which reads in batches that the next step unpacks; {@link #request} ends those
 * reads. Readers find their drain by id, since the runner copies sources by serialization; that is
 * why a drain only reaches readers in the same process. The drain also keeps what the readers see:
 * the input watermark and whether reading is failing.
 */
public final class LocalDrain {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDrain.class);
  private static final Map<String, LocalDrain> DRAINS = new ConcurrentHashMap<>();

  /** How long a record id is remembered: as long as the DirectRunner remembers one. */
  static final long DEDUPE_HORIZON_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final String id;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicLong readFailures = new AtomicLong();
  private final AtomicLong watermarkMillis = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong lastAnswerNanos = new AtomicLong(System.nanoTime());

  /** Record ids read within {@link #DEDUPE_HORIZON_NANOS}, oldest first, with when. */
  private final LinkedHashMap<ByteBuffer, Long> recentIds = new LinkedHashMap<>();

  private LocalDrain(String id) {
    this.id = id;
  }

  /** Wraps every unbounded read of {@code pipeline} so that this drain can end it. */
  public static LocalDrain applyTo(Pipeline pipeline) {
    LocalDrain drain = new LocalDrain(UUID.randomUUID().toString());
    DRAINS.put(drain.id, drain);
    pipeline.replaceAll(
        List.of(
            PTransformOverride.of(
                application ->
                    application.getTransform() instanceof Read.Unbounded<?> read
                        && !(read.getSource() instanceof DrainableSource<?, ?>),
                new Factory<>(drain.id))));
    return drain;
  }

  static LocalDrain of(String id) {
    LocalDrain drain = DRAINS.get(id);
    if (drain == null) {
      throw new IllegalStateException("no drain " + id + " in this process");
    }
    return drain;
  }

  /** Ends the reads: each reader reports no more input and a watermark at the end of time. */
  public void request() {
    requested.set(true);
  }

  /** Whether {@link #request} was called. */
  public boolean requested() {
    return requested.get();
  }

  /** The latest input watermark a reader reported, or null before the first. */
  public Instant watermark() {
    long millis = watermarkMillis.get();
    return millis == Long.MIN_VALUE ? null : new Instant(millis);
  }

  /** Reads that failed so far (the broker unreachable), each retried. */
  public long readFailures() {
    return readFailures.get();
  }

  /** Whether the latest read failed. */
  public boolean failing() {
    return failing.get();
  }

  void observeWatermark(long millis) {
    // A reader that has read nothing yet reports the start of time: no watermark to show.
    if (millis > BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis()) {
      watermarkMillis.set(millis);
    }
  }

  /** Records a failed read; true when it is the first of a run of failures. */
  boolean readFailed() {
    lastAnswerNanos.set(System.nanoTime());
    readFailures.incrementAndGet();
    return failing.compareAndSet(false, true);
  }

  /**
   * Seconds since a read of the input last came back, successful or not. Reads come back at once
   * when there is nothing to read, so a long silence means the broker does not answer and the
   * client is still retrying the connection.
   */
  public long secondsWithoutAnswer() {
    return (System.nanoTime() - lastAnswerNanos.get()) / 1_000_000_000L;
  }

  /**
   * Whether a record with this id is read for the first time within the horizon; a redelivery (same
   * id, same bytes) is not, and its reader skips it, as the runner does with single records.
   */
  synchronized boolean firstDelivery(byte[] recordId) {
    long now = System.nanoTime();
    Iterator<Long> readAt = recentIds.values().iterator();
    while (readAt.hasNext() && now - readAt.next() >= DEDUPE_HORIZON_NANOS) {
      readAt.remove();
    }
    return recentIds.putIfAbsent(ByteBuffer.wrap(recordId), now) == null;
  }

  void readAnswered() {
    lastAnswerNanos.set(System.nanoTime());
    if (failing.compareAndSet(true, false)) {
      LOG.warn("reading the input works again after {} failed reads", readFailures.get());
    }
  }

  private static final class Factory<T>
      implements PTransformOverrideFactory<PBegin, PCollection<T>, Read.Unbounded<T>> {
    private final String drainId;

    Factory(String drainId) {
      this.drainId = drainId;
    }

    @Override
    public PTransformReplacement<PBegin, PCollection<T>> getReplacementTransform(
        AppliedPTransform<PBegin, PCollection<T>, Read.Unbounded<T>> transform) {
      return PTransformReplacement.of(
          transform.getPipeline().begin(),
          new ReadDrainable<>(
              new DrainableSource<>(transform.getTransform().getSource(), drainId)));
    }

    @Override
    public Map<PCollection<?>, ReplacementOutput> mapOutputs(
        Map<TupleTag<?>, PCollection<?>> outputs, PCollection<T> newOutput) {
      return ReplacementOutputs.singleton(outputs, newOutput);
    }
  }

  /** Reads a {@link DrainableSource} and unpacks its batches, each record at its own time. */
  private static final class ReadDrainable<T> extends PTransform<PBegin, PCollection<T>> {
    private final DrainableSource<T, ?> source;

    ReadDrainable(DrainableSource<T, ?> source) {
      this.source = source;
    }

    @Override
    public PCollection<T> expand(PBegin begin) {
      return begin
          .apply("ReadBatches", Read.from(source))
          .apply("Unbatch", ParDo.of(new UnbatchFn<T>()))
          .setCoder(source.recordCoder());
    }
  }

  private static final class UnbatchFn<T> extends DoFn<List<TimestampedValue<T>>, T> {
    @ProcessElement
    public void process(@Element List<TimestampedValue<T>> batch, OutputReceiver<T> out) {
      for (TimestampedValue<T> record : batch) {
        out.outputWithTimestamp(record.getValue(), record.getTimestamp());
      }
    }
  }
}
