package dev.loggardener.jobs;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unbounded source that reads another one in batches until its {@link LocalDrain} is requested,
 * then reports no more input and a watermark at the end of time, so that every open window fires
 * and the runner finishes the pipeline once everything read has been written.
 *
 * <p>Each element is a batch: what the wrapped reader has ready, up to {@link #MAX_BATCH} records,
 * each with its own timestamp ({@link LocalDrain} unpacks them right after the read). The
 * DirectRunner puts at most ten elements of an unbounded read into a bundle and translates and
 * copies every step's DoFn once per bundle, so ten single messages per bundle held a local stream
 * to about a hundred messages a second whatever the pipeline did with them.
 *
 * <p>A redelivered message comes back in another batch, so the runner cannot drop it by the batch's
 * record id; the reader does what the runner does for single records instead: it skips a record
 * whose id its {@link LocalDrain} saw in the last ten minutes ({@link LocalDrain#firstDelivery}).
 *
 * <p>A read that fails (the broker unreachable) is not an end of input: it is logged once when it
 * starts failing and once when it recovers, counted in the drain's failure count, and reported to
 * the runner as "nothing to read yet", so the pipeline keeps its state and resumes when the broker
 * answers again.
 *
 * @param <T> the element type
 * @param <C> the checkpoint type of the wrapped source, unchanged
 */
final class DrainableSource<T, C extends UnboundedSource.CheckpointMark>
    extends UnboundedSource<List<TimestampedValue<T>>, DrainableSource.Checkpoint<C>> {
  private static final long serialVersionUID = 1L;

  /**
   * The most records in one batch. The runner reads up to ten batches into a bundle and
   * acknowledges them only once the whole bundle is through the pipeline, while the Pub/Sub reader,
   * not called meanwhile, does not extend their leases: with batches of 1,000, a cold first bundle
   * of 10,000 outlived the subscription's 60 s ack deadline and came back as redeliveries.
   */
  static final int MAX_BATCH = 100;

  private static final Logger LOG = LoggerFactory.getLogger(DrainableSource.class);

  private final UnboundedSource<T, C> source;
  private final String drainId;

  DrainableSource(UnboundedSource<T, C> source, String drainId) {
    this.source = source;
    this.drainId = drainId;
  }

  @Override
  public List<DrainableSource<T, C>> split(int desiredNumSplits, PipelineOptions options)
      throws Exception {
    List<DrainableSource<T, C>> splits = new ArrayList<>();
    for (UnboundedSource<T, C> split : source.split(desiredNumSplits, options)) {
      splits.add(new DrainableSource<>(split, drainId));
    }
    return splits;
  }

  @Override
  public UnboundedReader<List<TimestampedValue<T>>> createReader(
      PipelineOptions options, Checkpoint<C> checkpointMark) throws IOException {
    return new Reader<>(
        this, source.createReader(options, checkpointMark == null ? null : checkpointMark.mark));
  }

  @Override
  public Coder<Checkpoint<C>> getCheckpointMarkCoder() {
    return DelegateCoder.of(
        source.getCheckpointMarkCoder(), checkpoint -> checkpoint.mark, Checkpoint::new);
  }

  /**
   * The wrapped source's checkpoint. Finalizing it acknowledges what was read; when that fails (the
   * broker unreachable, or restarted and no longer knowing the messages), the failure is logged and
   * the messages are left to be redelivered, as with any acknowledgement that is lost:
   * deduplication drops the copies. Failing the pipeline instead would lose every entry it holds.
   *
   * @param <C> the wrapped checkpoint type
   */
  static final class Checkpoint<C extends UnboundedSource.CheckpointMark>
      implements UnboundedSource.CheckpointMark {
    private final C mark;

    Checkpoint(C mark) {
      this.mark = mark;
    }

    @Override
    public void finalizeCheckpoint() {
      try {
        mark.finalizeCheckpoint();
      } catch (IOException e) {
        LOG.warn(
            "acknowledging read messages failed; they will be delivered again and dropped as"
                + " duplicates while their windows are open: {}",
            e.toString());
      }
    }
  }

  @Override
  public Coder<List<TimestampedValue<T>>> getOutputCoder() {
    return ListCoder.of(TimestampedValue.TimestampedValueCoder.of(source.getOutputCoder()));
  }

  @Override
  public void validate() {
    source.validate();
  }

  /** The records a batch holds; what the runner reads is a list of them. */
  Coder<T> recordCoder() {
    return source.getOutputCoder();
  }

  private static final class Reader<T, C extends UnboundedSource.CheckpointMark>
      extends UnboundedReader<List<TimestampedValue<T>>> {
    private final DrainableSource<T, C> source;
    private final UnboundedReader<T> reader;
    private final LocalDrain drain;
    private int drainedReads;
    private boolean started;
    private List<TimestampedValue<T>> batch;
    private Instant batchTimestamp;

    Reader(DrainableSource<T, C> source, UnboundedReader<T> reader) {
      this.source = source;
      this.reader = reader;
      this.drain = LocalDrain.of(source.drainId);
    }

    @Override
    public boolean start() throws IOException {
      return next();
    }

    @Override
    public boolean advance() throws IOException {
      return next();
    }

    private boolean next() throws IOException {
      if (drain.requested()) {
        drainedReads++;
        return false;
      }
      List<TimestampedValue<T>> read = new ArrayList<>();
      Instant earliest = BoundedWindow.TIMESTAMP_MAX_VALUE;
      try {
        while (read.size() < MAX_BATCH && (started ? reader.advance() : reader.start())) {
          started = true;
          if (source.source.requiresDeduping() && !drain.firstDelivery(recordId())) {
            continue;
          }
          Instant timestamp = reader.getCurrentTimestamp();
          read.add(TimestampedValue.of(reader.getCurrent(), timestamp));
          if (timestamp.isBefore(earliest)) {
            earliest = timestamp;
          }
        }
        started = true;
        drain.readAnswered();
      } catch (IOException e) {
        // The first call counts as started either way: the wrapped reader's start() only reads.
        // What was read before the failure is handed on; its checkpoint covers it.
        started = true;
        if (drain.readFailed()) {
          LOG.warn("reading the input failed; retrying until it answers: {}", e.toString());
        }
      }
      if (read.isEmpty()) {
        return false;
      }
      batch = read;
      batchTimestamp = earliest;
      return true;
    }

    @Override
    public List<TimestampedValue<T>> getCurrent() throws NoSuchElementException {
      if (batch == null) {
        throw new NoSuchElementException("nothing read yet");
      }
      return batch;
    }

    /** The earliest of the batch's timestamps; each record keeps its own. */
    @Override
    public Instant getCurrentTimestamp() throws NoSuchElementException {
      if (batch == null) {
        throw new NoSuchElementException("nothing read yet");
      }
      return batchTimestamp;
    }

    /**
     * The wrapped record id followed by a digest of the record. A restarted Pub/Sub emulator
     * numbers its messages from 1 again: by id alone, as many messages after a restart as the
     * stream had read before it would be skipped unseen. A redelivered message has the same bytes,
     * so it is still recognised.
     */
    private byte[] recordId() {
      byte[] id = reader.getCurrentRecordId();
      byte[] digest;
      try {
        digest =
            MessageDigest.getInstance("SHA-256")
                .digest(
                    CoderUtils.encodeToByteArray(
                        source.source.getOutputCoder(), reader.getCurrent()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      } catch (CoderException e) {
        throw new IllegalStateException("the source cannot encode its own record", e);
      }
      byte[] combined = Arrays.copyOf(id, id.length + 1 + digest.length);
      combined[id.length] = '/';
      System.arraycopy(digest, 0, combined, id.length + 1, digest.length);
      return combined;
    }

    @Override
    public Instant getWatermark() {
      // The end of time only from the second empty read of a drain on: the DirectRunner finalizes a
      // checkpoint taken at the end of time once more when the next read finds nothing, and a
      // Pub/Sub checkpoint cannot be finalized twice. So the read that ends a bundle early keeps
      // the watermark, and the next one, which starts empty, ends the input.
      if (drainedReads >= 2) {
        return BoundedWindow.TIMESTAMP_MAX_VALUE;
      }
      Instant watermark = reader.getWatermark();
      drain.observeWatermark(watermark.getMillis());
      return watermark;
    }

    @Override
    @SuppressWarnings("unchecked") // the wrapped source's reader makes the wrapped source's marks
    public CheckpointMark getCheckpointMark() {
      return new Checkpoint<>((C) reader.getCheckpointMark());
    }

    @Override
    public UnboundedSource<List<TimestampedValue<T>>, ?> getCurrentSource() {
      return source;
    }

    @Override
    public long getSplitBacklogBytes() {
      return reader.getSplitBacklogBytes();
    }

    @Override
    public long getTotalBacklogBytes() {
      return reader.getTotalBacklogBytes();
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
