package dev.loggardener.bench;

import dev.loggardener.normalize.Fingerprinter;
import dev.loggardener.normalize.LoghubCorpus;
import dev.loggardener.normalize.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * JMH benchmark of the streaming-path step: redact, normalize and fingerprint every message of the
 * ten Loghub-2k systems (20,000 messages), single-threaded; the score is messages per second. Run
 * from the project root (forks need the test classpath, hence exec:exec):
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath dev.loggardener.bench.FingerprintThroughput"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FingerprintThroughput {
  private static final int MESSAGES = 20_000;

  private Fingerprinter fingerprinter;
  private String[] messages;

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

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void fingerprintLoghubMessages(Blackhole sink) {
    for (String message : messages) {
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
