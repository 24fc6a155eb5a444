package dev.loggardener.jobs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.loggardener.replay.Pacer;
import dev.loggardener.replay.PubsubRestPublisher;
import dev.loggardener.replay.Replayer;
import dev.loggardener.replay.SinkMessages;
import dev.loggardener.store.DuckDbStore;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@code stream} as a user runs it, on the real Pub/Sub emulator: the bundled day replayed with its
 * original timestamps, the store read by another process while the stream writes it, then SIGTERM.
 * The stream must drain: every open window fired and written, everything read acknowledged, and a
 * closing line whose accounting equals what was published and what the store holds.
 */
@RunWith(JUnit4.class)
public class StreamDrainIT {
  private static final String PROJECT = "gardener-drain";
  private static final String SUBSCRIPTION = "pipeline";
  private static final String SAMPLE = "/pipelines/samples/netra-staging-2025-09-11.jsonl.gz";
  private static final long DEADLINE_MILLIS = 240_000;

  /**
   * The first entries of the bundled day: enough for several windows and services, few enough that
   * the DirectRunner reads them in well under a minute on a loaded 2-core machine.
   */
  private static final int ENTRIES = 100;

  /**
   * The subscription's ack deadline: after it, the test looks for anything left unacknowledged. The
   * drain acknowledges each reader's last read only once the reads have ended, which on a loaded
   * machine can take longer than Pub/Sub's default 10 s; a lease that lapses first is redelivered
   * to the next run (see RELIABILITY.md). Twice the default keeps the test within a minute.
   */
  private static final int ACK_DEADLINE_SECONDS = 20;

  /** The ack deadline plus a margin: after it, no unacknowledged lease holds. */
  private static final long LEASES_EXPIRED_MILLIS = (ACK_DEADLINE_SECONDS + 2) * 1_000L;

  @Test(timeout = 600_000)
  public void sigtermDrainsEveryOpenWindowAndAcknowledgesWhatWasRead() throws Exception {
    Path store = Files.createTempDirectory("stream-drain").resolve("gardener.duckdb");
    Path sample = firstEntries(store.getParent().resolve("sample.jsonl"), ENTRIES);
    try (PubsubEmulator emulator = PubsubEmulator.start()) {
      emulator.createTopic(PROJECT, "logs");
      emulator.createSubscription(PROJECT, SUBSCRIPTION, "logs", ACK_DEADLINE_SECONDS);
      // The store exists before the stream starts, as after an earlier run, so that it can be read
      // at any time while the stream runs.
      DuckDbStore.open(store).close();
      try (StreamProcess stream = StreamProcess.start(emulator, PROJECT, SUBSCRIPTION, store)) {
        long published =
            new Replayer(
                    new PubsubRestPublisher(
                        emulator.rootUrl(), "projects/" + PROJECT + "/topics/logs"),
                    Pacer.system(),
                    new PrintStream(OutputStream.nullOutputStream()))
                .replay(sample, new SinkMessages(java.time.Duration.ZERO), 1_000)
                .published();
        await(
            "the stream to receive all " + published + " messages",
            stream,
            () -> stream.received() == published);
        // Another process reads the store while the stream runs: the writer holds the file only
        // while it writes a batch, and a reader that finds it locked retries.
        try (DuckDbStore reader = DuckDbStore.openReadOnly(store, Duration.ofSeconds(20));
            Statement query = reader.connection().createStatement();
            ResultSet rs = query.executeQuery("SELECT count(*) FROM dead_letters")) {
          assertTrue(rs.next());
        }

        stream.terminate();
        Integer exit = stream.awaitExit(120);
        assertNotNull("the stream did not exit within 120 s of SIGTERM: " + stream.lines(), exit);
        long[] accounting =
            stream
                .drainedAccounting()
                .orElseThrow(
                    () -> new AssertionError("no balanced closing line: " + stream.tail()));
        assertEquals("received", published, accounting[0]);
        try (DuckDbStore db = DuckDbStore.openReadOnly(store);
            Statement query = db.connection().createStatement()) {
          assertEquals(
              "counted rows",
              accounting[1],
              single(query, "SELECT coalesce(sum(entry_count), 0) FROM issue_windows"));
          assertEquals(
              "dead letters", accounting[2], single(query, "SELECT count(*) FROM dead_letters"));
        }
        assertEquals(published, accounting[1] + accounting[2] + accounting[3]);
      }
      // Nothing read is redelivered once the leases have lapsed: the drain acknowledged it all.
      Thread.sleep(LEASES_EXPIRED_MILLIS);
      assertEquals(0, emulator.peekOutstanding(PROJECT, SUBSCRIPTION).size());
    }
  }

  /** The first {@code count} lines of the bundled day, written to {@code file}. */
  static Path firstEntries(Path file, int count) throws Exception {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(StreamDrainIT.class.getResourceAsStream(SAMPLE)),
                    StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < count; i++) {
        out.write(in.readLine());
        out.newLine();
      }
    }
    return file;
  }

  static long single(Statement query, String sql) throws Exception {
    try (ResultSet rs = query.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void await(String what, StreamProcess stream, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (!condition.getAsBoolean()) {
      if (!stream.isAlive()) {
        fail("the stream exited while waiting for " + what + ": " + stream.tail());
      }
      if (System.currentTimeMillis() > deadline) {
        fail("waited " + DEADLINE_MILLIS + " ms for " + what + ": " + stream.tail());
      }
      Thread.sleep(200);
    }
  }
}
