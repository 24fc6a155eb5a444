package dev.loggardener.cli;

import dev.loggardener.logentry.ExportReader;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.LogEntryRenderer;
import dev.loggardener.logentry.ParseResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code parse}: reads an export file and prints one JSON object per entry, in input order, either
 * the parsed fields or {@code {"rejected": reason, "detail": ...}}.
 *
 * <p>Exits 0 whenever the input could be read, however many entries were rejected; a one-line
 * summary of entries, parsed and rejected by reason goes to stderr.
 */
public final class ParseCommand implements Command {
  private final Supplier<InputStream> stdin;

  /** A command that reads {@code -} from the process's standard input. */
  public ParseCommand() {
    this(() -> System.in);
  }

  /** A command that reads {@code -} from the given stream. */
  public ParseCommand(Supplier<InputStream> stdin) {
    this.stdin = stdin;
  }

  @Override
  public String name() {
    return "parse";
  }

  @Override
  public String summary() {
    return "Parse Cloud Logging entries and print one JSON object per entry.";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Flags flags =
        new Flags(
                "java -jar log-gardener.jar parse --input FILE",
                "Parses Cloud Logging LogEntry JSON: NDJSON (one entry per line) or a JSON array as"
                    + " written by\n'gcloud logging read --format=json', either possibly gzipped."
                    + " Prints one JSON object\nper entry in input order: the parsed fields, or"
                    + " {\"rejected\": REASON, \"detail\": ...}.\nA summary line goes to stderr."
                    + " Exits 0 when the input was read, whatever was rejected.")
            .option("input", "FILE", "The export file to read, or - for standard input.", null);
    if (!flags.parse(args, out)) {
      return 0;
    }
    String input = flags.require("input");
    LogEntryParser parser = new LogEntryParser();
    LogEntryRenderer renderer = new LogEntryRenderer();
    long entries = 0;
    long parsed = 0;
    Map<String, Long> rejected = new TreeMap<>();
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    try (ExportReader reader = ExportReader.open(open(input))) {
      while (reader.hasNext()) {
        ParseResult result = parser.parse(reader.next(), Map.of());
        entries++;
        if (result instanceof ParseResult.Rejected rejection) {
          rejected.merge(rejection.reason().code(), 1L, Long::sum);
        } else {
          parsed++;
        }
        writer.write(renderer.render(result));
        writer.write('\n');
      }
    } finally {
      writer.flush();
    }
    err.println(summary(entries, parsed, rejected));
    return 0;
  }

  private InputStream open(String input) throws IOException {
    if (input.equals("-")) {
      return stdin.get();
    }
    try {
      return Files.newInputStream(Path.of(input));
    } catch (NoSuchFileException e) {
      throw new IOException("cannot read --input " + input + ": no such file", e);
    }
  }

  static String summary(long entries, long parsed, Map<String, Long> rejected) {
    long total = rejected.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder line =
        new StringBuilder("parse: ")
            .append(entries)
            .append(" entries, ")
            .append(parsed)
            .append(" parsed, ")
            .append(total)
            .append(" rejected");
    if (!rejected.isEmpty()) {
      StringBuilder reasons = new StringBuilder();
      rejected.forEach(
          (reason, count) ->
              reasons
                  .append(reasons.length() == 0 ? "" : ", ")
                  .append(reason)
                  .append('=')
                  .append(count));
      line.append(" (").append(reasons).append(')');
    }
    return line.toString();
  }
}
