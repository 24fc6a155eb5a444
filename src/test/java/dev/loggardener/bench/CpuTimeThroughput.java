package dev.loggardener.bench;

import dev.loggardener.normalize.Fingerprinter;
import dev.loggardener.normalize.LoghubCorpus;
import dev.loggardener.normalize.RuleSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Messages per second of redact + normalize + fingerprint over the Loghub-2k messages, measured in
 * this thread's CPU time rather than wall time, so that a shared, overloaded machine does not count
 * time spent waiting for a core. Complements {@link FingerprintThroughput}; run with
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.loggardener.bench.CpuTimeThroughput \
 *   -Dloghub.dir=PATH
 * </pre>
 */
public final class CpuTimeThroughput {
  /**
   * Rounds of all 20,000 messages; only the last two thirds are measured. Fewer rounds (30 were
   * used at first) measure the JIT still compiling rather than the code.
   */
  private static final int ROUNDS = 150;

  private static final int WARM_UP_ROUNDS = ROUNDS / 3;

  private CpuTimeThroughput() {}

  public static void main(String[] args) throws Exception {
    List<String> all = new ArrayList<>();
    LoghubCorpus.load().forEach(log -> all.addAll(log.messages()));
    String[] messages = all.toArray(String[]::new);
    Fingerprinter fingerprinter = new Fingerprinter(RuleSet.loadDefault());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] rates = new double[ROUNDS];
    long checksum = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long nanos = 0;
      for (int from = 0; from < messages.length; from += FreshMessages.CHUNK) {
        String[] fresh =
            FreshMessages.of(messages, from, Math.min(messages.length, from + FreshMessages.CHUNK));
        long start = threads.getCurrentThreadCpuTime();
        for (String message : fresh) {
          checksum += fingerprinter.fingerprintMessage(message).template().length();
        }
        nanos += threads.getCurrentThreadCpuTime() - start;
      }
      rates[round] = messages.length * 1e9 / nanos;
    }
    double[] measured = Arrays.copyOfRange(rates, WARM_UP_ROUNDS, ROUNDS);
    Arrays.sort(measured);
    System.out.printf(
        "messages/s per CPU-second, median of the last %d of %d rounds: %.0f (min %.0f, max %.0f;"
            + " checksum %d)%n",
        measured.length,
        ROUNDS,
        measured[measured.length / 2],
        measured[0],
        measured[measured.length - 1],
        checksum);
  }
}
