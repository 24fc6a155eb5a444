package dev.loggardener.jobs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import com.google.gson.JsonParser;
import dev.loggardener.store.DuckDbStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * A restart on the real Pub/Sub emulator: the streaming pipeline (DirectRunner, DuckDB store) is
 * cancelled mid-stream and a second one reads the same subscription into the same store.
 *
 * <p>The DirectRunner acknowledges a reader's messages when that reader's next non-empty read
 * commits, not when their window fires, and its deduplication state dies with the job. So the
 * guarantee across the restart is per Pub/Sub message, not per stored row: a message outstanding
 * (unacknowledged) at the stop is counted by the second run, once however many copies of its entry
 * that run receives, even if the first run had stored it already (each reader's last read stays
 * unacknowledged while the subscription is idle, so this hits entries stored long before the stop);
 * a message acknowledged before the stop is never counted again; a copy published after the restart
 * is counted again, as nothing remembers the first count. Between the runs the test waits out the
 * ack deadline and reads what is outstanding on the subscription, handing it straight back, which
 * is how it knows which of these each entry must be.
 */
@RunWith(JUnit4.class)
public class RestartEmulatorTest {
  private static final String PROJECT = "gardener-restart";
  private static final String SUBSCRIPTION = "pipeline";
  private static final int FIRST = 30;
  private static final int SECOND = 40;
  private static final long DEADLINE_MILLIS = 45_000;

  /** The subscription's 10 s ack deadline plus a margin: after it, no lease of run 1 holds. */
  private static final long LEASES_EXPIRED_MILLIS = 12_000;

  @Test
  public void secondRunCountsExactlyWhatWasOutstandingAtTheStopAndNothingAcknowledgedAgain()
      throws Exception {
    Path store = Files.createTempDirectory("restart-run").resolve("gardener.duckdb");
    List<String> first = words(0, FIRST);
    List<String> second = words(FIRST, FIRST + SECOND);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
    try (PubsubEmulator emulator = PubsubEmulator.start();
        DuckDbStore db = DuckDbStore.open(store)) {
      emulator.createTopic(PROJECT, "logs");
      emulator.createSubscription(PROJECT, SUBSCRIPTION, "logs");
      publishTwice(emulator, first, now);

      PipelineResult run1 =
          LogStreamPipeline.run(emulator.streamingOptions(PROJECT, SUBSCRIPTION, store), null);
      try {
        if (!within(() -> counts(db).size() == FIRST)) {
          fail(
              "run 1 did not store every entry of the first batch within "
                  + DEADLINE_MILLIS
                  + " ms");
        }
        publishTwice(emulator, second, now);
        if (!within(() -> second.stream().anyMatch(counts(db)::containsKey))) {
          fail("run 1 stored no entry of the second batch within " + DEADLINE_MILLIS + " ms");
        }
      } finally {
        run1.cancel();
      }
      // Only once run 1's leases have lapsed does the subscription offer all it still holds.
      Thread.sleep(LEASES_EXPIRED_MILLIS);
      Map<String, Integer> outstanding = new HashMap<>();
      for (PubsubEmulator.Received message : emulator.peekOutstanding(PROJECT, SUBSCRIPTION)) {
        outstanding.merge(wordOf(message.data()), 1, Integer::sum);
      }
      Map<String, Long> atStop = counts(db);

      String acknowledged =
          first.stream()
              .filter(w -> !outstanding.containsKey(w))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError("no entry of the first batch was acknowledged by run 1"));
      String pending =
          second.stream()
              .filter(outstanding::containsKey)
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError("no message of the second batch outstanding at the stop"));
      // A copy of an entry counted and acknowledged before the stop, and of one still outstanding:
      // each arrives twice more during run 2, which must count each once.
      Set<String> republished = Set.of(acknowledged, pending);
      Set<String> countedAgain = new LinkedHashSet<>(outstanding.keySet());
      countedAgain.addAll(republished);
      int messagesOutstanding = outstanding.values().stream().mapToInt(Integer::intValue).sum();
      long storedAtStop = sum(atStop);
      long expectedReads = messagesOutstanding + republished.size() * 2L;

