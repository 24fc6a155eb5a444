package dev.loggardener.jobs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.beam.AggregationSettings;
import dev.loggardener.beam.BigQueryTarget;
import dev.loggardener.beam.RawMessage;
import dev.loggardener.beam.RawMessageCoder;
import dev.loggardener.beam.WriteAggregates;
import dev.loggardener.beam.WriteDeadLetters;
import dev.loggardener.normalize.RuleSet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The whole pipeline from raw messages to both BigQuery tables, through the real BigQueryIO. */
@RunWith(JUnit4.class)
public class LogStreamPipelineTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  private static final String PROJECT = "acme";
  private static final String DATASET = "gardener";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private final FakeDatasetService datasets = new FakeDatasetService();
  private FakeBigQueryServices services;

  @Before
  public void createTables() throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    services =
        new FakeBigQueryServices()
            .withDatasetService(datasets)
            .withJobService(new FakeJobService());
    FakeTables.create(datasets, PROJECT, DATASET);
  }

  private static RawMessage message(String id, String payload) {
    return new RawMessage(payload.getBytes(StandardCharsets.UTF_8), Map.of(), "m-" + id);
  }

  private LogStreamPipeline.Outputs bigQuery(Method method) {
    return new LogStreamPipeline.Outputs(
        WriteAggregates.toBigQuery(
            new BigQueryTarget(PROJECT + ":" + DATASET + ".issue_windows", method, services),
            CLOCK),
        WriteDeadLetters.toBigQuery(
            new BigQueryTarget(PROJECT + ":" + DATASET + ".dead_letters", method, services),
            CLOCK));
  }

  @Test
  public void writesAggregatesAndDeadLettersThroughBigQueryAndBalancesTheAccounts()
      throws Exception {
    List<RawMessage> input = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      input.add(
          message(
              "t" + i,
              LogLines.entry("t" + i, "timeout after " + (100 + i) + " ms", T0.plusSeconds(i))));
    }
    input.add(message("c0", LogLines.entry("c0", "cache miss for user 17", T0.plusSeconds(70))));
    input.add(message("t0-again", LogLines.entry("t0", "timeout after 100 ms", T0)));
    input.add(message("bad-json", "this is not json {"));
    input.add(message("no-time", "{\"textPayload\":\"no timestamp anywhere\"}"));

    LogStreamPipeline.build(
        p,
        Create.of(input).withCoder(RawMessageCoder.of()),
        RuleSet.loadDefault(),
        AggregationSettings.defaults(),
        bigQuery(Method.STORAGE_WRITE_API),
        CLOCK);
    PipelineResult result = p.run();
    result.waitUntilFinish();

    List<TableRow> rows = datasets.getAllRows(PROJECT, DATASET, "issue_windows");
    Map<String, Long> countsByTemplate = new TreeMap<>();
    long aggregated = 0;
    for (TableRow row : rows) {
      long count = Long.parseLong(row.get("entry_count").toString());
      countsByTemplate.merge(row.get("template").toString(), count, Long::sum);
      aggregated += count;
    }
    assertEquals(2, rows.size());
    assertEquals(List.of(1L, 5L), countsByTemplate.values().stream().sorted().toList());

    List<TableRow> letters = datasets.getAllRows(PROJECT, DATASET, "dead_letters");
    Map<String, String> payloadByReason = new TreeMap<>();
    for (TableRow letter : letters) {
      assertEquals("parse", letter.get("stage"));
      payloadByReason.put(
          letter.get("reason").toString(),
          new String(decode(letter.get("raw_payload")), StandardCharsets.UTF_8));
    }
    assertEquals(
        Map.of(
            "not_json", "this is not json {",
            "no_timestamp", "{\"textPayload\":\"no timestamp anywhere\"}"),
        payloadByReason);

    long read = LocalRun.counter(result, "parse", "read");
    long duplicates = LocalRun.counter(result, "dedupe", "duplicates");
    assertEquals(input.size(), read);
    assertEquals(1, duplicates);
    assertEquals(read, aggregated + letters.size() + duplicates);
    assertEquals(aggregated, LocalRun.counter(result, "aggregate", "entries"));
  }

  private static byte[] decode(Object value) {
    return value instanceof byte[] bytes ? bytes : Base64.getDecoder().decode(value.toString());
  }

  @Test
  public void failsFastNamingTheMissingTable() throws Exception {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                LogStreamPipeline.requireTables(
                    datasets,
                    List.of(
                        PROJECT + ":" + DATASET + ".issue_windows",
                        PROJECT + ":" + DATASET + ".nope")));
    assertTrue(e.getMessage(), e.getMessage().contains("acme:gardener.nope missing"));
    assertTrue(e.getMessage(), !e.getMessage().contains("\n"));
  }
}
