package dev.loggardener.bench;

import dev.loggardener.normalize.LoghubCorpus;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Messages per CPU-second of {@code Fingerprinter.fingerprintMessage} over the Loghub-2k messages
 * for two or more builds in one JVM: each build's jar in a class loader of its own, the builds
 * taking turns round by round, the first of each round changing. On a machine whose speed drifts
 * from minute to minute, separate JVMs of the same code measured up to 30 % apart; here every round
 * of one build lies next to a round of each other build, so the figure to read is the median over
 * the rounds of each build's rate divided by the first build's in the same round. Run through
 * {@code bench/paired.sh}, which builds the jars of git refs; by hand:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) -Dloghub.dir=PATH \
 *   dev.loggardener.bench.PairedThroughput before.jar after.jar
 * </pre>
 */
public final class PairedThroughput {
  private static final int ROUNDS = 150;
  private static final int WARM_UP_ROUNDS = ROUNDS / 3;

  private PairedThroughput() {}

  public static void main(String[] jars) throws Throwable {
    if (jars.length < 2) {
      System.err.println("usage: PairedThroughput BASELINE.jar OTHER.jar [MORE.jar...]");
      System.exit(2);
    }
    List<String> all = new ArrayList<>();
    LoghubCorpus.load().forEach(log -> all.addAll(log.messages()));
    String[] messages = all.toArray(String[]::new);
    MethodHandle[] builds = new MethodHandle[jars.length];
    for (int b = 0; b < jars.length; b++) {
      builds[b] = fingerprintTemplate(Path.of(jars[b]));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] rates = new double[jars.length][ROUNDS];
    long checksum = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (int turn = 0; turn < jars.length; turn++) {
        int b = (turn + round) % jars.length;
        MethodHandle build = builds[b];
        long nanos = 0;
        for (int from = 0; from < messages.length; from += FreshMessages.CHUNK) {
          String[] fresh =
              FreshMessages.of(
                  messages, from, Math.min(messages.length, from + FreshMessages.CHUNK));
          long start = threads.getCurrentThreadCpuTime();
          for (String message : fresh) {
            checksum += ((String) build.invokeExact(message)).length();
          }
          nanos += threads.getCurrentThreadCpuTime() - start;
        }
        rates[b][round] = messages.length * 1e9 / nanos;
      }
    }
    System.out.printf(
        "%d messages, %d measured rounds after %d of warm-up; load average %s%n",
        messages.length,
        ROUNDS - WARM_UP_ROUNDS,
        WARM_UP_ROUNDS,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    for (int b = 0; b < jars.length; b++) {
      double[] measured = Arrays.copyOfRange(rates[b], WARM_UP_ROUNDS, ROUNDS);
      double[] ratios = new double[measured.length];
      for (int r = 0; r < measured.length; r++) {
        ratios[r] = measured[r] / rates[0][WARM_UP_ROUNDS + r];
      }
      Arrays.sort(measured);
      Arrays.sort(ratios);
      System.out.printf(
          "%s: median %.0f, fastest round %.0f messages per CPU-second; to %s, median ratio %.3f"
              + " (quartiles %.3f-%.3f)%n",
          jars[b],
          measured[measured.length / 2],
          measured[measured.length - 1],
          jars[0],
          ratios[ratios.length / 2],
          ratios[ratios.length / 4],
          ratios[3 * ratios.length / 4]);
    }
    System.out.println("checksum " + checksum);
  }

  /**
   * {@code new Fingerprinter(RuleSet.loadDefault())::fingerprintMessage} followed by {@code
   * Fingerprint.template()}, from the jar's own classes and rules files.
   */
  private static MethodHandle fingerprintTemplate(Path jar) throws Exception {
    ClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    Class<?> ruleSet = loader.loadClass("dev.loggardener.normalize.RuleSet");
    Class<?> fingerprinter = loader.loadClass("dev.loggardener.normalize.Fingerprinter");
    Class<?> fingerprint = loader.loadClass("dev.loggardener.normalize.Fingerprint");
    Object instance =
        fingerprinter
            .getConstructor(ruleSet)
            .newInstance(ruleSet.getMethod("loadDefault").invoke(null));
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    MethodHandle message =
        lookup.findVirtual(
            fingerprinter, "fingerprintMessage", MethodType.methodType(fingerprint, String.class));
    MethodHandle template =
        lookup.findVirtual(fingerprint, "template", MethodType.methodType(String.class));
    return MethodHandles.filterReturnValue(message, template)
        .bindTo(instance)
        .asType(MethodType.methodType(String.class, String.class));
  }
}
