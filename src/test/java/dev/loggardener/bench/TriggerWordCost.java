package dev.loggardener.bench;

import dev.loggardener.normalize.Fingerprinter;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.normalize.SecretCatalog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CPU time per message of {@link Fingerprinter#fingerprintMessage} on ordinary messages that name
 * one of the secrets catalog's trigger words and hold no credential ("the datadog agent", "the jira
 * sync"): such a message passes its detector's guard, so the detector's regex runs on it. One
 * message per distinct trigger, each fingerprinted {@value #CALLS} times per round (with a varying
 * number, so the template-id memo sees a known template); the last rounds are measured in this
 * thread's CPU time. Prints the median and mean over the triggers and the slowest ones. Run with
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.loggardener.bench.TriggerWordCost
 * </pre>
 */
public final class TriggerWordCost {
  private static final int ROUNDS = 12;
  private static final int WARM_UP_ROUNDS = 4;
  private static final int CALLS = 2_000;
  private static final int SLOWEST_SHOWN = 8;

  private TriggerWordCost() {}

  public static void main(String[] args) {
    Fingerprinter fingerprinter = new Fingerprinter(RuleSet.loadDefault());
    Set<String> triggers = new LinkedHashSet<>();
    for (SecretCatalog.Detector detector : SecretCatalog.loadDefault().detectors()) {
      triggers.addAll(detector.rule().triggers());
    }
    List<String> words = new ArrayList<>(triggers);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] nanos = new double[words.size()][ROUNDS - WARM_UP_ROUNDS];
    long checksum = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (int w = 0; w < words.size(); w++) {
        String message =
            "worker 7 opened the " + words.get(w) + " settings page for tenant 42 after retry ";
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS; i++) {
          checksum += fingerprinter.fingerprintMessage(message + (i % 50)).template().length();
        }
        if (round >= WARM_UP_ROUNDS) {
          nanos[w][round - WARM_UP_ROUNDS] =
              (threads.getCurrentThreadCpuTime() - start) / (double) CALLS;
        }
      }
    }
    double[] perWord = new double[words.size()];
    Integer[] order = new Integer[words.size()];
    for (int w = 0; w < words.size(); w++) {
      double[] rounds = nanos[w].clone();
      Arrays.sort(rounds);
      perWord[w] = rounds[rounds.length / 2];
      order[w] = w;
    }
    Arrays.sort(order, (a, b) -> Double.compare(perWord[b], perWord[a]));
    double[] sorted = perWord.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%d trigger words, ns per message (median of the last %d rounds each): median %.0f, mean"
            + " %.0f, slowest %.0f (checksum %d)%n",
        words.size(),
        ROUNDS - WARM_UP_ROUNDS,
        sorted[sorted.length / 2],
        Arrays.stream(sorted).average().orElse(0),
        sorted[sorted.length - 1],
        checksum);
    for (int i = 0; i < Math.min(SLOWEST_SHOWN, order.length); i++) {
      System.out.printf("  %,8.0f ns  %s%n", perWord[order[i]], words.get(order[i]));
    }
  }
}
