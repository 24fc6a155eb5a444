package dev.loggardener.cli;

import dev.loggardener.jobs.LocalRun;
import java.io.PrintStream;
import java.nio.file.Path;
import org.joda.time.Duration;

/** {@code run}: export files through the streaming pipeline on this machine into DuckDB. */
public final class RunCommand implements Command {
  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "Run the pipeline locally over export files into a DuckDB file.";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Flags flags =
        new Flags(
                "java -jar log-gardener.jar run --input FILE|GLOB [OPTIONS]",
                "Reads Cloud Logging exports (gcloud logging read --format=json, or NDJSON;"
                    + " gzipped or not), runs the same pipeline as production on the DirectRunner"
                    + " and writes issue_windows and dead_letters to a local DuckDB file.")
            .option("input", "FILE|GLOB", "Export files to read, e.g. 'exports/*.json.gz'.", null)
            .option("store", "FILE", "DuckDB file to write.", "./gardener.duckdb")
            .option("rules", "FILE", "Normalization rules replacing the built-in ones.", null)
            .option("window-minutes", "N", "Event-time window size in minutes.", "1")
            .option("progress-seconds", "N", "Seconds between progress lines.", "5");
    if (!flags.parse(args, out)) {
      return 0;
    }
    long window = flags.getLong("window-minutes").orElseThrow();
    long progress = flags.getLong("progress-seconds").orElseThrow();
    if (window < 1 || progress < 1) {
      throw new Flags.UsageException("--window-minutes and --progress-seconds must be at least 1");
    }
    LocalRun.Accounting a =
        LocalRun.run(
            new LocalRun.Settings(
                flags.require("input"),
                Path.of(flags.get("store").orElseThrow()),
                flags.get("rules").orElse(null),
                (int) window,
                Duration.standardSeconds(progress)),
            out);
    out.printf(
        "read %,d entries: %,d counted in %,d rows (%,d fingerprints), %,d dead letters"
            + " (%,d rejected, %,d failed to fingerprint, %,d too late), %,d duplicates removed%n",
        a.read(),
        a.aggregated(),
        a.rows(),
        a.fingerprints(),
        a.deadLetters(),
        a.rejected(),
        a.normalizeFailed(),
        a.tooLate(),
        a.duplicates());
    if (!a.balanced()) {
      err.println("log-gardener run: the accounts do not balance: " + a);
      return 1;
    }
    out.println("accounts balance; store: " + flags.get("store").orElseThrow());
    return 0;
  }
}
