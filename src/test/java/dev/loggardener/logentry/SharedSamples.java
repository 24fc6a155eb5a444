package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Locates the shared sample files, which live beside the project in {@code ../shared}. */
public final class SharedSamples {
  private SharedSamples() {}

  /** The public sample file, or a test failure that says where it was expected. */
  public static Path publicSamples() {
    return publicSamples(Path.of("").toAbsolutePath());
  }

  static Path publicSamples(Path projectRoot) {
    Path file = projectRoot.resolve("../shared/logentries/public-samples.jsonl").normalize();
    if (!Files.isRegularFile(file)) {
      fail(
          "missing %s: the shared samples must sit beside the project root as"
              + " ../shared/logentries/public-samples.jsonl",
          file);
    }
    return file;
  }

  /** The sample lines, in file order. */
  public static List<String> publicSampleLines() {
    try {
      return Files.readAllLines(publicSamples(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + publicSamples(), e);
    }
  }
}
