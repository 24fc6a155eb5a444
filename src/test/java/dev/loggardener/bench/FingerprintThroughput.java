package dev.loggardener.bench;

import dev.loggardener.logentry.ExportReader;
import dev.loggardener.logentry.LogEntry;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import dev.loggardener.logentry.PublicSamples;
import dev.loggardener.normalize.Findings;
import dev.loggardener.normalize.Fingerprinter;
import dev.loggardener.normalize.LoghubCorpus;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.scenario.BundledSample;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH benchmark of the streaming-path step: redact, normalize and fingerprint, single-threaded; the
 * score is messages per second. {@code fingerprintEntries} runs what {@code NormalizeEntries} runs
 * per entry, {@link Fingerprinter#fingerprint(LogEntry, Findings)} (labels and request path
 * searched for secrets, identity fields in the fingerprint), over the parsed entries of the bundled
 * sample and the public samples; {@code fingerprintLoghubMessages} runs the same path on bare text,
 * {@link Fingerprinter#fingerprintMessage}, over every message of the ten Loghub-2k systems (20,000
 * messages, read from the folder {@code -Dloghub.dir} names). Run from the project root (forks need
 * the test classpath, hence exec:exec):
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   -Dexec.args="-Dloghub.dir=PATH -cp %classpath \
 *   dev.loggardener.bench.FingerprintThroughput"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FingerprintThroughput {
  private static final int MESSAGES = 20_000;

  private static final int ENTRIES = 4_000;

  private Fingerprinter fingerprinter;
  private String[] messages;

  /** {@value #ENTRIES} parsed entries: the public samples, then the bundled sample's, in turn. */
  @State(Scope.Benchmark)
  public static class Entries {
    private final Fingerprinter fingerprinter = new Fingerprinter(RuleSet.loadDefault());
    private List<byte[]> payloads;
    private LogEntry[] entries;

    @Setup
    public void load() throws Exception {
      List<byte[]> payloads = new ArrayList<>();
      for (String line : PublicSamples.lines()) {
        payloads.add(line.getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream in = Files.newInputStream(Path.of(BundledSample.PATH));
          ExportReader reader = ExportReader.open(in)) {
        reader.forEachRemaining(payloads::add);
      }
      this.payloads = payloads;
    }

    /**
     * Parses the entries again for each pass, so that their strings are new as a stream's are
     * ({@link FreshMessages}).
     */
    @Setup(Level.Invocation)
    public void parse() {
      LogEntryParser parser = new LogEntryParser();
      entries = new LogEntry[ENTRIES];
      int parsed = 0;
      for (int i = 0; parsed < ENTRIES; i++) {
        if (parser.parse(payloads.get(i % payloads.size()), Map.of())
            instanceof ParseResult.Parsed p) {
          entries[parsed++] = p.entry();
        }
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public void fingerprintEntries(Entries state, Blackhole sink) {
    for (LogEntry entry : state.entries) {
      sink.consume(state.fingerprinter.fingerprint(entry, new Findings()));
    }
  }

  @Setup
  public void load() throws Exception {
    fingerprinter = new Fingerprinter(RuleSet.loadDefault());
    List<String> all = new ArrayList<>();
    LoghubCorpus.load().forEach(log -> all.addAll(log.messages()));
    if (all.size() != MESSAGES) {
      throw new IllegalStateException("expected " + MESSAGES + " messages, got " + all.size());
    }
    messages = all.toArray(String[]::new);
  }

  /** New strings of the messages for each pass ({@link FreshMessages}). */
  private String[] fresh;

  @Setup(Level.Invocation)
  public void copyMessages() {
    fresh = FreshMessages.of(messages);
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void fingerprintLoghubMessages(Blackhole sink) {
    for (String message : fresh) {
      sink.consume(fingerprinter.fingerprintMessage(message));
    }
  }

  public static void main(String[] args) throws Exception {
    Options options =
        new OptionsBuilder()
            .include(FingerprintThroughput.class.getName())
            .forks(3)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(2))
            .threads(1)
            .build();
    new Runner(options).run();
  }
}
