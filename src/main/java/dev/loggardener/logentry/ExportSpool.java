package dev.loggardener.logentry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Rewrites an export that cannot be cut where it lies (gzip, a JSON array such as {@code gcloud
 * logging read --format=json} writes) into a spool file of length-prefixed entries, cut into slices
 * as it is written. The local run then reads it slice by slice in event-time order, as it reads
 * NDJSON, instead of holding the whole export.
 *
 * <p>Each entry keeps its bytes exactly as they stood in the export, so dead letters stay
 * replayable; a frame is its byte count as a big-endian int, then the bytes ({@link
 * ExportReader#openFrames}). The spool costs the export's uncompressed size on disk.
 */
final class ExportSpool {
  private ExportSpool() {}

  /**
   * Spools {@code file} into {@code spool} and returns its slices, each holding entries of at most
   * about {@code sliceBytes}, named by {@code file} in message ids.
   *
   * @param eventTime an entry's event time, or empty when the pipeline will reject it
   * @param readBytes told how many more of {@code file}'s bytes were read, for progress
   */
  static List<ExportPlan.Slice> write(
      Path file,
      Path spool,
      long sliceBytes,
      Function<byte[], Optional<Instant>> eventTime,
      LongConsumer readBytes)
      throws IOException {
    List<SpoolWriter.Cut> cuts;
    long size;
    try (CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
        ExportReader entries = ExportReader.open(in);
        SpoolWriter writer = new SpoolWriter(spool, sliceBytes)) {
      while (entries.hasNext()) {
        byte[] entry = entries.next();
        if (writer.add(entry, eventTime.apply(entry))) {
          readBytes.accept(in.takeCount());
        }
      }
      cuts = writer.finish();
      size = writer.written();
      readBytes.accept(in.takeCount());
    }
    List<ExportPlan.Slice> slices = new ArrayList<>(cuts.size());
    for (SpoolWriter.Cut cut : cuts) {
      slices.add(cut.slice(spool, size, file.toString(), 0));
    }
    return slices;
  }

  /** Counts the bytes read from the export itself, before any decompression. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    /** The bytes read since the last call. */
    long takeCount() {
      long taken = count;
      count = 0;
      return taken;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }

    @Override
    public synchronized void mark(int readlimit) {}

    @Override
    public synchronized void reset() throws IOException {
      throw new IOException("mark/reset not supported");
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
