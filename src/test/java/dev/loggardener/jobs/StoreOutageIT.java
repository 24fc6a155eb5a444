package dev.loggardener.jobs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.JsonParser;
import dev.loggardener.store.DuckDbStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The store becomes unwritable while the stream runs on the real Pub/Sub emulator: another process
 * holds the DuckDB file. The issue rows that fire meanwhile are retried, then handed on as dead
 * letters with reason {@code store_unavailable} and the row as their payload; those dead letters
 * wait until the file is free. After a drain, every published entry is counted in a stored row or
 * in a dead-lettered one: nothing is dropped.
 */
@RunWith(JUnit4.class)
public class StoreOutageIT {
  private static final String PROJECT = "gardener-store-outage";
  private static final String SUBSCRIPTION = "pipeline";
  private static final int BATCH = 20;
  private static final long DEADLINE_MILLIS = 240_000;

  @Test(timeout = 600_000)
  public void rowsTheLockedStoreRefusesAreRetriedThenDeadLetteredNeverDropped() throws Exception {
    Path store = Files.createTempDirectory("store-outage").resolve("gardener.duckdb");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
    try (PubsubEmulator emulator = PubsubEmulator.start()) {
      emulator.createTopic(PROJECT, "logs");
      emulator.createSubscription(PROJECT, SUBSCRIPTION, "logs");
      StreamOptions options = emulator.streamingOptions(PROJECT, SUBSCRIPTION, store);
      options.setDuckDbRetrySeconds(2);
      LogStreamPipeline.Drainable running = LogStreamPipeline.runDrainable(options, null);
      try {
        publish(emulator, "before", now);
        await("the first batch to be stored", () -> stored(store) == BATCH);

        Process lock =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    StoreLock.class.getName(),
                    store.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
          BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(lock.getInputStream(), StandardCharsets.UTF_8));
          assertEquals("locked", out.readLine());
          publish(emulator, "during", now);
          await(
              "rows refused by the locked store",
              () -> LocalRun.counter(running.result(), "write", "store_unavailable") > 0);
        } finally {
          lock.getOutputStream().close();
          assertTrue(lock.waitFor(60, TimeUnit.SECONDS));
        }
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
      assertEquals(2 * BATCH, progress.received());
      try (DuckDbStore db = DuckDbStore.openReadOnly(store);
          Statement query = db.connection().createStatement()) {
        long storedEntries =
            StreamDrainIT.single(query, "SELECT coalesce(sum(entry_count), 0) FROM issue_windows");
        List<byte[]> refusedRows = new ArrayList<>();
        try (ResultSet rs =
            query.executeQuery(
                "SELECT raw_payload, stage, error_message FROM dead_letters"
                    + " WHERE reason = 'store_unavailable'")) {
          while (rs.next()) {
            refusedRows.add(rs.getBytes(1));
            assertEquals("write", rs.getString(2));
            assertTrue(rs.getString(3), rs.getString(3).contains("refused the row"));
          }
        }
        assertTrue("no row was dead-lettered while the store was locked", !refusedRows.isEmpty());
        long refusedEntries = 0;
        for (byte[] row : refusedRows) {
          refusedEntries +=
              JsonParser.parseString(new String(row, StandardCharsets.UTF_8))
                  .getAsJsonObject()
                  .get("entry_count")
                  .getAsLong();
        }
        long otherLetters =
            StreamDrainIT.single(
                query, "SELECT count(*) FROM dead_letters WHERE reason <> 'store_unavailable'");
        assertEquals(
            "every published entry is stored, in a dead-lettered row, a dead letter or a duplicate",
            2 * BATCH,
            storedEntries + refusedEntries + otherLetters + progress.duplicates());
        assertEquals(progress.counted(), storedEntries + refusedEntries);
      }
    }
  }

  private static void publish(PubsubEmulator emulator, String batch, Instant timestamp)
      throws Exception {
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      entries.add(
          LogLines.entry(
                  batch + "-" + i,
                  "volume " + batch + (char) ('a' + i) + " detached from its node",
                  timestamp)
              .getBytes(StandardCharsets.UTF_8));
    }
    emulator.publish(
        PROJECT, "logs", entries, Map.of("logging.googleapis.com/timestamp", timestamp.toString()));
  }

  /**
   * Entries stored so far. The file is opened only for the query, so that it stays free, and for
   * writing, as a read-only handle in this process would keep the pipeline's writer out.
   */
  private static long stored(Path store) throws Exception {
    if (!Files.exists(store)) {
      return 0;
    }
    try (DuckDbStore db = DuckDbStore.open(store);
        Statement query = db.connection().createStatement()) {
      return StreamDrainIT.single(query, "SELECT coalesce(sum(entry_count), 0) FROM issue_windows");
    }
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
