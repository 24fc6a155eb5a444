package dev.loggardener.jobs;

import com.google.api.services.bigquery.model.TableReference;
import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueWindow;
import dev.loggardener.beam.AggregateByFingerprint;
import dev.loggardener.beam.AggregationSettings;
import dev.loggardener.beam.BigQueryTarget;
import dev.loggardener.beam.DuckDbTarget;
import dev.loggardener.beam.NormalizeEntries;
import dev.loggardener.beam.NormalizedEntry;
import dev.loggardener.beam.ParseLogEntries;
import dev.loggardener.beam.ParsedEntry;
import dev.loggardener.beam.RawMessage;
import dev.loggardener.beam.ReadExportFiles;
import dev.loggardener.beam.StageResult;
import dev.loggardener.beam.WriteAggregates;
import dev.loggardener.beam.WriteDeadLetters;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.sink.DeadLetter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log-stream job: raw messages → parse → normalize and fingerprint → window and aggregate →
 * issue_windows, with every stage's failures (and rows BigQuery refuses) in dead_letters.
 *
 * <p>Runs on any runner; reads Pub/Sub (unbounded) or export files (bounded), writes BigQuery or a
 * local DuckDB file. {@link #main} checks the options and, for BigQuery, that both tables exist
 * before it builds the graph.
 */
public final class LogStreamPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(LogStreamPipeline.class);

  private LogStreamPipeline() {}

  /** Where the two tables go. */
  public record Outputs(WriteAggregates aggregates, WriteDeadLetters deadLetters) {}

  public static void main(String[] args) throws IOException {
    StreamOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(StreamOptions.class);
    run(options, null).waitUntilFinish();
  }

  /**
   * Validates the options, checks the BigQuery tables, builds and starts the pipeline.
   *
   * @param testServices fake BigQuery services for tests, or null for the real service
   */
  public static PipelineResult run(StreamOptions options, BigQueryServices testServices)
      throws IOException {
    return run(options, source(options), testServices);
  }

  /**
   * The same, reading from {@code source} instead of the source the options name; the local run
   * reads its planned files this way.
   */
  public static PipelineResult run(
      StreamOptions options,
      PTransform<PBegin, PCollection<RawMessage>> source,
      BigQueryServices testServices)
      throws IOException {
    return create(options, source, testServices).run();
  }

  private static Pipeline create(
      StreamOptions options,
      PTransform<PBegin, PCollection<RawMessage>> source,
      BigQueryServices testServices)
      throws IOException {
    validate(options);
    RuleSet rules =
        options.getRulesFile() == null
            ? RuleSet.loadDefault()
            : RuleSet.load(Path.of(options.getRulesFile()));
    Clock clock = Clock.systemUTC();
    Outputs outputs;
    if (options.getDuckDbFile() != null) {
      DuckDbTarget store =
          new DuckDbTarget(
              options.getDuckDbFile(),
              options.getDuckDbHoldOpen(),
              java.time.Duration.ofSeconds(options.getDuckDbRetrySeconds()));
      outputs =
          new Outputs(
              WriteAggregates.toDuckDb(store, clock), WriteDeadLetters.toDuckDb(store, clock));
    } else {
      BigQueryServices services = testServices != null ? testServices : new BigQueryServicesImpl();
      requireTables(
          services.getDatasetService(options),
          List.of(options.getIssueWindowsTable(), options.getDeadLettersTable()));
      outputs =
          new Outputs(
              WriteAggregates.toBigQuery(
                  new BigQueryTarget(
                      options.getIssueWindowsTable(),
                      options.getBigQueryWriteMethod(),
                      testServices),
                  clock),
              WriteDeadLetters.toBigQuery(
                  new BigQueryTarget(
                      options.getDeadLettersTable(),
                      options.getBigQueryWriteMethod(),
                      testServices),
                  clock));
    }
    if (options.getInputFiles() == null) {
      options.setStreaming(true);
    }
    AggregationSettings settings = settings(options);
    LOG.info(
        "log-stream: rules {}, window {} (fired {} at a time), lateness {}, early firing {},"
            + " fan-out {}, input {}",
        rules.version(),
        settings.windowSize(),
        settings.windowsPerFiring(),
        settings.allowedLateness(),
        settings.earlyFiringDelay(),
        settings.hotKeyFanout(),
        describeInput(options));
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, source, rules, settings, outputs, clock);
    return pipeline;
  }

  /** A pipeline running in this process, and the drain that ends it. */
  public record Drainable(PipelineResult result, LocalDrain drain) {}

  /**
   * Validates the options, builds the pipeline from the source the options name and starts it with
   * a {@link LocalDrain}: for a runner that runs in this process (the DirectRunner).
   */
  public static Drainable runDrainable(StreamOptions options, BigQueryServices testServices)
      throws IOException {
    // In this process a Pub/Sub call must not sleep in the client's backoff for minutes.
    Pipeline pipeline =
        create(options, source(options, new PromptPubsubClient.Factory()), testServices);
    LocalDrain drain = LocalDrain.applyTo(pipeline);
    return new Drainable(pipeline.run(), drain);
  }

  /**
   * Checks what spans several options; each message is one line saying what to fix.
   *
   * @throws IllegalArgumentException for an inconsistent set of options
   */
  public static void validate(StreamOptions o) {
    int inputs =
        (o.getInputSubscription() == null ? 0 : 1)
            + (o.getInputTopic() == null ? 0 : 1)
            + (o.getInputFiles() == null ? 0 : 1);
    if (inputs != 1) {
      throw new IllegalArgumentException(
          "give exactly one of --inputSubscription, --inputTopic and --inputFiles");
    }
    boolean anyTable = o.getIssueWindowsTable() != null || o.getDeadLettersTable() != null;
    boolean bothTables = o.getIssueWindowsTable() != null && o.getDeadLettersTable() != null;
    if (o.getDuckDbFile() != null && anyTable) {
      throw new IllegalArgumentException(
          "give either --duckDbFile or the BigQuery tables, not both");
    }
    if (o.getDuckDbFile() == null && !bothTables) {
      throw new IllegalArgumentException(
          "give both --issueWindowsTable and --deadLettersTable, or --duckDbFile");
    }
    for (String table : new String[] {o.getIssueWindowsTable(), o.getDeadLettersTable()}) {
      if (table != null && !table.matches("[\\w.-]+[:.][\\w]+\\.[\\w$]+")) {
        throw new IllegalArgumentException(
            "BigQuery table '" + table + "' must look like PROJECT:DATASET.TABLE");
      }
    }
    positive("windowSizeMinutes", o.getWindowSizeMinutes());
    positive("windowsPerFiring", o.getWindowsPerFiring());
    notNegative("allowedLatenessMinutes", o.getAllowedLatenessMinutes());
    notNegative("earlyFiringSeconds", o.getEarlyFiringSeconds());
    notNegative("tooLateRetentionHours", o.getTooLateRetentionHours());
    notNegative("duckDbRetrySeconds", o.getDuckDbRetrySeconds());
    positive("maxExamples", o.getMaxExamples());
    positive("maxDistinctValues", o.getMaxDistinctValues());
    positive("hotKeyFanout", o.getHotKeyFanout());
    positive("dedupeShards", o.getDedupeShards());
    positive("progressSeconds", o.getProgressSeconds());
  }

  /** The aggregation settings the options describe. */
  public static AggregationSettings settings(StreamOptions o) {
    return new AggregationSettings(
        Duration.standardMinutes(o.getWindowSizeMinutes()),
        o.getWindowsPerFiring(),
        Duration.standardMinutes(o.getAllowedLatenessMinutes()),
        Duration.standardSeconds(o.getEarlyFiringSeconds()),
        Duration.standardHours(o.getTooLateRetentionHours()),
        new AggregationLimits(o.getMaxExamples(), o.getMaxDistinctValues()),
        o.getHotKeyFanout(),
        o.getDedupeShards());
  }

  /**
   * Fails fast, with one line naming the table and the fix, when a table is missing.
   *
   * @throws IllegalStateException if a table does not exist
   */
  public static void requireTables(BigQueryServices.DatasetService datasets, List<String> specs)
      throws IOException {
    List<String> missing = new ArrayList<>();
    for (String spec : specs) {
      TableReference ref = BigQueryHelpers.parseTableSpec(spec);
      try {
        if (datasets.getTable(ref) == null) {
          missing.add(spec);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while checking BigQuery table " + spec, e);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "BigQuery table(s) "
              + String.join(", ", missing)
              + " missing; create them from deploy/bigquery with deploy/terraform"
              + " (the pipeline never creates tables)");
    }
  }

  /** The graph from raw messages to both tables; the part every test drives end to end. */
  public static void build(
      Pipeline pipeline,
      PTransform<PBegin, PCollection<RawMessage>> source,
      RuleSet rules,
      AggregationSettings settings,
      Outputs outputs,
      Clock clock) {
    PCollection<RawMessage> raw = pipeline.apply("ReadMessages", source);
    StageResult<ParsedEntry> parsed =
        raw.apply(
            "ParseLogEntries", ParseLogEntries.with(new LogEntryParser(), rules.version(), clock));
    StageResult<NormalizedEntry> normalized =
        parsed.output().apply("NormalizeEntries", NormalizeEntries.with(rules, clock));
    StageResult<IssueWindow> aggregated =
        normalized
            .output()
            .apply("AggregateByFingerprint", AggregateByFingerprint.with(settings, clock));
    PCollection<DeadLetter> refused =
        aggregated.output().apply("WriteAggregates", outputs.aggregates());
    PCollectionList.of(parsed.failures())
        .and(normalized.failures())
        .and(aggregated.failures())
        .and(refused)
        .apply("WriteDeadLetters", outputs.deadLetters());
  }

  static PTransform<PBegin, PCollection<RawMessage>> source(StreamOptions options) {
    return source(options, null);
  }

  /**
   * The input the options name; Pub/Sub is read through {@code pubsubClients}, or PubsubIO's own.
   */
  private static PTransform<PBegin, PCollection<RawMessage>> source(
      StreamOptions options, PubsubClient.PubsubClientFactory pubsubClients) {
    if (options.getInputFiles() != null) {
      return ReadExportFiles.matching(options.getInputFiles());
    }
    return new ReadPubsub(options.getInputSubscription(), options.getInputTopic(), pubsubClients);
  }

  private static String describeInput(StreamOptions o) {
    return o.getInputFiles() != null
        ? "files " + o.getInputFiles()
        : o.getInputSubscription() != null
            ? "subscription " + o.getInputSubscription()
            : "topic " + o.getInputTopic();
  }

  /**
   * Reads Pub/Sub messages with attributes and message id, through the given clients or, when null,
   * through PubsubIO's own.
   */
  static final class ReadPubsub extends PTransform<PBegin, PCollection<RawMessage>> {
    private final String subscription;
    private final String topic;
    private final PubsubClient.PubsubClientFactory clients;

    ReadPubsub(String subscription, String topic, PubsubClient.PubsubClientFactory clients) {
      this.subscription = subscription;
      this.topic = topic;
      this.clients = clients;
    }

    @Override
    public PCollection<RawMessage> expand(PBegin begin) {
      PubsubIO.Read<PubsubMessage> read = PubsubIO.readMessagesWithAttributesAndMessageId();
      read = subscription != null ? read.fromSubscription(subscription) : read.fromTopic(topic);
      if (clients != null) {
        read = read.withClientFactory(clients);
      }
      return begin
          .apply("ReadPubsubMessages", read)
          .apply("ToRawMessages", ParDo.of(new ToRawMessageFn()));
    }
  }

  private static final class ToRawMessageFn extends DoFn<PubsubMessage, RawMessage> {
    @ProcessElement
    public void process(@Element PubsubMessage message, OutputReceiver<RawMessage> out) {
      out.output(
          new RawMessage(message.getPayload(), message.getAttributeMap(), message.getMessageId()));
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be at least 1, got " + value);
    }
  }

  private static void notNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("--" + name + " must not be negative, got " + value);
    }
  }
}
