package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.beam.AggregationSettings;
import dev.loggardener.beam.RawMessage;
import dev.loggardener.beam.RawMessageCoder;
import dev.loggardener.beam.WriteAggregates;
import dev.loggardener.beam.WriteDeadLetters;
import dev.loggardener.logentry.PublicSamples;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.scenario.ScenarioGenerator;
import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Ten thousand mutated LogEntry messages through the production graph on the DirectRunner, into a
 * DuckDB store: the run completes, every message is accounted for and the worklog renders.
 */
@RunWith(JUnit4.class)
public class HostileInputPipelineTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  private static final int MESSAGES = 10_000;
  private static final LocalDate SCENARIO_DAY = LocalDate.of(2026, 11, 27);

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  static List<String> baseLines() throws Exception {
    List<String> lines = new ArrayList<>(PublicSamples.lines());
    new ScenarioGenerator(17, ScenarioGenerator.MIN_ENTRIES, SCENARIO_DAY).generate(lines::add);
    return lines;
  }

  @Test
  public void accountsForEveryHostileMessageAndStillRendersTheWorklog() throws Exception {
    HostileMessages hostile = new HostileMessages(20261128L, baseLines());
    Map<HostileMessages.Mutation, Integer> counts = hostile.counts(MESSAGES);
    assertThat(counts).hasSize(HostileMessages.Mutation.values().length);
    assertThat(counts.get(HostileMessages.Mutation.HUGE_FIELD)).isEqualTo(HostileMessages.MAX_HUGE);
    Path file = temp.getRoot().toPath().resolve("hostile.duckdb");
    RuleSet rules = RuleSet.loadDefault();
    LogStreamPipeline.build(
        p,
        new GenerateMessages(hostile, MESSAGES),
        rules,
        AggregationSettings.defaults(),
        new LogStreamPipeline.Outputs(
            WriteAggregates.toDuckDb(file, CLOCK), WriteDeadLetters.toDuckDb(file, CLOCK)),
        CLOCK);

    // The runner's per-step clone checks would copy each 10 MB payload several times over.
    p.getOptions().as(DirectOptions.class).setEnforceImmutability(false);
    p.getOptions().as(DirectOptions.class).setEnforceEncodability(false);
    PipelineResult result = p.run();

    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    long duplicates = LocalRun.counter(result, "dedupe", "duplicates");
    Set<String> deadLettered = new HashSet<>();
    try (DuckDbStore store = DuckDbStore.open(file);
        Statement sql = store.connection().createStatement()) {
      long aggregated = single(sql, "SELECT COALESCE(SUM(entry_count), 0) FROM issue_windows");
      long deadLetters = single(sql, "SELECT COUNT(*) FROM dead_letters");
      assertThat(aggregated + deadLetters + duplicates).isEqualTo(MESSAGES);
      assertThat(duplicates)
          .isGreaterThanOrEqualTo(counts.get(HostileMessages.Mutation.REDELIVERY));
      assertThat(deadLetters)
          .isGreaterThanOrEqualTo(
              counts.get(HostileMessages.Mutation.HUGE_FIELD)
                  + counts.get(HostileMessages.Mutation.TRUNCATED) / 2);
      try (ResultSet rows =
          sql.executeQuery("SELECT message_id, raw_payload, reason, stage FROM dead_letters")) {
        int seen = 0;
        while (rows.next()) {
          seen++;
          assertThat(rows.getString("reason")).matches("[a-z][a-z0-9_]*");
          assertThat(rows.getString("stage")).isIn("parse", "normalize", "aggregate");
          String id = rows.getString("message_id");
          assertThat(id).startsWith("hostile-");
          assertThat(deadLettered.add(id)).as("one dead letter for %s", id).isTrue();
          byte[] original = hostile.message(Integer.parseInt(id.substring(8))).payload();
          java.sql.Blob stored = rows.getBlob("raw_payload");
          assertThat(Arrays.equals(stored.getBytes(1, (int) stored.length()), original))
              .as("raw payload of %s kept byte for byte", rows.getString("message_id"))
              .isTrue();
        }
        assertThat(seen).isEqualTo(deadLetters);
      }
    }

    Path markdown = temp.getRoot().toPath().resolve("latest.md");
    Worklog latest = dev.loggardener.cli.WorklogCommand.writeLocal(file, markdown, CLOCK);
    assertThat(latest.projects()).isNotEmpty();
    assertThat(Files.readString(markdown)).startsWith("# Log Gardener Worklog - netra-staging");
    try (DuckDbIssueWindowSource source = DuckDbIssueWindowSource.open(file)) {
      Period day =
          Period.hoursEnding(SCENARIO_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), 24);
      Worklog worklog =
          WorklogJob.build(
              source, day, WorklogSettings.defaults(WorklogRules.loadDefault()), CLOCK.instant());
      assertThat(worklog.totalEntries()).isPositive();
      assertThat(WorklogJob.render(worklog, WorklogJob.Format.MD)).contains("hostile");
      assertThat(WorklogJob.render(worklog, WorklogJob.Format.JSON)).startsWith("{");
    }
  }

  /** Generates the messages inside the pipeline, so no 10 MB payload sits in the graph. */
  static final class GenerateMessages extends PTransform<PBegin, PCollection<RawMessage>> {
    private final HostileMessages hostile;
    private final int count;

    GenerateMessages(HostileMessages hostile, int count) {
      this.hostile = hostile;
      this.count = count;
    }

    @Override
    public PCollection<RawMessage> expand(PBegin begin) {
      List<Integer> indices = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        indices.add(i);
      }
      return begin
          .apply("CreateIndices", Create.of(indices))
          .apply("MutateMessages", ParDo.of(new MutateFn(hostile)))
          .setCoder(RawMessageCoder.of());
    }
  }

  private static final class MutateFn extends DoFn<Integer, RawMessage> {
    private final HostileMessages hostile;

    MutateFn(HostileMessages hostile) {
      this.hostile = hostile;
    }

    @ProcessElement
    public void process(@Element Integer index, OutputReceiver<RawMessage> out) {
      out.output(hostile.message(index));
    }
  }

  static long single(Statement sql, String query) throws Exception {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
