package dev.loggardener.normalize;

import dev.loggardener.logentry.ExportReader;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import dev.loggardener.logentry.PublicSamples;
import dev.loggardener.scenario.BundledSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Real-shaped log messages the repository holds: the message of every entry of the bundled sample
 * day, then of every public LogEntry sample that parses. Tests that need a broad corpus of text
 * (determinism, the stored version's digest, template grouping) read it instead of data the
 * repository may not hold.
 */
public final class RepositoryCorpus {
  private RepositoryCorpus() {}

  /** The messages, in file order, duplicates kept. */
  public static List<String> messages() throws IOException {
    LogEntryParser parser = new LogEntryParser();
    List<String> messages = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(BundledSample.PATH)));
        ExportReader entries = ExportReader.open(in)) {
      while (entries.hasNext()) {
        addMessage(parser, entries.next(), messages);
      }
    }
    for (String line : PublicSamples.lines()) {
      addMessage(parser, line.getBytes(StandardCharsets.UTF_8), messages);
    }
    return messages;
  }

  private static void addMessage(LogEntryParser parser, byte[] entry, List<String> messages) {
    if (parser.parse(entry, Map.of()) instanceof ParseResult.Parsed parsed) {
      messages.add(parsed.entry().message());
    }
  }
}
