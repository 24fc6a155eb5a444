package dev.loggardener.beam;

import dev.loggardener.logentry.ExportReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Map;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads Cloud Logging exports (NDJSON or a JSON array, gzipped or not) matching a glob, one raw
 * message per entry.
 *
 * <p>Bounded. Files are opened uncompressed so that {@link ExportReader} detects gzip by its magic
 * bytes rather than by file name. Each entry's message id is {@code FILE#INDEX}, which makes it
 * traceable in dead letters. An unsplittable remainder of a file comes through as one message,
 * which parsing then rejects, so nothing in a file is skipped. Counters: {@code read/files}, {@code
 * read/entries}.
 */
public final class ReadExportFiles extends PTransform<PBegin, PCollection<RawMessage>> {
  private final String glob;

  private ReadExportFiles(String glob) {
    this.glob = glob;
  }

  /** Reads every file matching {@code glob} (local path or any Beam file system). */
  public static ReadExportFiles matching(String glob) {
    return new ReadExportFiles(glob);
  }

  @Override
  public PCollection<RawMessage> expand(PBegin begin) {
    PipelineCoders.registerOn(begin.getPipeline());
    return begin
        .apply("MatchFiles", FileIO.match().filepattern(glob))
        .apply("OpenFiles", FileIO.readMatches().withCompression(Compression.UNCOMPRESSED))
        .apply("SplitEntries", ParDo.of(new SplitEntriesFn()))
        .setCoder(RawMessageCoder.of());
  }

  private static final class SplitEntriesFn extends DoFn<FileIO.ReadableFile, RawMessage> {
    private final Counter files = Metrics.counter("read", "files");
    private final Counter entries = Metrics.counter("read", "entries");

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<RawMessage> out)
        throws IOException {
      files.inc();
      String name = file.getMetadata().resourceId().toString();
      try (InputStream in = Channels.newInputStream(file.open());
          ExportReader reader = ExportReader.open(in)) {
        long index = 0;
        while (reader.hasNext()) {
          out.output(new RawMessage(reader.next(), Map.of(), name + "#" + index++));
          entries.inc();
        }
      }
    }
  }
}
