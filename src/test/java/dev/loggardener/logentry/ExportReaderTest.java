package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportReaderTest {

  private static List<String> read(byte[] bytes) throws IOException {
    List<String> chunks = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(bytes))) {
      reader.forEachRemaining(chunk -> chunks.add(new String(chunk, StandardCharsets.UTF_8)));
    }
    return chunks;
  }

  private static List<String> read(String text) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          ndjson                      | `{"a":1}\n{"b":[2,3]}\n`                  | `{"a":1}|{"b":[2,3]}`
          ndjson crlf and blank lines | `\n{"a":1}\r\n\r\n  \n{"b":2}`             | `{"a":1}|{"b":2}`
          ndjson bad line kept        | `{"a":1}\nnot json\n{"b":2`               | `{"a":1}|not json|{"b":2`
          compact array               | `[{"a":1},{"b":[2,{"c":3}]}]`             | `{"a":1}|{"b":[2,{"c":3}]}`
          pretty array                | `[\n  {\n    "a": 1\n  },\n  {\n    "b": 2\n  }\n]\n` | `{\n    "a": 1\n  }|{\n    "b": 2\n  }`
          strings with delimiters     | `[{"m":"a,b]}{[\\"x\\\\"},{"n":"]"}]`     | `{"m":"a,b]}{[\\"x\\\\"}|{"n":"]"}`
          empty array                 | `[ ]`                                     | ``
          empty input                 | ``                                        | ``
          unterminated element        | `[{"a":1},{"b":`                          | `{"a":1}|{"b":`
          unterminated string         | `[{"a":"x]`                               | `{"a":"x]`
          content after the array     | `[{"a":1}] trailing, {"b":2}\n`           | `{"a":1}|trailing, {"b":2}`
          stray closing brace         | `[{"a":1}},{"b":2}]`                      | `{"a":1}}|{"b":2}`
          scalar elements kept        | `[1,"two",null]`                          | `1|"two"|null`
          empty element kept          | `[{"a":1},,{"b":2}]`                      | `{"a":1}||{"b":2}`
          """)
  void splitsEachFormatIntoRawEntries(String kind, String input, String expected)
      throws IOException {
    String text = input.replace("\\n", "\n").replace("\\r", "\r");
    List<String> want =
        expected.isEmpty()
            ? List.of()
            : Arrays.asList(expected.replace("\\n", "\n").split("\\|", -1));
    assertThat(read(text)).isEqualTo(want);
    assertThat(read(gzip(text))).as("gzipped").isEqualTo(want);
  }

  @Test
  void skipsAUtf8ByteOrderMarkBeforeAnArray() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] array = "[{\"a\":1}]".getBytes(StandardCharsets.UTF_8);
    byte[] input = Arrays.copyOf(bom, bom.length + array.length);
    System.arraycopy(array, 0, input, bom.length, array.length);
    assertThat(read(input)).containsExactly("{\"a\":1}");
  }

  @Test
  void yieldsEveryPublicSampleLineAsNdjsonAndAsAPrettyArray() throws IOException {
    List<String> lines = PublicSamples.lines();
    byte[] ndjson = Files.readAllBytes(PublicSamples.file());
    assertThat(read(ndjson)).isEqualTo(lines);
    String pretty = "[\n  " + String.join(",\n  ", lines) + "\n]\n";
    assertThat(read(gzip(pretty))).isEqualTo(lines);
  }

  @Test
  void streamsAMillionEntriesWithoutHoldingThem() throws IOException {
    int entries = 1_000_000;
    long count = 0;
    long parsed = 0;
    LogEntryParser parser = new LogEntryParser();
    try (ExportReader reader = ExportReader.open(new GeneratedArray(entries))) {
      while (reader.hasNext()) {
        byte[] chunk = reader.next();
        count++;
        if (count % 1000 == 0 && parser.parse(chunk, Map.of()) instanceof ParseResult.Parsed) {
          parsed++;
        }
      }
    }
    assertThat(count).isEqualTo(entries);
    assertThat(parsed).isEqualTo(entries / 1000);
  }

  @Test
  void reportsACorruptGzipStreamAsAnIoError() throws IOException {
    byte[] compressed = gzip("{\"a\":1}\n".repeat(1000));
    byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
    assertThatThrownBy(() -> read(truncated)).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void cutsAnOversizedChunkAtTheLimitAndKeepsReading() throws IOException {
    String input = "{\"a\":\"" + "x".repeat(100) + "\"}\n{\"b\":1}\n";
    List<String> chunks = new ArrayList<>();
    try (ExportReader reader =
        ExportReader.open(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 32)) {
      reader.forEachRemaining(chunk -> chunks.add(new String(chunk, StandardCharsets.UTF_8)));
    }
    assertThat(chunks).containsExactly(input.substring(0, 32), "{\"b\":1}");
  }

  /**
   * Lines of up to twice the read buffer, arriving in reads of random length, split exactly as
   * splitting the whole text at newlines would: blank lines skipped, one trailing CR dropped, cut
   * at the chunk limit.
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3", "4", "5"})
  void splitsLinesAcrossReadsLikeSplittingTheWholeText(long seed) throws IOException {
    Random random = new Random(seed);
    int limit = 100_000;
    StringBuilder text = new StringBuilder();
    for (int line = 0; line < 60; line++) {
      int kind = random.nextInt(5);
      int length = kind == 0 ? random.nextInt(4) : random.nextInt(kind == 1 ? 140_000 : 300);
      for (int i = 0; i < length; i++) {
        text.append(
            kind == 0 ? " \t\r".charAt(random.nextInt(3)) : (char) ('a' + random.nextInt(26)));
      }
      text.append(random.nextBoolean() ? "\r\n" : "\n");
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);

    List<String> expected = new ArrayList<>();
    for (String line : text.toString().split("\n")) {
      String kept = line.substring(0, Math.min(line.length(), limit));
      if (!line.isBlank()) {
        expected.add(kept.endsWith("\r") ? kept.substring(0, kept.length() - 1) : kept);
      }
    }
    List<String> chunks = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(new ShortReads(bytes, random), limit)) {
      reader.forEachRemaining(chunk -> chunks.add(new String(chunk, StandardCharsets.US_ASCII)));
    }
    assertThat(chunks).isEqualTo(expected);
  }

  /** Hands out its bytes in reads of random length, as a network or pipe stream does. */
  private static final class ShortReads extends InputStream {
    private final byte[] bytes;
    private final Random random;
    private int position;

    ShortReads(byte[] bytes, Random random) {
      this.bytes = bytes;
      this.random = random;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (position == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(length, bytes.length - position), 1 + random.nextInt(90_000));
      System.arraycopy(bytes, position, target, offset, n);
      position += n;
      return n;
    }
  }

  @Test
  void throwsNoSuchElementPastTheEnd() throws IOException {
    try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(new byte[0]))) {
      assertThat(reader.hasNext()).isFalse();
      assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
    }
  }

  /** A JSON array of entries produced on the fly, so the test itself holds none of them. */
  private static final class GeneratedArray extends InputStream {
    private final int entries;
    private int produced;
    private byte[] current = "[".getBytes(StandardCharsets.UTF_8);
    private int position;

    GeneratedArray(int entries) {
      this.entries = entries;
    }

    @Override
    public int read() {
      if (position == current.length && !advance()) {
        return -1;
      }
      return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position == current.length && !advance()) {
        return -1;
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(current, position, b, off, n);
      position += n;
      return n;
    }

    private boolean advance() {
      if (produced > entries) {
        return false;
      }
      String next =
          produced == entries
              ? "]"
              : (produced == 0 ? "" : ",")
                  + "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"insertId\":\"e"
                  + produced
                  + "\",\"textPayload\":\"entry number "
                  + produced
                  + "\"}";
      produced++;
      current = next.getBytes(StandardCharsets.UTF_8);
      position = 0;
      return true;
    }
  }

  private static byte[] frames(byte[]... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (byte[] entry : entries) {
        out.writeInt(entry.length);
        out.write(entry);
      }
    }
    return bytes.toByteArray();
  }

  private static List<byte[]> readFrames(byte[] bytes) throws IOException {
    List<byte[]> entries = new ArrayList<>();
    try (ExportReader reader = ExportReader.openFrames(new ByteArrayInputStream(bytes))) {
      reader.forEachRemaining(entries::add);
    }
    return entries;
  }

  @Test
  void readsFramesBackByteForByteWhateverTheyHold() throws IOException {
    byte[] pretty = "{\n  \"a\": 1\r\n}".getBytes(StandardCharsets.UTF_8);
    byte[] large = new byte[200_000];
    new Random(3).nextBytes(large);

    assertThat(readFrames(frames(pretty, new byte[0], large)))
        .containsExactly(pretty, new byte[0], large);
    assertThat(readFrames(new byte[0])).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"header", "body", "length"})
  void aDamagedSpoolFailsLoudlyInsteadOfYieldingPartOfAnEntry(String damage) throws IOException {
    byte[] whole = frames("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    byte[] damaged =
        switch (damage) {
          case "header" -> Arrays.copyOf(whole, 2);
          case "body" -> Arrays.copyOf(whole, whole.length - 1);
          default -> {
            byte[] copy = whole.clone();
            copy[0] = (byte) 0x80;
            yield copy;
          }
        };

    assertThatThrownBy(() -> readFrames(damaged))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("spool frame");
  }
}
