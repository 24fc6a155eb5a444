package dev.loggardener.logentry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the stack trace fixtures in {@code fixtures/traces/} from the test classpath. */
public final class TraceFixtures {
  private TraceFixtures() {}

  /** The text of one fixture file. */
  public static String read(String name) throws IOException {
    String path = "fixtures/traces/" + name;
    try (InputStream in = TraceFixtures.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
