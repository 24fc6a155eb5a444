package dev.loggardener.logentry;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The 28 public LogEntry samples in the test resources; their provenance and licences are in {@code
 * fixtures/public-samples/SOURCE.md} and the repository's NOTICE.
 */
public final class PublicSamples {
  private static final String RESOURCE = "/fixtures/public-samples/public-samples.jsonl";

  private PublicSamples() {}

  /** The sample file on the test classpath. */
  public static Path file() {
    URL url = PublicSamples.class.getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException(RESOURCE + " is not on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + url, e);
    }
  }

  /** The sample lines, in file order. */
  public static List<String> lines() {
    try {
      return Files.readAllLines(file(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file(), e);
    }
  }
}
