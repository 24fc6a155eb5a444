package dev.loggardener.beam;

import dev.loggardener.logentry.ExportReader;
import dev.loggardener.logentry.ExportSlices;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads Cloud Logging exports (NDJSON or a JSON array, gzipped or not) matching a glob, one raw
 * message per entry.
 *
 * <p>Bounded. Uncompressed NDJSON files larger than a slice are cut into slices at line starts
 * ({@link ExportSlices}) and the slices spread over workers, so one large file is read in parallel
 * and no bundle holds a whole file; gzip and JSON arrays are read whole, with gzip detected by its
 * magic bytes rather than by file name. Each entry's message id, which makes it traceable in dead
 * letters, is {@code FILE#INDEX} for a file read whole and {@code FILE@OFFSET#INDEX} for the
 * INDEXth entry of the slice whose first line starts at byte OFFSET. An unsplittable remainder of a
 * file comes through as one message, which parsing then rejects, so nothing in a file is skipped.
 * Counters: {@code read/files}, {@code read/slices}, {@code read/entries}.
 */
public final class ReadExportFiles extends PTransform<PBegin, PCollection<RawMessage>> {
  /** Slices of 32 MB: about 30,000 entries, a few seconds of work each. */
  static final long DEFAULT_SLICE_BYTES = 32L * 1024 * 1024;

  private final String glob;
  private final long sliceBytes;

  private ReadExportFiles(String glob, long sliceBytes) {
    this.glob = glob;
    this.sliceBytes = sliceBytes;
  }

  /** Reads every file matching {@code glob} (local path or any Beam file system). */
  public static ReadExportFiles matching(String glob) {
    return new ReadExportFiles(glob, DEFAULT_SLICE_BYTES);
  }

  /** The same read with slices of {@code bytes}; tests use small slices to cut small files. */
  ReadExportFiles withSliceBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("slice size must be positive, got " + bytes);
    }
    return new ReadExportFiles(glob, bytes);
  }

  @Override
  public PCollection<RawMessage> expand(PBegin begin) {
    PipelineCoders.registerOn(begin.getPipeline());
    return begin
        .apply("MatchFiles", FileIO.match().filepattern(glob))
        .apply("PlanSlices", ParDo.of(new PlanSlicesFn(sliceBytes)))
        .setCoder(SerializableCoder.of(ExportSlice.class))
        .apply("DistributeSlices", Reshuffle.viaRandomKey())
        .apply("SplitEntries", ParDo.of(new SplitEntriesFn()))
        .setCoder(RawMessageCoder.of());
  }

  /** Raw offsets {@code [from, to)} of a file, or the whole file when {@code whole}. */
  record ExportSlice(String file, long from, long to, boolean whole) implements Serializable {}

  private static final class PlanSlicesFn extends DoFn<MatchResult.Metadata, ExportSlice> {
    private final Counter files = Metrics.counter("read", "files");
    private final Counter slices = Metrics.counter("read", "slices");
    private final long sliceBytes;

    PlanSlicesFn(long sliceBytes) {
      this.sliceBytes = sliceBytes;
    }

    @ProcessElement
    public void process(@Element MatchResult.Metadata file, OutputReceiver<ExportSlice> out)
        throws IOException {
      files.inc();
      String name = file.resourceId().toString();
      long size = file.sizeBytes();
      if (size <= sliceBytes || !sliceable(file.resourceId())) {
        slices.inc();
        out.output(new ExportSlice(name, 0, size, true));
        return;
      }
      for (long from = 0; from < size; from += sliceBytes) {
        slices.inc();
        out.output(new ExportSlice(name, from, Math.min(size, from + sliceBytes), false));
      }
    }

    private static boolean sliceable(ResourceId file) throws IOException {
      try (ReadableByteChannel channel = FileSystems.open(file)) {
        if (!(channel instanceof SeekableByteChannel)) {
          return false;
        }
        return ExportSlices.sliceable(channel);
      }
    }
  }

  /**
   * Emits the entries of one slice as raw messages named {@code FILE#INDEX} ({@code lineStart}
   * null: the whole file) or {@code FILE@LINESTART#INDEX}, and returns how many there were.
   */
  static long emitEntries(
      ExportReader reader, String file, Long lineStart, DoFn.OutputReceiver<RawMessage> out)
      throws IOException {
    String idPrefix = lineStart == null ? file + "#" : file + "@" + lineStart + "#";
    long index = 0;
    try (reader) {
      while (reader.hasNext()) {
        out.output(new RawMessage(reader.next(), Map.of(), idPrefix + index++));
      }
    }
    return index;
  }

  private static final class SplitEntriesFn extends DoFn<ExportSlice, RawMessage> {
    private final Counter entries = Metrics.counter("read", "entries");

    @ProcessElement
    public void process(@Element ExportSlice slice, OutputReceiver<RawMessage> out)
        throws IOException {
      try (ReadableByteChannel channel =
          FileSystems.open(FileSystems.matchNewResource(slice.file(), false))) {
        if (slice.whole()) {
          entries.inc(
              emitEntries(
                  ExportReader.open(Channels.newInputStream(channel)), slice.file(), null, out));
          return;
        }
        SeekableByteChannel seekable = (SeekableByteChannel) channel;
        long start = ExportSlices.lineStartAtOrAfter(seekable, slice.from());
        long end = ExportSlices.lineStartAtOrAfter(seekable, slice.to());
        InputStream range = ExportSlices.range(seekable, start, end);
        entries.inc(emitEntries(ExportReader.openLines(range), slice.file(), start, out));
      }
    }
  }
}
