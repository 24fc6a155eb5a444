package dev.loggardener.logentry;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Splits an export file into the raw bytes of each entry, streaming, so files of any length are
 * read in constant memory.
 *
 * <p>Gzip is detected by its magic bytes. After that, a stream whose first non-blank byte is {@code
 * [} is read as a JSON array (as {@code gcloud logging read --format=json} writes it, compact or
 * pretty-printed) and split at top-level commas; anything else is read as NDJSON, one entry per
 * line, where blank lines separate nothing and are skipped. Each chunk is yielded exactly as it
 * appears in the file, without surrounding whitespace or separators. Nothing is dropped: an element
 * that never closes, or content after the closing {@code ]}, is yielded as one final chunk for the
 * parser to reject. A chunk longer than {@link #MAX_CHUNK_BYTES} is cut to that length, which the
 * parser rejects as too large. IO errors surface as {@link UncheckedIOException}.
 */
public final class ExportReader implements Iterator<byte[]>, Closeable {
  /** The most bytes kept for one chunk; far above any parser limit, far below the heap. */
  public static final int MAX_CHUNK_BYTES = 64 * 1024 * 1024;

  private enum Mode {
    UNKNOWN,
    NDJSON,
    FRAMES,
    ARRAY,
    REMAINDER,
    DONE
  }

  private final InputStream source;
  private final int maxChunkBytes;
  private InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private Mode mode = Mode.UNKNOWN;
  private byte[] next;
  private byte[] chunk = new byte[16];
  private int chunkLength;

  private ExportReader(InputStream source, int maxChunkBytes) {
    this.source = source;
    this.maxChunkBytes = maxChunkBytes;
  }

  /** A reader over {@code in}; nothing is read until the first {@link #hasNext}. */
  public static ExportReader open(InputStream in) {
    return open(in, MAX_CHUNK_BYTES);
  }

  static ExportReader open(InputStream in, int maxChunkBytes) {
    return new ExportReader(in, maxChunkBytes);
  }

  /**
   * A reader of uncompressed NDJSON lines only, for a slice of a file (see {@link ExportSlices}):
   * the slice's first byte says nothing about the file's format, so nothing is detected.
   */
  public static ExportReader openLines(InputStream in) {
    ExportReader reader = new ExportReader(in, MAX_CHUNK_BYTES);
    reader.in = in;
    reader.mode = Mode.NDJSON;
    return reader;
  }

  /**
   * A reader of length-prefixed frames, as {@link ExportSpool} writes them: each entry is its byte
   * count as a big-endian int, then its bytes exactly as they stood in the export.
   */
  public static ExportReader openFrames(InputStream in) {
    ExportReader reader = new ExportReader(in, MAX_CHUNK_BYTES);
    reader.in = in;
    reader.mode = Mode.FRAMES;
    return reader;
  }

  @Override
  public boolean hasNext() {
    if (next == null && mode != Mode.DONE) {
      try {
        next = advance();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next != null;
  }

  @Override
  public byte[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    byte[] result = next;
    next = null;
    return result;
  }

  @Override
  public void close() throws IOException {
    mode = Mode.DONE;
    (in != null ? in : source).close();
  }

  private byte[] advance() throws IOException {
    if (mode == Mode.UNKNOWN) {
      start();
    }
    while (true) {
      switch (mode) {
        case NDJSON -> {
          byte[] line = nextLine();
          if (line != null) {
            return line;
          }
        }
        case FRAMES -> {
          return nextFrame();
        }
        case ARRAY -> {
          byte[] element = nextElement();
          if (element != null) {
            return element;
          }
        }
        case REMAINDER -> {
          mode = Mode.DONE;
          return remainder();
        }
        default -> {
          return null;
        }
      }
    }
  }

  private void start() throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(source, 2);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    in = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
    skipBom();
    skipWhitespace();
    if (peek() == '[') {
      read();
      mode = Mode.ARRAY;
    } else {
      mode = Mode.NDJSON;
    }
  }

  /** Copies each line out of the buffer a run at a time: byte by byte cost five times as much. */
  private byte[] nextLine() throws IOException {
    while (true) {
      chunkLength = 0;
      boolean blank = true;
      boolean started = false;
      while (true) {
        if (position == limit && !fill()) {
          if (!started) {
            mode = Mode.DONE;
            return null;
          }
          break;
        }
        started = true;
        int end = position;
        while (end < limit && buffer[end] != '\n') {
          end++;
        }
        for (int i = position; blank && i < end; i++) {
          blank = isWhitespace(buffer[i]);
        }
        appendRange(position, end);
        if (end < limit) {
          position = end + 1;
          break;
        }
        position = end;
      }
      if (!blank) {
        int length = chunkLength;
        if (length > 0 && chunk[length - 1] == '\r') {
          length--;
        }
        return Arrays.copyOf(chunk, length);
      }
    }
  }

  private byte[] nextFrame() throws IOException {
    if (peek() < 0) {
      mode = Mode.DONE;
      return null;
    }
    int length = 0;
    for (int i = 0; i < Integer.BYTES; i++) {
      length = (length << 8) | readFrameByte();
    }
    if (length < 0 || length > maxChunkBytes) {
      throw new IOException("corrupt spool frame of " + length + " bytes");
    }
    byte[] frame = new byte[length];
    int filled = 0;
    while (filled < length) {
      if (position == limit && !fill()) {
        throw new IOException("spool frame cut short: " + filled + " of " + length + " bytes");
      }
      int n = Math.min(length - filled, limit - position);
      System.arraycopy(buffer, position, frame, filled, n);
      position += n;
      filled += n;
    }
    return frame;
  }

  private int readFrameByte() throws IOException {
    int b = read();
    if (b < 0) {
      throw new IOException("spool frame header cut short");
    }
    return b;
  }

  /** Scans one array element, tracking strings and nesting, up to its top-level terminator. */
  private byte[] nextElement() throws IOException {
    skipWhitespace();
    int b = peek();
    if (b < 0) {
      mode = Mode.DONE;
      return null;
    }
    if (b == ']') {
      read();
      skipWhitespace();
      mode = peek() < 0 ? Mode.DONE : Mode.REMAINDER;
      return null;
    }
    chunkLength = 0;
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    while ((b = peek()) >= 0) {
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if ((b == '}' || b == ']') && depth > 0) {
        depth--;
      } else if (depth == 0 && (b == ',' || b == ']')) {
        if (b == ',') {
          read();
        }
        return trimmedChunk();
      }
      append(read());
    }
    mode = Mode.DONE;
    return trimmedChunk();
  }

  private byte[] remainder() throws IOException {
    chunkLength = 0;
    int b;
    while ((b = read()) >= 0) {
      append(b);
    }
    return trimmedChunk();
  }

  private byte[] trimmedChunk() {
    int length = chunkLength;
    while (length > 0 && isWhitespace(chunk[length - 1])) {
      length--;
    }
    return Arrays.copyOf(chunk, length);
  }

  /** Appends {@code buffer[from, to)}, keeping at most {@code maxChunkBytes} of the chunk. */
  private void appendRange(int from, int to) {
    int length = Math.min(to - from, maxChunkBytes - chunkLength);
    if (length <= 0) {
      return;
    }
    if (chunkLength + length > chunk.length) {
      chunk =
          Arrays.copyOf(
              chunk,
              (int) Math.min(maxChunkBytes, Math.max(2L * chunk.length, chunkLength + length)));
    }
    System.arraycopy(buffer, from, chunk, chunkLength, length);
    chunkLength += length;
  }

  private void append(int b) {
    if (chunkLength == chunk.length) {
      if (chunk.length >= maxChunkBytes) {
        return;
      }
      chunk = Arrays.copyOf(chunk, Math.min(maxChunkBytes, chunk.length * 2));
    }
    chunk[chunkLength++] = (byte) b;
  }

  private void skipBom() throws IOException {
    limit = in.readNBytes(buffer, 0, 3);
    position = 0;
    if (limit == 3
        && (buffer[0] & 0xff) == 0xEF
        && (buffer[1] & 0xff) == 0xBB
        && (buffer[2] & 0xff) == 0xBF) {
      position = 3;
    }
  }

  private void skipWhitespace() throws IOException {
    while (isWhitespace(peek())) {
      read();
    }
  }

  private static boolean isWhitespace(int b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position] & 0xff;
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    position = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }
}
