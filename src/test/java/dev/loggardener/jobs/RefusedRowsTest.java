package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.TableRow;
import com.google.gson.JsonObject;
import dev.loggardener.beam.AggregationSettings;
import dev.loggardener.beam.BigQueryTarget;
import dev.loggardener.beam.RawMessage;
import dev.loggardener.beam.RawMessageCoder;
import dev.loggardener.beam.WriteAggregates;
import dev.loggardener.beam.WriteDeadLetters;
import dev.loggardener.normalize.RuleSet;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * BigQuery refuses some issue_windows rows (Beam's fake dataset service injects the errors): the
 * refused rows land in dead_letters with the reason and BigQuery's error, the other rows are
 * written, and the pipeline finishes.
 */
@RunWith(JUnit4.class)
public class RefusedRowsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
  private static final String PROJECT = "proj";
  private static final String DATASET = "logs";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static FakeDatasetService datasets() throws Exception {
    FakeDatasetService.setUp();
    return FakeTables.create(new FakeDatasetService(), PROJECT, DATASET);
  }

  /** {@code perMessage} entries of each message text, one second apart, in one window. */
  static List<RawMessage> messages(List<String> texts, int perMessage) {
    List<RawMessage> messages = new ArrayList<>();
    for (String text : texts) {
      for (int i = 0; i < perMessage; i++) {
        JsonObject entry = new JsonObject();
        entry.addProperty("timestamp", T0.plusSeconds(messages.size() % 50).toString());
        entry.addProperty("insertId", "ins-" + messages.size());
        entry.addProperty("severity", "ERROR");
        entry.addProperty("textPayload", text);
        messages.add(
            new RawMessage(
                entry.toString().getBytes(StandardCharsets.UTF_8),
                Map.of(),
                "m-" + messages.size()));
      }
    }
    return messages;
  }

  @Test
  public void deadLettersTheRowsBigQueryRefusesAndWritesTheRest() throws Exception {
    FakeDatasetService datasets = datasets();
    datasets.setShouldFailRow(
        (Function<TableRow, Boolean> & Serializable)
            row -> String.valueOf(row.get("template")).contains("quota ledger"));
    FakeBigQueryServices services = new FakeBigQueryServices().withDatasetService(datasets);
    List<RawMessage> input =
        messages(List.of("quota ledger rejected the write", "cache warmed in time"), 7);
    LogStreamPipeline.build(
        p,
        Create.of(input).withCoder(RawMessageCoder.of()),
        RuleSet.loadDefault(),
        AggregationSettings.defaults(),
        new LogStreamPipeline.Outputs(
            WriteAggregates.toBigQuery(
                new BigQueryTarget(
                    PROJECT + ":" + DATASET + ".issue_windows", Method.STORAGE_WRITE_API, services),
                CLOCK),
            WriteDeadLetters.toBigQuery(
                new BigQueryTarget(
                    PROJECT + ":" + DATASET + ".dead_letters", Method.STORAGE_WRITE_API, services),
                CLOCK)),
        CLOCK);

    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    List<TableRow> written = datasets.getAllRows(PROJECT, DATASET, "issue_windows");
    assertThat(written).hasSize(1);
    assertThat(written.get(0).get("template").toString()).contains("cache warmed");
    assertThat(Long.parseLong(written.get(0).get("entry_count").toString())).isEqualTo(7);
    List<TableRow> letters = datasets.getAllRows(PROJECT, DATASET, "dead_letters");
    assertThat(letters).hasSize(1);
    TableRow letter = letters.get(0);
    assertThat(letter.get("stage")).isEqualTo("write");
    assertThat(letter.get("reason")).isEqualTo("insert_failed");
    assertThat(String.valueOf(letter.get("error_message"))).isNotBlank();
    String refusedRow =
        new String(
            Base64.getDecoder().decode(letter.get("raw_payload").toString()),
            StandardCharsets.UTF_8);
    assertThat(refusedRow).contains("quota ledger").contains("entry_count=7");
  }
}
