package dev.loggardener.logentry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Cuts an uncompressed NDJSON export into byte ranges that begin and end at line starts, so that
 * several readers share one large file and every line is read by exactly one of them.
 *
 * <p>A slice {@code [from, to)} of raw offsets owns the lines that start in {@code
 * [lineStartAtOrAfter(from), lineStartAtOrAfter(to))}. Neighbouring slices compute the same
 * boundary from the same offset, so the slices of a file partition its lines however it is cut.
 * Gzip and JSON arrays cannot be cut without reading them from the start; they are read whole.
 */
public final class ExportSlices {
  private static final int GZIP_FIRST = 0x1f;
  private static final int GZIP_SECOND = 0x8b;
  private static final int HEAD_BYTES = 4096;

  private ExportSlices() {}

  /**
   * Whether a file that begins with {@code head} can be sliced: not gzip, and its first non-blank
   * byte opens an object (NDJSON) rather than an array.
   */
  public static boolean sliceable(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xff) == GZIP_FIRST && (head[1] & 0xff) == GZIP_SECOND) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      byte b = head[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '{';
      }
    }
    return false;
  }

  /**
   * Whether the file {@code channel} reads, from its current position at the start, can be sliced.
   */
  public static boolean sliceable(ReadableByteChannel channel) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
    int read;
    do {
      read = channel.read(head);
    } while (read > 0 && head.hasRemaining());
    return sliceable(head.array(), head.position());
  }

  /**
   * The first line start at or after {@code offset}: 0 for offset 0, otherwise the position just
   * after the first newline at or after {@code offset - 1}, or the channel's size if none follows.
   */
  public static long lineStartAtOrAfter(SeekableByteChannel channel, long offset)
      throws IOException {
    long size = channel.size();
    if (offset <= 0) {
      return 0;
    }
    if (offset >= size) {
      return size;
    }
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long position = offset - 1;
    channel.position(position);
    while (position < size) {
      buffer.clear();
      int read = channel.read(buffer);
      if (read <= 0) {
        break;
      }
      for (int i = 0; i < read; i++) {
        if (buffer.get(i) == '\n') {
          return position + i + 1;
        }
      }
      position += read;
    }
    return size;
  }

  /** A stream of the channel's bytes in {@code [start, end)}; closing it closes the channel. */
  public static InputStream range(SeekableByteChannel channel, long start, long end)
      throws IOException {
    channel.position(start);
    InputStream in = Channels.newInputStream(channel);
    return new InputStream() {
      private long remaining = end - start;

      @Override
      public int read() throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int b = in.read();
        if (b >= 0) {
          remaining--;
        }
        return b;
      }

      @Override
      public int read(byte[] target, int offset, int length) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int read = in.read(target, offset, (int) Math.min(length, remaining));
        if (read > 0) {
          remaining -= read;
        }
        return read;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
