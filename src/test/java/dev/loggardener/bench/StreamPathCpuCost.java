package dev.loggardener.bench;

import dev.loggardener.logentry.ExportReader;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import dev.loggardener.normalize.Fingerprinter;
import dev.loggardener.normalize.RuleSet;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CPU cost per entry of the streaming job's per-element work (parse the LogEntry JSON, then redact,
 * normalize and fingerprint it) over a {@code generate} file, measured in this thread's CPU time so
 * that a shared machine does not count time spent waiting for a core. deploy/README.md turns the
 * figure into vCPUs per 10,000 entries/s. Run from the project root with
 *
 * <pre>
 * java -cp target/classes:$(cat /tmp/cp.txt) dev.loggardener.cli.Main generate \
 *   --out /tmp/bench/day.ndjson --entries 50000
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.loggardener.bench.StreamPathCpuCost \
 *   -Dexec.args=/tmp/bench/day.ndjson
 * </pre>
 */
public final class StreamPathCpuCost {
  private static final int ROUNDS = 12;
  private static final int WARM_UP_ROUNDS = 4;

  private StreamPathCpuCost() {}

  public static void main(String[] args) throws Exception {
    List<byte[]> payloads = new ArrayList<>();
    try (InputStream in = Files.newInputStream(Path.of(args[0]));
        ExportReader reader = ExportReader.open(in)) {
      reader.forEachRemaining(payloads::add);
    }
    long bytes = payloads.stream().mapToLong(p -> p.length).sum();
    LogEntryParser parser = new LogEntryParser();
    Fingerprinter fingerprinter = new Fingerprinter(RuleSet.loadDefault());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] rates = new double[ROUNDS];
    long checksum = 0;
    long rejected = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (byte[] payload : payloads) {
        ParseResult result = parser.parse(payload, Map.of());
        if (result instanceof ParseResult.Parsed parsed) {
          checksum += fingerprinter.fingerprint(parsed.entry()).id().charAt(0);
        } else {
          rejected++;
        }
      }
      rates[round] = payloads.size() * 1e9 / (threads.getCurrentThreadCpuTime() - start);
    }
    double[] measured = Arrays.copyOfRange(rates, WARM_UP_ROUNDS, ROUNDS);
    Arrays.sort(measured);
    System.out.printf(
        "%d entries (%.0f bytes each, %d rejected per round), %d measured rounds after %d warm-up:"
            + " median %.0f entries per CPU-second (min %.0f, max %.0f); checksum %d%n",
        payloads.size(),
        (double) bytes / payloads.size(),
        rejected / ROUNDS,
        measured.length,
        WARM_UP_ROUNDS,
        measured[measured.length / 2],
        measured[0],
        measured[measured.length - 1],
        checksum);
  }
}
