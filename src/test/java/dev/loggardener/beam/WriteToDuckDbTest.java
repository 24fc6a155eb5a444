package dev.loggardener.beam;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueAccumulator;
import dev.loggardener.aggregate.IssueWindow;
import dev.loggardener.aggregate.Observations;
import dev.loggardener.aggregate.PaneTiming;
import dev.loggardener.sink.DeadLetter;
import dev.loggardener.store.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** WriteAggregates and WriteDeadLetters into a real DuckDB file. */
@RunWith(JUnit4.class)
public class WriteToDuckDbTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void writesEveryPaneAndDeadLetterToTheStoreFile() throws Exception {
    Path file = Files.createTempDirectory("duckdb-write").resolve("gardener.duckdb");
    int panes = 40;
    List<IssueWindow> windows = new ArrayList<>();
    for (int i = 0; i < panes; i++) {
      IssueAccumulator acc = new IssueAccumulator(AggregationLimits.defaults());
      acc.add(Observations.of("f" + (i % 7), "m" + i, T0.plusSeconds(i)));
      acc.add(Observations.of("f" + (i % 7), "n" + i, T0.plusSeconds(i)));
      windows.add(
          new IssueWindow(acc.toAggregate(), T0, T0.plusSeconds(60), PaneTiming.ON_TIME, 0));
    }
    byte[] payload = {(byte) 0xc3, 0x28, '{'};
    DeadLetter letter =
        new DeadLetter(
            payload,
            Map.of("k", "v"),
            "m-1",
            DeadLetter.Stage.PARSE,
            "invalid_utf8",
            null,
            "bad byte",
            null,
            null,
            T0,
            "rules-1");

    PCollection<IssueWindow> input =
        p.apply("Panes", Create.of(windows).withCoder(SerializableCoder.of(IssueWindow.class)));
    input.apply(
        "WriteAggregates", WriteAggregates.toDuckDb(file, AggregateByFingerprintTest.CLOCK));
    PCollectionList.of(
            p.apply("Letters", Create.of(letter).withCoder(SerializableCoder.of(DeadLetter.class))))
        .apply(
            "WriteDeadLetters", WriteDeadLetters.toDuckDb(file, AggregateByFingerprintTest.CLOCK));
    p.run().waitUntilFinish();

    try (DuckDbStore store = DuckDbStore.open(file);
        Statement s = store.connection().createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*), sum(entry_count), count(DISTINCT fingerprint) FROM issue_windows")) {
        rs.next();
        assertEquals(panes, rs.getLong(1));
        assertEquals(2L * panes, rs.getLong(2));
        assertEquals(7, rs.getLong(3));
      }
      try (ResultSet rs = s.executeQuery("SELECT raw_payload, reason, stage FROM dead_letters")) {
        rs.next();
        assertArrayEquals(payload, rs.getBytes(1));
        assertEquals("invalid_utf8", rs.getString(2));
        assertEquals("parse", rs.getString(3));
      }
    }
  }
}
