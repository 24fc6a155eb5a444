package dev.loggardener.normalize;

import dev.loggardener.bench.FreshMessages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Thread CPU time per part of {@link Fingerprinter#fingerprintMessage} over the Loghub-2k messages:
 * the copy into the tokenizer's buffer, the guard scan of both stages, the redact steps given their
 * guards, the tokenizer, the whole path; then each redact and mask step alone on the messages whose
 * guards it passes, and the messages that redaction changes. It sits in this package because the
 * parts are package-private; like the benchmarks in {@code bench} it is a main, not a test. Run
 * with
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.loggardener.normalize.FingerprintPathParts \
 *   -Dloghub.dir=PATH
 * </pre>
 *
 * <p>Each part is timed over all 20,000 messages per round; the first third of the rounds is
 * warm-up, and the minimum and median of the rest are printed in ns per message. On a shared
 * machine the minimum is the steadier figure: other processes only ever add to a round.
 */
public final class FingerprintPathParts {
  private static final int ROUNDS = 60;
  private static final int WARM_UP_ROUNDS = ROUNDS / 3;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private FingerprintPathParts() {}

  public static void main(String[] args) throws Exception {
    List<String> all = new ArrayList<>();
    LoghubCorpus.load().forEach(log -> all.addAll(log.messages()));
    String[] messages = all.toArray(String[]::new);
    RuleSet ruleSet = RuleSet.loadDefault();
    Fingerprinter fingerprinter = new Fingerprinter(ruleSet);
    Redactor redactor = new Redactor(ruleSet);
    // The steps and their order as the fingerprinter's one scan of both stages has them.
    List<GuardedStep> steps = new ArrayList<>(ruleSet.redactSteps());
    int redactSteps = steps.size();
    steps.addAll(ruleSet.rules(Rule.Stage.MASK));
    GuardedRules bothStages = new GuardedRules(steps);
    long redactBits = (1L << redactSteps) - 1;
    TriggerSpan[] spans = new TriggerSpan[messages.length];
    long[] guards = new long[messages.length];
    for (int i = 0; i < messages.length; i++) {
      spans[i] = new TriggerSpan();
      guards[i] =
          bothStages.runnable(
              messages[i], messages[i].toCharArray(), messages[i].length(), spans[i]);
    }
    Tokenizer tokenizer = Tokenizer.current();

    int n = messages.length;
    // The parts take turns within each round, so that a busy spell of the machine falls on all of
    // them alike; each is a loop of its own, so that the JIT compiles each on its own.
    String[] parts = {
      "copy into the tokenizer's buffer",
      "copy and guard scan",
      "redact steps, guards given",
      "copy and tokenizer",
      "whole path"
    };
    double[][] perRound = new double[parts.length][ROUNDS - WARM_UP_ROUNDS];
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long[] at = new long[parts.length + 1];
      at[0] = THREADS.getCurrentThreadCpuTime();
      for (String m : messages) {
        sink += tokenizer.load(m).length;
      }
      at[1] = THREADS.getCurrentThreadCpuTime();
      for (String m : messages) {
        sink += bothStages.runnable(m, tokenizer.load(m), m.length(), new TriggerSpan());
      }
      at[2] = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += redactor.redact(messages[i], guards[i] & redactBits, spans[i], null).length();
      }
      at[3] = THREADS.getCurrentThreadCpuTime();
      for (String m : messages) {
        tokenizer.load(m);
        tokenizer.tokenizeLoaded();
        sink += tokenizer.templateHash();
      }
      at[4] = THREADS.getCurrentThreadCpuTime();
      long wholePath = 0;
      for (int from = 0; from < n; from += FreshMessages.CHUNK) {
        String[] fresh = FreshMessages.of(messages, from, Math.min(n, from + FreshMessages.CHUNK));
        long start = THREADS.getCurrentThreadCpuTime();
        for (String m : fresh) {
          sink += fingerprinter.fingerprintMessage(m).template().length();
        }
        wholePath += THREADS.getCurrentThreadCpuTime() - start;
      }
      at[5] = at[4] + wholePath;
      for (int p = 0; round >= WARM_UP_ROUNDS && p < parts.length; p++) {
        perRound[p][round - WARM_UP_ROUNDS] = (double) (at[p + 1] - at[p]) / n;
      }
    }
    use(sink);
    for (int p = 0; p < parts.length; p++) {
      Arrays.sort(perRound[p]);
      System.out.printf(
          "%-40s min %6.0f  median %6.0f ns per message%n",
          parts[p], perRound[p][0], median(perRound[p]));
    }

    System.out.println(
        "each step on the messages whose guards it passes: the places in them where its match"
            + " starts let its regex be tried (a rule without known starts searches them all, a"
            + " detector group, -, tries its detectors' own), then"
            + " ns per message of all, on the whole text and, where it is tried within trigger"
            + " spans or digit stretches, within those:");
    MatchStarts[] starts = steps.stream().map(GuardedStep::matchStarts).toArray(MatchStarts[]::new);
    int[][] passing = new int[steps.size()][];
    for (int r = 0; r < steps.size(); r++) {
      int bit = r;
      passing[r] = IntStream.range(0, n).filter(i -> (guards[i] >>> bit & 1) != 0).toArray();
    }
    String[] changed =
        Arrays.stream(messages).filter(m -> !redactor.redact(m).equals(m)).toArray(String[]::new);
    // Per step: on the whole text, then, for a step tried within trigger spans or digit stretches,
    // within those.
    double[][] stepRounds = new double[steps.size() + 1][ROUNDS - WARM_UP_ROUNDS];
    double[][] spanRounds = new double[steps.size()][ROUNDS - WARM_UP_ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      for (int r = 0; r <= steps.size(); r++) {
        long start = THREADS.getCurrentThreadCpuTime();
        if (r < steps.size()) {
          for (int i : passing[r]) {
            sink += steps.get(r).apply(messages[i], starts[r], null).length();
          }
        } else {
          for (String m : changed) {
            sink += redactor.redact(m).length();
          }
        }
        long wholeText = THREADS.getCurrentThreadCpuTime();
        int reach = r < steps.size() ? bothStages.spanReach(r) : -1;
        boolean inDigits = r < steps.size() && bothStages.triedInDigitStretches(r);
        if (reach >= 0) {
          Rule rule = (Rule) steps.get(r);
          for (int i : passing[r]) {
            int from = Math.max(0, spans[i].first - reach);
            sink += rule.apply(messages[i], starts[r], from, spans[i].last, null).length();
          }
        } else if (inDigits) {
          Rule rule = (Rule) steps.get(r);
          for (int i : passing[r]) {
            sink +=
                rule.apply(messages[i], starts[r], spans[i].digitsFrom, spans[i].digitsTo - 1, null)
                    .length();
          }
        }
        if (round >= WARM_UP_ROUNDS) {
          stepRounds[r][round - WARM_UP_ROUNDS] = wholeText - start;
          if (reach >= 0 || inDigits) {
            spanRounds[r][round - WARM_UP_ROUNDS] = THREADS.getCurrentThreadCpuTime() - wholeText;
          }
        }
      }
    }
    use(sink);
    for (int r = 0; r < steps.size(); r++) {
      if (passing[r].length > 0) {
        Arrays.sort(stepRounds[r]);
        Arrays.sort(spanRounds[r]);
        String name = steps.get(r) instanceof Rule rule ? rule.id() : "detector group " + r;
        System.out.printf(
            "  %-32s %6d messages %6s places %7.1f%s%n",
            name,
            passing[r].length,
            !(steps.get(r) instanceof Rule)
                ? "-"
                : starts[r] == null
                    ? "all"
                    : String.valueOf(places(starts[r], messages, passing[r])),
            median(stepRounds[r]) / n,
            bothStages.spanReach(r) >= 0
                ? String.format(", within the trigger span %.1f", median(spanRounds[r]) / n)
                : bothStages.triedInDigitStretches(r)
                    ? String.format(", within the digit stretches %.1f", median(spanRounds[r]) / n)
                    : "");
      }
    }
    double[] changedRounds = stepRounds[steps.size()];
    Arrays.sort(changedRounds);
    System.out.printf(
        "redact of each of the %d messages it changes: min %.0f, median %.0f ns%n",
        changed.length, changedRounds[0] / changed.length, median(changedRounds) / changed.length);
  }

  /** How many places of the given messages {@code starts} lets a regex be tried at. */
  private static int places(MatchStarts starts, String[] messages, int[] which) {
    int count = 0;
    for (int i : which) {
      String m = messages[i];
      for (int at = starts.next(m, 0); at < m.length(); at = starts.next(m, at + 1)) {
        count++;
      }
    }
    return count;
  }

  /** Uses the results, so that the JIT cannot drop the work. */
  private static void use(long sink) {
    if (sink == 42) {
      System.out.println();
    }
  }

  private static double median(double[] sorted) {
    return sorted[sorted.length / 2];
  }
}