      PipelineResult run2 =
          LogStreamPipeline.run(emulator.streamingOptions(PROJECT, SUBSCRIPTION, store), null);
      long read;
      long admitted;
      long duplicates;
      Map<String, Long> atEnd;
      try {
        publishTwice(emulator, List.copyOf(republished), now);
        within(
            () ->
                LocalRun.counter(run2, "parse", "read") >= expectedReads
                    && LocalRun.counter(run2, "dedupe", "admitted")
                            + LocalRun.counter(run2, "dedupe", "duplicates")
                        >= expectedReads
                    && sum(counts(db)) - storedAtStop >= countedAgain.size());
        read = LocalRun.counter(run2, "parse", "read");
        admitted = LocalRun.counter(run2, "dedupe", "admitted");
        duplicates = LocalRun.counter(run2, "dedupe", "duplicates");
        atEnd = counts(db);
      } finally {
        run2.cancel();
      }

      assertEquals(
          "messages run 2 read: those outstanding at the stop plus the republished copies",
          expectedReads,
          read);
      assertEquals("entries run 2 counted", countedAgain.size(), admitted);
      assertEquals("copies run 2 dropped as duplicates", read - admitted, duplicates);
      assertEquals(
          "entries counted other than the restart guarantee says",
          List.of(),
          departures(words(0, FIRST + SECOND), atStop, atEnd, outstanding, republished));
    }
  }

  /**
   * Entries counted more than once by one run, or whose count after the restart is not the count at
   * the stop plus one if a message of theirs was outstanding at the stop or they were republished
   * after it, and plus nothing otherwise.
   */
  private static List<String> departures(
      List<String> words,
      Map<String, Long> atStop,
      Map<String, Long> atEnd,
      Map<String, Integer> outstanding,
      Set<String> republished) {
    List<String> departures = new ArrayList<>();
    for (String word : words) {
      long before = atStop.getOrDefault(word, 0L);
      long after = atEnd.getOrDefault(word, 0L);
      boolean redelivered = outstanding.containsKey(word) || republished.contains(word);
      long expected = before + (redelivered ? 1 : 0);
      if (before > 1 || after != expected) {
        departures.add(
            word
                + ": "
                + before
                + " before the stop, "
                + after
                + " after, expected "
                + expected
                + " ("
                + outstanding.getOrDefault(word, 0)
                + " message(s) outstanding at the stop"
                + (republished.contains(word) ? ", republished after the restart)" : ")"));
      }
    }
    return departures;
  }

  /** Distinct letter-only words, so that each entry has its own template. */
  private static List<String> words(int from, int to) {
    String letters = "ghijklmnopqrstuvwxyz";
    List<String> words = new ArrayList<>();
    for (int i = from; i < to; i++) {
      words.add(
          "shard"
              + letters.charAt(i / letters.length() % letters.length())
              + letters.charAt(i % letters.length()));
    }
    return words;
  }

  private static void publishTwice(PubsubEmulator emulator, List<String> words, Instant timestamp)
      throws Exception {
    List<byte[]> entries = new ArrayList<>();
    for (String word : words) {
      entries.add(
          LogLines.entry("restart-" + word, "replica " + word + " lost quorum", timestamp)
              .getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> attributes =
        Map.of("logging.googleapis.com/timestamp", timestamp.toString());
    emulator.publish(PROJECT, "logs", entries, attributes);
    emulator.publish(PROJECT, "logs", entries, attributes);
  }

  private static String wordOf(byte[] payload) {
    String insertId =
        JsonParser.parseString(new String(payload, StandardCharsets.UTF_8))
            .getAsJsonObject()
            .get("insertId")
            .getAsString();
    return insertId.substring("restart-".length());
  }

  /** Entries counted so far, by word; a template naming no word of this test fails the test. */
  private static Map<String, Long> counts(DuckDbStore db) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    try (Statement s = db.connection().createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT template, sum(entry_count) FROM issue_windows GROUP BY template")) {
      while (rs.next()) {
        String template = rs.getString(1);
        String word = template.replaceAll("^replica (shard[g-z]{2}) lost quorum$", "$1");
        if (word.equals(template)) {
          fail("a row of an unexpected template: " + template);
        }
        if (rs.getLong(2) > 0) {
          counts.put(word, rs.getLong(2));
        }
      }
    }
    return counts;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  /** Polls until the condition holds (true) or the deadline passes (false). */
  private static boolean within(Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(250);
    }
    return true;
  }
}
