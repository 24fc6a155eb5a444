package dev.loggardener.bench;

import dev.loggardener.beam.NormalizeEntries;
import dev.loggardener.beam.NormalizedEntry;
import dev.loggardener.beam.NormalizedEntryCoder;
import dev.loggardener.beam.ParsedEntry;
import dev.loggardener.beam.RawMessage;
import dev.loggardener.logentry.ExportReader;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import dev.loggardener.normalize.Findings;
import dev.loggardener.normalize.Fingerprinter;
import dev.loggardener.normalize.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.joda.time.Instant;

/**
 * CPU cost per entry of the streaming job's per-element work, measured in this thread's CPU time so
 * that a shared machine does not count time spent waiting for a core. deploy/README.md turns the
 * figure into vCPUs per 10,000 entries/s.
 *
 * <p>Per message it runs what the job runs between the Pub/Sub read and the deduplication shuffle,
 * in the order the fused stage runs it: the {@link RawMessage} the read step makes of a Pub/Sub
 * message (payload, the sink's timestamp attribute, message id), the parse step's work ({@link
 * LogEntryParser#parse}, the {@link ParsedEntry}, its event time), the normalize step's work
 * ({@link NormalizeEntries#normalize}), and the {@link NormalizedEntryCoder} that carries the
 * result through the shuffle into deduplication, encoded and decoded. Parse and normalize are fused
 * on Dataflow, so no coder runs between them; metrics counters are left out. Rejected messages are
 * counted but not turned into dead letters (one in 500 in a {@code generate} file).
 *
 * <p>Run from the project root with one or more files (NDJSON or JSON array, gzipped or not):
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
    for (String file : args) {
      try (InputStream in = Files.newInputStream(Path.of(file));
          ExportReader reader = ExportReader.open(in)) {
        reader.forEachRemaining(payloads::add);
      }
    }
    List<Map<String, String>> attributes = new ArrayList<>(payloads.size());
    List<String> messageIds = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      Map<String, String> sinkAttributes = new HashMap<>();
      sinkAttributes.put(LogEntryParser.TIMESTAMP_ATTRIBUTE, "2025-09-11T12:00:00.000000Z");
      attributes.add(sinkAttributes);
      messageIds.add(Long.toString(17_000_000_000_000L + i * 7919L));
    }
    long bytes = payloads.stream().mapToLong(p -> p.length).sum();
    LogEntryParser parser = new LogEntryParser();
    Fingerprinter fingerprinter = new Fingerprinter(RuleSet.loadDefault());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ByteArrayOutputStream shuffle = new ByteArrayOutputStream(4096);
    double[] rates = new double[ROUNDS];
    long checksum = 0;
    long rejected = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < payloads.size(); i++) {
        RawMessage raw = new RawMessage(payloads.get(i), attributes.get(i), messageIds.get(i));
        ParseResult result = parser.parse(raw.payload(), raw.attributes());
        if (result instanceof ParseResult.Parsed parsed) {
          ParsedEntry entry = new ParsedEntry(raw, parsed.entry());
          Instant eventTime = new Instant(parsed.entry().timestamp().toEpochMilli());
          NormalizedEntry normalized =
              NormalizeEntries.normalize(entry, fingerprinter, new Findings());
          checksum += eventTime.getMillis() + throughShuffle(normalized, shuffle);
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

  /** Encodes the entry as the shuffle into deduplication does and decodes it on the other side. */
  private static long throughShuffle(NormalizedEntry entry, ByteArrayOutputStream buffer)
      throws IOException {
    buffer.reset();
    NormalizedEntryCoder.of().encode(entry, buffer);
    NormalizedEntry decoded =
        NormalizedEntryCoder.of().decode(new ByteArrayInputStream(buffer.toByteArray()));
    return decoded.observation().identity().fingerprint().charAt(0) + buffer.size();
  }
}
