package dev.loggardener.jobs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.loggardener.store.DuckDbStore;
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
import org.apache.beam.sdk.PipelineResult;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * A redelivery storm on the real Pub/Sub emulator: every entry is published twice (as Cloud Logging
 * may deliver it) and a rival subscriber pulls every message first without acknowledging it, so the
 * pipeline only gets each one after its ack deadline expires; each entry still counts exactly once.
 */
@RunWith(JUnit4.class)
public class RedeliveryStormEmulatorTest {
  private static final String PROJECT = "gardener-storm";
  private static final int DISTINCT = 25;
  private static final long DEADLINE_MILLIS = 60_000;

  @Test
  public void countsEveryEntryOnceWhenEachMessageArrivesTwoOrThreeTimes() throws Exception {
    Path store = Files.createTempDirectory("storm-run").resolve("gardener.duckdb");
    try (PubsubEmulator emulator = PubsubEmulator.start()) {
      emulator.createTopic(PROJECT, "logs");
      emulator.createSubscription(PROJECT, "pipeline", "logs");
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < DISTINCT; i++) {
        entries.add(
            LogLines.entry("storm-" + i, "upstream reset after " + i + " ms", now)
                .getBytes(StandardCharsets.UTF_8));
      }
      Map<String, String> attributes = Map.of("logging.googleapis.com/timestamp", now.toString());
      emulator.publish(PROJECT, "logs", entries, attributes);
      emulator.publish(PROJECT, "logs", entries, attributes);
      assertEquals(
          "messages the rival subscriber leased without acknowledging",
          2 * DISTINCT,
          emulator.pullWithoutAck(PROJECT, "pipeline", 2 * DISTINCT));

      StreamOptions options = emulator.streamingOptions(PROJECT, "pipeline", store);
      PipelineResult result = LogStreamPipeline.run(options, null);
      try (DuckDbStore db = DuckDbStore.open(store)) {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (counted(db) < DISTINCT && System.currentTimeMillis() < deadline) {
          Thread.sleep(250);
        }
        // Past one more ack deadline, so that any further redelivery would have been counted.
        Thread.sleep(12_000);
        long counted = counted(db);
        long duplicates = LocalRun.counter(result, "dedupe", "duplicates");
        result.cancel();

        assertEquals("entries counted in issue_windows", DISTINCT, counted);
        assertTrue("duplicates dropped: " + duplicates, duplicates >= DISTINCT);
      }
    }
  }

  private static long counted(DuckDbStore db) throws Exception {
    try (Statement s = db.connection().createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(sum(entry_count), 0) FROM issue_windows")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
