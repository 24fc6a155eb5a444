package dev.loggardener.jobs;

import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the log-stream pipeline: input, outputs, windowing and bounds. */
public interface StreamOptions extends PubsubOptions, BigQueryOptions {

  @Description(
      "Pub/Sub subscription of the Cloud Logging sink to read, in the form"
          + " projects/PROJECT/subscriptions/NAME, e.g. projects/acme/subscriptions/lg-pipeline."
          + " Exactly one of inputSubscription, inputTopic and inputFiles is required.")
  String getInputSubscription();

  void setInputSubscription(String value);

  @Description(
      "Pub/Sub topic to read through a subscription the pipeline creates, in the form"
          + " projects/PROJECT/topics/NAME, e.g. projects/acme/topics/lg-logs. Prefer"
          + " inputSubscription in production: a topic read starts from now.")
  String getInputTopic();

  void setInputTopic(String value);

  @Description(
      "Glob of Cloud Logging exports to read instead of Pub/Sub: NDJSON or JSON-array files,"
          + " gzipped or not, e.g. ./exports/*.json.gz or gs://bucket/logs/2026-11-*.json. Read"
          + " as a bounded input; on this machine the run command reads local exports in"
          + " event-time order instead, in a heap that does not grow with the input.")
  String getInputFiles();

  void setInputFiles(String value);

  @Description(
      "BigQuery table for the aggregates, as PROJECT:DATASET.TABLE, e.g."
          + " acme:log_gardener_prod.issue_windows. It must exist (the pipeline never creates"
          + " tables). Give both tables, or duckDbFile.")
  String getIssueWindowsTable();

  void setIssueWindowsTable(String value);

  @Description(
      "BigQuery table for dead letters, as PROJECT:DATASET.TABLE, e.g."
          + " acme:log_gardener_prod_restricted.dead_letters. It must exist.")
  String getDeadLettersTable();

  void setDeadLettersTable(String value);

  @Description(
      "Local DuckDB file to write both tables to instead of BigQuery, created on first use,"
          + " e.g. ./gardener.duckdb. Meant for the DirectRunner.")
  String getDuckDbFile();

  void setDuckDbFile(String value);

  @Description(
      "Whether the DuckDB writer keeps the file open between batches, e.g. false. When false (the"
          + " default) each batch opens the file, writes one transaction and closes it, so that"
          + " worklog or the duckdb shell can read the file while the pipeline runs.")
  @Default.Boolean(false)
  boolean getDuckDbHoldOpen();

  void setDuckDbHoldOpen(boolean value);

  @Description(
      "Seconds between the progress lines the stream command prints while the pipeline runs in"
          + " this process (the DirectRunner), e.g. 10.")
  @Default.Integer(10)
  int getProgressSeconds();

  void setProgressSeconds(int value);

  @Description(
      "Seconds a DuckDB write is retried while the file is locked or unwritable before its"
          + " issue rows become dead letters with reason store_unavailable, e.g. 60. Dead letters"
          + " themselves are retried until the store takes them.")
  @Default.Integer(60)
  int getDuckDbRetrySeconds();

  void setDuckDbRetrySeconds(int value);

  @Description(
      "How to write BigQuery: STORAGE_WRITE_API (exactly once, the default),"
          + " STORAGE_API_AT_LEAST_ONCE (cheaper, may duplicate a row on retry) or"
          + " STREAMING_INSERTS.")
  @Default.Enum("STORAGE_WRITE_API")
  Method getBigQueryWriteMethod();

  void setBigQueryWriteMethod(Method value);

  @Description("Fixed event-time window size in minutes, e.g. 1.")
  @Default.Integer(1)
  int getWindowSizeMinutes();

  void setWindowSizeMinutes(int value);

  @Description(
      "How many consecutive windows fire together, e.g. 1: each window's rows are written when it"
          + " closes. Over files, more (the local run uses 60) spare the runner a timer and a"
          + " state entry per fingerprint and window; the rows are the same, written later.")
  @Default.Integer(1)
  int getWindowsPerFiring();

  void setWindowsPerFiring(int value);

  @Description(
      "How long after a window ends late entries are still counted, in minutes, e.g. 360."
          + " Later entries go to dead letters with reason too_late.")
  @Default.Integer(360)
  int getAllowedLatenessMinutes();

  void setAllowedLatenessMinutes(int value);

  @Description(
      "Seconds of processing time after a pane's first entry before an early (speculative) pane"
          + " fires, e.g. 30; 0 means no early panes, only on-time and late ones.")
  @Default.Integer(0)
  int getEarlyFiringSeconds();

  void setEarlyFiringSeconds(int value);

  @Description(
      "Hours a closed window is remembered so that entries arriving after it closed become"
          + " too_late dead letters, e.g. 24.")
  @Default.Integer(24)
  int getTooLateRetentionHours();

  void setTooLateRetentionHours(int value);

  @Description("Distinct example messages kept per fingerprint and pane, e.g. 5.")
  @Default.Integer(5)
  int getMaxExamples();

  void setMaxExamples(int value);

  @Description(
      "Distinct versions, instances, source locations and trace ids kept per fingerprint and"
          + " pane, e.g. 20.")
  @Default.Integer(20)
  int getMaxDistinctValues();

  void setMaxDistinctValues(int value);

  @Description(
      "Intermediate keys per fingerprint for the combine, so that one very frequent fingerprint"
          + " is summed in parallel, e.g. 16; 1 disables fan-out.")
  @Default.Integer(16)
  int getHotKeyFanout();

  void setHotKeyFanout(int value);

  @Description("Keys per window for deduplication state; bounds that step's parallelism, e.g. 64.")
  @Default.Integer(64)
  int getDedupeShards();

  void setDedupeShards(int value);

  @Description(
      "Normalization rules file (YAML) replacing the rules built into the jar, e.g."
          + " ./pipelines/log-stream/rules/normalize.yaml.")
  String getRulesFile();

  void setRulesFile(String value);
}
