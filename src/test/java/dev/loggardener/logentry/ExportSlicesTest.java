package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportSlicesTest {
  private static final String FILE =
      "{\"a\":1}\n\n{\"b\":\"long line .................................\"}\r\n"
          + "   \n{\"c\":3}\n{}\n[\"not an object\"]\n{\"last\":\"no newline\"}";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'{\"a\":1}', true",
    "'  \n\t{\"a\":1}', true",
    "'[{\"a\":1}]', false",
    "'\n  [', false",
    "'', false",
    "'   ', false",
    "'plain text', false",
  })
  void slicesOnlyFilesWhoseFirstNonBlankByteOpensAnObject(String head, boolean sliceable) {
    byte[] bytes = head.getBytes(StandardCharsets.UTF_8);
    assertThat(ExportSlices.sliceable(bytes, bytes.length)).isEqualTo(sliceable);
  }

  @Test
  void neverSlicesGzipWhateverFollowsTheMagicBytes() {
    byte[] gzip = {0x1f, (byte) 0x8b, '{', '}'};
    assertThat(ExportSlices.sliceable(gzip, gzip.length)).isFalse();
  }

  @Test
  void everyCutOfTheFileReadsEveryLineExactlyOnce() throws IOException {
    Path file = dir.resolve("export.jsonl");
    Files.writeString(file, FILE);
    List<String> whole = linesOf(file, new long[] {0, Files.size(file)});
    assertThat(whole)
        .containsExactly(
            "{\"a\":1}",
            "{\"b\":\"long line .................................\"}",
            "{\"c\":3}",
            "{}",
            "[\"not an object\"]",
            "{\"last\":\"no newline\"}");
    long size = Files.size(file);
    for (int width = 1; width <= size; width++) {
      List<Long> cuts = new ArrayList<>();
      for (long from = 0; from < size; from += width) {
        cuts.add(from);
      }
      cuts.add(size);
      long[] points = cuts.stream().mapToLong(Long::longValue).toArray();
      assertThat(linesOf(file, points)).as("slices of %d bytes", width).isEqualTo(whole);
    }
  }

  @Test
  void aCutInsideALineGivesTheLineToTheSliceWhereItStarts() throws IOException {
    Path file = dir.resolve("two.jsonl");
    Files.writeString(file, "{\"first\":1}\n{\"second\":2}\n");
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      assertThat(ExportSlices.lineStartAtOrAfter(channel, 0)).isZero();
      assertThat(ExportSlices.lineStartAtOrAfter(channel, 1)).isEqualTo(12);
      assertThat(ExportSlices.lineStartAtOrAfter(channel, 12)).isEqualTo(12);
      assertThat(ExportSlices.lineStartAtOrAfter(channel, 13)).isEqualTo(25);
      assertThat(ExportSlices.lineStartAtOrAfter(channel, 99)).isEqualTo(25);
    }
  }

  private static List<String> linesOf(Path file, long[] cuts) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.length; i++) {
      SeekableByteChannel channel = Files.newByteChannel(file);
      long start = ExportSlices.lineStartAtOrAfter(channel, cuts[i]);
      long end = ExportSlices.lineStartAtOrAfter(channel, cuts[i + 1]);
      InputStream range = ExportSlices.range(channel, start, end);
      try (ExportReader reader = ExportReader.openLines(range)) {
        reader.forEachRemaining(line -> lines.add(new String(line, StandardCharsets.UTF_8)));
      }
    }
    return lines;
  }
}
