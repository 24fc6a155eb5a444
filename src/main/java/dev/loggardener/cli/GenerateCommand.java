package dev.loggardener.cli;

import dev.loggardener.scenario.BundledSample;
import dev.loggardener.scenario.ScenarioGenerator;
import dev.loggardener.scenario.ScenarioManifest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** {@code generate}: writes the staging-incident scenario as LogEntry JSON lines. */
final class GenerateCommand implements Command {
  private static final int BUFFER_BYTES = 1 << 16;

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "Write a seeded day of staging Cloud Run logs with planted problems.";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Flags flags =
        new Flags(
                "java -jar log-gardener.jar generate --out FILE [--seed N] [--entries N]"
                    + " [--date YYYY-MM-DD] [--gzip]",
                "Writes a day of Cloud Logging LogEntry JSON for the netra-staging project, one"
                    + " compact object a line\nas a log sink publishes it: two Cloud Run services,"
                    + " background INFO noise, and the seven problem\nfamilies of the example"
                    + " worklog at known counts, plus redeliveries, malformed messages and\n"
                    + "planted secrets. The same seed, size and date always give the same bytes.")
            .option("out", "FILE", "Where to write the lines.", null)
            .option("seed", "N", "Seed of the random choices.", Long.toString(BundledSample.SEED))
            .option(
                "entries",
                "N",
                "Lines to write, at least " + ScenarioGenerator.MIN_ENTRIES + ".",
                Long.toString(BundledSample.ENTRIES))
            .option(
                "date",
                "YYYY-MM-DD",
                "The UTC day the entries are spread over.",
                BundledSample.DATE.toString())
            .toggle("gzip", "Compress the output with gzip (implied by an --out ending in .gz).");
    if (!flags.parse(args, out)) {
      return 0;
    }
    Path file = Path.of(flags.require("out"));
    long seed = flags.getLong("seed").orElseThrow();
    long entries = flags.getLong("entries").orElseThrow();
    if (entries < ScenarioGenerator.MIN_ENTRIES) {
      throw new Flags.UsageException(
          "--entries must be at least " + ScenarioGenerator.MIN_ENTRIES + ", got " + entries);
    }
    LocalDate date = parseDate(flags.require("date"));
    boolean gzip = flags.isSet("gzip") || file.getFileName().toString().endsWith(".gz");
    ScenarioGenerator generator = new ScenarioGenerator(seed, entries, date);
    long started = System.nanoTime();
    write(generator, file, gzip);
    double seconds = (System.nanoTime() - started) / 1e9;
    ScenarioManifest manifest = generator.manifest();
    out.printf(
        Locale.ROOT,
        "wrote %d entries to %s in %.1f s: %d distinct, %d redelivered, %d malformed%n",
        entries,
        file,
        seconds,
        manifest.distinctEntries(),
        manifest.redeliveries(),
        manifest.malformed());
    return 0;
  }

  /** Streams the day to {@code file}, optionally gzipped. */
  private static void write(ScenarioGenerator generator, Path file, boolean gzip)
      throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream stream = gzip ? new GZIPOutputStream(raw, BUFFER_BYTES) : raw;
        Writer writer =
            new BufferedWriter(
                new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER_BYTES)) {
      generator.generate(
          line -> {
            writer.write(line);
            writer.write('\n');
          });
    }
  }

  private static LocalDate parseDate(String text) throws Flags.UsageException {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new Flags.UsageException("--date must look like 2025-09-11, got '" + text + "'");
    }
  }
}
