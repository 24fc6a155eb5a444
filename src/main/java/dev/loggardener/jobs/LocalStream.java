package dev.loggardener.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;

/**
 * The stream command on the DirectRunner: the pipeline runs in this process, prints a progress line
 * every {@code --progressSeconds}, and drains on SIGINT or SIGTERM.
 *
 * <p>Draining stops the reads, lets every open window fire and be written, and lets the runner
 * acknowledge what was read; the process exits once the pipeline has finished, after a closing line
 * that says where every received message went. A second signal does not interrupt the drain; only
 * SIGKILL does, with the losses RELIABILITY.md describes for a stop without a drain.
 */
public final class LocalStream {
  /** Reads come back at once when idle; this long without one, the broker is not answering. */
  static final long SILENCE_SECONDS = 15;

  private LocalStream() {}

  /** Whether the stream runs in this process and reads Pub/Sub, so that it can be drained here. */
  public static boolean applies(StreamOptions options) {
    return DirectRunner.class.equals(options.getRunner()) && options.getInputFiles() == null;
  }

  /**
   * Runs the pipeline until it ends or is drained.
   *
   * @return the process exit code: 0 once drained or finished
   * @throws IllegalStateException if the pipeline failed, with its cause
   */
  public static int run(StreamOptions options, PrintStream progress) throws IOException {
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setBlockOnRun(false);
    // The runner's checks of user code (re-encoding and comparing every element) cost more than
    // the pipeline itself; the local run turns them off for the same reason.
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    long started = System.nanoTime();
    LogStreamPipeline.Drainable running = LogStreamPipeline.runDrainable(options, null);
    CountDownLatch ended = new CountDownLatch(1);
    Thread onSignal =
        new Thread(
            () -> {
              progress.println(
                  "stream: stopping: no more reads; firing the open windows, writing and"
                      + " acknowledging before exit");
              running.drain().request();
              try {
                ended.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "stream-drain");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      PipelineResult.State state = follow(running, options.getProgressSeconds(), progress, started);
      StreamProgress last = StreamProgress.of(running.result());
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the stream ended in state " + state);
      }
      progress.println(
          (running.drain().requested() ? "stream: drained: " : "stream: finished: ")
              + last.accounting());
      return 0;
    } finally {
      ended.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it returns once {@code ended} is counted down.
      }
    }
  }

  /** What the progress line says about the input when it fails or is silent, else null. */
  static String inputTrouble(LocalDrain drain) {
    if (drain.failing()) {
      return String.format(
          Locale.ROOT, "INPUT FAILING: %,d failed reads so far, retrying", drain.readFailures());
    }
    long silent = drain.secondsWithoutAnswer();
    return silent >= SILENCE_SECONDS
        ? String.format(Locale.ROOT, "INPUT NOT ANSWERING for %,d s, retrying", silent)
        : null;
  }

  private static PipelineResult.State follow(
      LogStreamPipeline.Drainable running, int everySeconds, PrintStream progress, long started) {
    PipelineResult.State state;
    long previousReceived = 0;
    long previousNanos = started;
    while ((state = running.result().waitUntilFinish(Duration.standardSeconds(everySeconds)))
            == null
        || !state.isTerminal()) {
      StreamProgress now = StreamProgress.of(running.result());
      long nanos = System.nanoTime();
      long perSecond =
          (now.received() - previousReceived) * 1_000_000_000L / Math.max(1, nanos - previousNanos);
      progress.println(
          now.line(
              (nanos - started) / 1_000_000_000L,
              running.drain().watermark(),
              perSecond,
              inputTrouble(running.drain())));
      previousReceived = now.received();
      previousNanos = nanos;
    }
    return state;
  }
}
