package dev.loggardener.jobs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.loggardener.store.DuckDbStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The Pub/Sub emulator is stopped mid-stream and started again on the same port. The stream keeps
 * running and says on its progress line that the input does not answer; once the emulator is back
 * (empty: it keeps no state, so the topic and subscription are created again, and what it held
 * undelivered at the stop would be lost with it, which is why the test stops it only after the
 * first batch was received) the stream reads all of the second batch, whose message ids the new
 * emulator numbers from 1 again, and after a drain both batches are accounted for exactly.
 */
@RunWith(JUnit4.class)
public class PubsubOutageIT {
  private static final String PROJECT = "gardener-outage";
  private static final String SUBSCRIPTION = "pipeline";
  private static final int BATCH = 20;
  private static final long DEADLINE_MILLIS = 240_000;

  /**
   * How long the emulator stays down: past the progress line's silence threshold, so that the
   * outage is reported, and long enough for the client's own connection retries to give up.
   */
  private static final long OUTAGE_MILLIS = 30_000;

  @Test(timeout = 900_000)
  public void streamSurvivesTheBrokerGoingAwayAndCountsExactlyAfterwards() throws Exception {
    Path store = Files.createTempDirectory("pubsub-outage").resolve("gardener.duckdb");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
    PubsubEmulator emulator = PubsubEmulator.start();
    int port = emulator.port();
    try {
      emulator.createTopic(PROJECT, "logs");
      emulator.createSubscription(PROJECT, SUBSCRIPTION, "logs");
      LogStreamPipeline.Drainable running =
          LogStreamPipeline.runDrainable(
              emulator.streamingOptions(PROJECT, SUBSCRIPTION, store), null);
      try {
        publish(emulator, "before", now);
        await("the first batch to be received", () -> received(running) == BATCH);

        emulator.close();
        long downUntil = System.currentTimeMillis() + OUTAGE_MILLIS;
        boolean reported = false;
        while (System.currentTimeMillis() < downUntil) {
          assertFalse(
              "the stream ended during the outage", running.result().getState().isTerminal());
          reported |= LocalStream.inputTrouble(running.drain()) != null;
          Thread.sleep(200);
        }
        assertTrue("the progress line never reported the outage", reported);

        emulator = PubsubEmulator.start(port);
        emulator.createTopic(PROJECT, "logs");
        emulator.createSubscription(PROJECT, SUBSCRIPTION, "logs");
        publish(emulator, "after", now);
        // The restarted emulator numbers the second batch with the first batch's message ids;
        // every message of it must still be received, none taken for a redelivery.
        await("the whole second batch", () -> received(running) == 2 * BATCH);
        await("reads to answer again", () -> LocalStream.inputTrouble(running.drain()) == null);

        running.drain().request();
        assertEquals(
            PipelineResult.State.DONE,
            running.result().waitUntilFinish(Duration.millis(DEADLINE_MILLIS)));
      } finally {
        if (!running.result().getState().isTerminal()) {
          running.result().cancel();
        }
      }
      StreamProgress progress = StreamProgress.of(running.result());
      assertEquals(progress.accounting(), 2 * BATCH, progress.received());
      assertEquals(progress.accounting(), 0, progress.pending());
      try (DuckDbStore db = DuckDbStore.openReadOnly(store);
          Statement query = db.connection().createStatement()) {
        assertEquals(
            progress.counted(),
            StreamDrainIT.single(query, "SELECT coalesce(sum(entry_count), 0) FROM issue_windows"));
        assertEquals(
            progress.messageDeadLetters(),
            StreamDrainIT.single(query, "SELECT count(*) FROM dead_letters"));
      }
      assertEquals(
          progress.received(),
          progress.counted() + progress.messageDeadLetters() + progress.duplicates());
    } finally {
      emulator.close();
    }
  }

  private static long received(LogStreamPipeline.Drainable running) {
    return LocalRun.counter(running.result(), "parse", "read");
  }

  private static void publish(PubsubEmulator emulator, String batch, Instant timestamp)
      throws Exception {
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      entries.add(
          LogLines.entry(
                  batch + "-" + i,
                  "queue " + batch + (char) ('a' + i) + " stalled behind its consumer",
                  timestamp)
              .getBytes(StandardCharsets.UTF_8));
    }
    emulator.publish(
        PROJECT, "logs", entries, Map.of("logging.googleapis.com/timestamp", timestamp.toString()));
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(String what, Condition condition) throws Exception {
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (!condition.holds()) {
      if (System.currentTimeMillis() > deadline) {
        fail("waited " + DEADLINE_MILLIS + " ms for " + what);
      }
      Thread.sleep(200);
    }
  }
}
