package dev.loggardener.jobs;

import static org.junit.Assert.assertEquals;

import dev.loggardener.store.DuckDbStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The streaming pipeline on the DirectRunner against a real Pub/Sub emulator: duplicates are
 * counted once and exactly the malformed messages are dead-lettered.
 */
@RunWith(JUnit4.class)
public class PubsubEmulatorPipelineTest {
  private static final String PROJECT = "gardener-test";
  private static final int DISTINCT = 30;
  private static final long DEADLINE_MILLIS = 45_000;

  @Test
  public void countsEachEntryOnceAndDeadLettersExactlyTheMalformedMessages() throws Exception {
    Path store = Files.createTempDirectory("emulator-run").resolve("gardener.duckdb");
    try (PubsubEmulator emulator = PubsubEmulator.start()) {
      emulator.createTopic(PROJECT, "logs");
      emulator.createSubscription(PROJECT, "pipeline", "logs");

      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < DISTINCT; i++) {
        String message = i % 3 == 0 ? "cache miss for user " + i : "timeout after " + i + " ms";
        entries.add(LogLines.entry("e" + i, message, now).getBytes(StandardCharsets.UTF_8));
      }
      List<byte[]> redelivered = entries.subList(0, 5);
      Set<String> malformed = Set.of("not json at all", "{\"truncated\": ", "[1, 2, 3]");
      emulator.publish(
          PROJECT, "logs", entries, Map.of("logging.googleapis.com/timestamp", now.toString()));
      emulator.publish(PROJECT, "logs", redelivered, Map.of());
      emulator.publish(
          PROJECT,
          "logs",
          malformed.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(),
          Map.of());

      StreamOptions options = emulator.streamingOptions(PROJECT, "pipeline", store);
      PipelineResult result = LogStreamPipeline.run(options, null);
      try (DuckDbStore db = DuckDbStore.open(store)) {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        long[] counts = counts(db);
        while ((counts[0] < DISTINCT || counts[1] < malformed.size())
            && System.currentTimeMillis() < deadline) {
          Thread.sleep(250);
          counts = counts(db);
        }
        Thread.sleep(2_000);
        counts = counts(db);
        result.cancel();

        assertEquals("entries counted in issue_windows", DISTINCT, counts[0]);
        assertEquals("dead letters", malformed.size(), counts[1]);
        assertEquals(malformed, deadLetterPayloads(db));
      }
    }
  }

  /** Sum of entry_count, and the number of dead letters. */
  private static long[] counts(DuckDbStore db) throws Exception {
    try (Statement s = db.connection().createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT coalesce(sum(entry_count), 0) FROM issue_windows),"
                    + " (SELECT count(*) FROM dead_letters)")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static Set<String> deadLetterPayloads(DuckDbStore db) throws Exception {
    Set<String> payloads = new HashSet<>();
    try (Statement s = db.connection().createStatement();
        ResultSet rs = s.executeQuery("SELECT raw_payload FROM dead_letters")) {
      while (rs.next()) {
        payloads.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
      }
    }
    return payloads;
  }
}
