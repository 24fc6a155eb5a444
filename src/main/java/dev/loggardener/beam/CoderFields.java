package dev.loggardener.beam;

import dev.loggardener.logentry.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Encodes the nullable fields the record coders share, in a compact length-prefixed form. */
final class CoderFields {
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private CoderFields() {}

  static void writeString(String value, OutputStream out) throws IOException {
    STRING.encode(value, out);
  }

  static String readString(InputStream in) throws IOException {
    return STRING.decode(in);
  }

  static void writeNullableString(String value, OutputStream out) throws IOException {
    out.write(value == null ? 0 : 1);
    if (value != null) {
      STRING.encode(value, out);
    }
  }

  static String readNullableString(InputStream in) throws IOException {
    return present(in) ? STRING.decode(in) : null;
  }

  static void writeLong(long value, OutputStream out) throws IOException {
    LONG.encode(value, out);
  }

  static long readLong(InputStream in) throws IOException {
    return LONG.decode(in);
  }

  static void writeNullableLong(Long value, OutputStream out) throws IOException {
    out.write(value == null ? 0 : 1);
    if (value != null) {
      LONG.encode(value, out);
    }
  }

  static Long readNullableLong(InputStream in) throws IOException {
    return present(in) ? LONG.decode(in) : null;
  }

  static void writeInstant(Instant value, OutputStream out) throws IOException {
    LONG.encode(value.getEpochSecond(), out);
    LONG.encode((long) value.getNano(), out);
  }

  static Instant readInstant(InputStream in) throws IOException {
    long seconds = LONG.decode(in);
    return Instant.ofEpochSecond(seconds, LONG.decode(in));
  }

  static void writeLocation(SourceLocation location, OutputStream out) throws IOException {
    writeNullableString(location.file(), out);
    writeNullableLong(location.line(), out);
    writeNullableString(location.function(), out);
  }

  static SourceLocation readLocation(InputStream in) throws IOException {
    return new SourceLocation(readNullableString(in), readNullableLong(in), readNullableString(in));
  }

  static boolean present(InputStream in) throws IOException {
    int flag = in.read();
    if (flag < 0) {
      throw new IOException("unexpected end of encoded record");
    }
    return flag == 1;
  }
}
