package dev.loggardener.logentry;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes entries to a spool as frames (the byte count as a big-endian int, then the bytes; {@link
 * ExportReader#openFrames}) and cuts it into slices of about {@code sliceBytes} as it goes, each
 * with the earliest and latest event time of its entries.
 */
final class SpoolWriter implements Closeable {
  private final DataOutputStream out;
  private final long sliceBytes;
  private final List<Cut> cuts = new ArrayList<>();
  private long written;
  private long from;
  private long entries;
  private Instant earliest;
  private Instant latest;

  SpoolWriter(Path spool, long sliceBytes) throws IOException {
    this.out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16));
    this.sliceBytes = sliceBytes;
  }

  /**
   * The bounds of one slice of a spool and the event times of its entries.
   *
   * @param from the offset of its first frame
   * @param to the offset after its last frame
   */
  record Cut(long from, long to, long entries, Instant earliest, Instant latest) {
    /**
     * This cut as a slice of {@code spool}, whose size is {@code spoolSize}, at {@code offset} from
     * where this writer's output begins in it; {@code name} names its entries in message ids.
     */
    ExportPlan.Slice slice(Path spool, long spoolSize, String name, long offset) {
      return new ExportPlan.Slice(
          spool.toString(),
          spoolSize,
          name,
          offset + from,
          offset + to,
          ExportPlan.Layout.FRAMES,
          entries,
          earliest,
          latest);
    }
  }

  /**
   * Appends one entry with its event time (empty when the pipeline will reject it); true when it
   * completed a slice.
   */
  boolean add(byte[] entry, Optional<Instant> time) throws IOException {
    if (time.isPresent() && (earliest == null || time.get().isBefore(earliest))) {
      earliest = time.get();
    }
    if (time.isPresent() && (latest == null || time.get().isAfter(latest))) {
      latest = time.get();
    }
    out.writeInt(entry.length);
    out.write(entry);
    written += Integer.BYTES + entry.length;
    entries++;
    if (written - from < sliceBytes) {
      return false;
    }
    cut();
    return true;
  }

  private void cut() {
    cuts.add(new Cut(from, written, entries, earliest, latest));
    from = written;
    entries = 0;
    earliest = null;
    latest = null;
  }

  /** The bytes written so far. */
  long written() {
    return written;
  }

  /** Closes the spool and returns its slices; the last one may be smaller. */
  List<Cut> finish() throws IOException {
    if (entries > 0) {
      cut();
    }
    out.close();
    return List.copyOf(cuts);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
