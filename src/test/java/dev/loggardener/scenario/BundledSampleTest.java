package dev.loggardener.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class BundledSampleTest {

  @Test
  void bundledSampleIsExactlyWhatTheGeneratorWrites() throws IOException {
    Path sample = Path.of(BundledSample.PATH);
    assertThat(sample)
        .as("the bundled sample; regenerate it as pipelines/samples/README.md says")
        .exists();
    byte[] bundled;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(sample))) {
      bundled = in.readAllBytes();
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    new ScenarioGenerator(BundledSample.SEED, BundledSample.ENTRIES, BundledSample.DATE)
        .generate(line -> expected.write((line + "\n").getBytes(StandardCharsets.UTF_8)));
    // Compared after decompression: gzip bytes depend on the zlib build, the content must not.
    assertThat(bundled).isEqualTo(expected.toByteArray());
  }

  @Test
  void bundledSampleStaysSmall() throws IOException {
    assertThat(Files.size(Path.of(BundledSample.PATH))).isLessThan(1_000_000);
  }
}
