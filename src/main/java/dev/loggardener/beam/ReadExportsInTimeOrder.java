package dev.loggardener.beam;

import dev.loggardener.logentry.ExportPlan;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Reads planned export files ({@link ExportPlan}) as a stream in event-time order, one raw message
 * per entry, with an exact watermark: the earliest event time of the next unread slice.
 *
 * <p>For the local run on the DirectRunner. Read as a stream, the pipeline closes windows while it
 * reads and frees their state, and the DirectRunner takes the next slices from the source only when
 * everything before them has been processed, so memory holds the open windows and the slices in
 * flight rather than the whole input. The source splits the plan round-robin, so every split stays
 * near the same event time. Message ids name the export file as {@link ReadExportFiles} does:
 * {@code FILE@OFFSET#INDEX}, the offset being that of the slice's first entry in the file read (the
 * export, or its spool for gzip and JSON arrays). A slice that no longer holds the entries it was
 * planned with (the file changed after planning) fails the run, since the watermark promised for it
 * no longer holds. Counters: {@code read/slices}, {@code read/entries}.
 */
public final class ReadExportsInTimeOrder extends PTransform<PBegin, PCollection<RawMessage>> {
  private final List<ExportPlan.Slice> plan;

  private ReadExportsInTimeOrder(List<ExportPlan.Slice> plan) {
    this.plan = List.copyOf(plan);
  }

  /** Reads the slices of {@code plan}, which must be in plan order. */
  public static ReadExportsInTimeOrder of(List<ExportPlan.Slice> plan) {
    return new ReadExportsInTimeOrder(plan);
  }

  @Override
  public PCollection<RawMessage> expand(PBegin begin) {
    PipelineCoders.registerOn(begin.getPipeline());
    return begin
        .apply("ReadSlicesInTimeOrder", Read.from(new SliceSource(new ArrayList<>(plan))))
        .apply("SplitEntries", ParDo.of(new SplitEntriesFn()))
        .setCoder(RawMessageCoder.of());
  }

  /** The event time a slice is emitted at, which is also the watermark before it. */
  static Instant eventTimeOf(ExportPlan.Slice slice) {
    return slice.earliest() == null
        ? BoundedWindow.TIMESTAMP_MIN_VALUE
        : Instant.ofEpochMilli(slice.earliest().toEpochMilli());
  }

  /** Where a split of the plan stands: the index of its next unread slice. */
  record NextSlice(int index) implements UnboundedSource.CheckpointMark, Serializable {
    @Override
    public void finalizeCheckpoint() {}
  }

  static final class SliceSource extends UnboundedSource<ExportPlan.Slice, NextSlice> {
    private final ArrayList<ExportPlan.Slice> slices;

    SliceSource(ArrayList<ExportPlan.Slice> slices) {
      this.slices = slices;
    }

    @Override
    public List<SliceSource> split(int desiredNumSplits, PipelineOptions options) {
      int splits = Math.max(1, Math.min(desiredNumSplits, slices.size()));
      List<SliceSource> sources = new ArrayList<>(splits);
      for (int split = 0; split < splits; split++) {
        ArrayList<ExportPlan.Slice> part = new ArrayList<>();
        for (int i = split; i < slices.size(); i += splits) {
          part.add(slices.get(i));
        }
        sources.add(new SliceSource(part));
      }
      return sources;
    }

    @Override
    public UnboundedReader<ExportPlan.Slice> createReader(
        PipelineOptions options, NextSlice checkpoint) {
      return new SliceReader(this, checkpoint == null ? 0 : checkpoint.index());
    }

    @Override
    public Coder<NextSlice> getCheckpointMarkCoder() {
      return SerializableCoder.of(NextSlice.class);
    }

    @Override
    public Coder<ExportPlan.Slice> getOutputCoder() {
      return SerializableCoder.of(ExportPlan.Slice.class);
    }
  }

  private static final class SliceReader extends UnboundedSource.UnboundedReader<ExportPlan.Slice> {
    private final SliceSource source;
    private int next;
    private ExportPlan.Slice current;

    SliceReader(SliceSource source, int next) {
      this.source = source;
      this.next = next;
    }

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      if (next >= source.slices.size()) {
        current = null;
        return false;
      }
      current = source.slices.get(next++);
      return true;
    }

    @Override
    public ExportPlan.Slice getCurrent() {
      if (current == null) {
        throw new NoSuchElementException("no current slice");
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      return eventTimeOf(getCurrent());
    }

    @Override
    public Instant getWatermark() {
      return next < source.slices.size()
          ? eventTimeOf(source.slices.get(next))
          : BoundedWindow.TIMESTAMP_MAX_VALUE;
    }

    @Override
    public NextSlice getCheckpointMark() {
      return new NextSlice(next);
    }

    @Override
    public SliceSource getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }

  private static final class SplitEntriesFn extends DoFn<ExportPlan.Slice, RawMessage> {
    private final Counter slices = Metrics.counter("read", "slices");
    private final Counter entries = Metrics.counter("read", "entries");

    @ProcessElement
    public void process(@Element ExportPlan.Slice slice, OutputReceiver<RawMessage> out)
        throws IOException {
      ExportPlan.Entries open = slice.open();
      long read = ReadExportFiles.emitEntries(open.reader(), slice.name(), open.start(), out);
      if (read != slice.entries()) {
        throw new IllegalStateException(
            slice.name()
                + " changed after it was planned: a slice planned with "
                + slice.entries()
                + " entries now holds "
                + read
                + "; run again on files that are not being written");
      }
      slices.inc();
      entries.inc(read);
    }
  }
}
