package dev.loggardener.jobs;

import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.worklog.IssueWindowSource;
import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worklog as a batch job, the main class of the worklog Flex Template: a one-element pipeline
 * whose only step builds the period's worklog from the store and writes it as Markdown and JSON.
 *
 * <p>A Flex Template launcher must submit a job, so the report runs inside one rather than in the
 * launcher. Bounded; the step either writes both files or fails the job (Dataflow retries it), so a
 * run never leaves half a worklog behind without saying so.
 */
public final class WorklogReport {
  private static final Logger LOG = LoggerFactory.getLogger(WorklogReport.class);
  private static final String BIGQUERY = "bigquery:";
  private static final int MAX_HOURS = 24 * 31;
  private static final int MAX_DETAILED = 10_000;

  private WorklogReport() {}

  /**
   * What one run reports, resolved from the options once.
   *
   * @param generatedAt printed as the generation time; the launch time, so a retry prints the same
   */
  record Request(
      String store,
      String outputPrefix,
      Instant from,
      Instant to,
      String rulesFile,
      String headerProject,
      int maxDetailed,
      Instant generatedAt)
      implements Serializable {}

  public static void main(String[] args) {
    WorklogOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(WorklogOptions.class);
    Request request = validate(options, Instant.now());
    LOG.info(
        "worklog of {} for [{}, {}) to {}, rules {}",
        request.store(),
        request.from(),
        request.to(),
        request.outputPrefix(),
        request.rulesFile() == null ? "shipped" : request.rulesFile());
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, request);
    pipeline.run();
  }

  /**
   * Checks the options together and resolves them into a request.
   *
   * @param launchedAt the period ends at the start of this hour unless periodEnd is given
   * @throws IllegalArgumentException with one line saying which option to fix
   */
  static Request validate(WorklogOptions options, Instant launchedAt) {
    String store = options.getStore();
    if (store.startsWith(BIGQUERY) && !store.substring(BIGQUERY.length()).contains(".")) {
      throw new IllegalArgumentException(
          "--store must be bigquery:PROJECT.DATASET or a DuckDB file, got '" + store + "'");
    }
    int hours = options.getHours();
    if (hours < 1 || hours > MAX_HOURS) {
      throw new IllegalArgumentException(
          "--hours must be between 1 and " + MAX_HOURS + ", got " + hours);
    }
    int maxDetailed = options.getMaxDetailed();
    if (maxDetailed < 0 || maxDetailed > MAX_DETAILED) {
      throw new IllegalArgumentException(
          "--maxDetailed must be between 0 and " + MAX_DETAILED + ", got " + maxDetailed);
    }
    Instant end = periodEnd(options.getPeriodEnd(), launchedAt);
    Period period = Period.hoursEnding(end, hours);
    return new Request(
        store,
        options.getOutputPrefix(),
        period.from(),
        period.to(),
        options.getRulesFile(),
        options.getHeaderProject() == null || options.getHeaderProject().isBlank()
            ? projectOf(store)
            : options.getHeaderProject(),
        maxDetailed,
        launchedAt);
  }

  /** Adds the report's steps to the pipeline. */
  static PCollection<String> build(Pipeline pipeline, Request request) {
    return pipeline
        .apply("StartReport", Create.of(request.outputPrefix()))
        .apply("WriteWorklog", ParDo.of(new WriteWorklogFn(request)));
  }

  private static Instant periodEnd(String periodEnd, Instant launchedAt) {
    if (periodEnd == null || periodEnd.isBlank()) {
      return launchedAt.truncatedTo(ChronoUnit.HOURS);
    }
    try {
      return OffsetDateTime.parse(periodEnd).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--periodEnd must be RFC 3339, e.g. 2026-11-28T06:00:00Z, got '" + periodEnd + "'", e);
    }
  }

  private static String projectOf(String store) {
    if (store.startsWith(BIGQUERY)) {
      String dataset = store.substring(BIGQUERY.length());
      return dataset.substring(0, dataset.indexOf('.'));
    }
    String file = Path.of(store).getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot <= 0 ? file : file.substring(0, dot);
  }

  /** Writes DATE/worklog.md, DATE/worklog.json, latest.md and latest.json under the prefix. */
  private static final class WriteWorklogFn extends DoFn<String, String> {
    private final Request request;
    private final Counter written = Metrics.counter("worklog", "written");

    WriteWorklogFn(Request request) {
      this.request = request;
    }

    @ProcessElement
    public void process(@Element String outputPrefix, OutputReceiver<String> out) throws Exception {
      WorklogSettings settings =
          WorklogSettings.defaults(request.headerProject(), rules())
              .withMaxDetailed(request.maxDetailed());
      Worklog worklog;
      try (IssueWindowSource source = open(request.store())) {
        worklog =
            WorklogJob.build(
                source, new Period(request.from(), request.to()), settings, request.generatedAt());
      }
      String markdown = WorklogJob.render(worklog, WorklogJob.Format.MD);
      String json = WorklogJob.render(worklog, WorklogJob.Format.JSON);
      ResourceId root = FileSystems.matchNewResource(outputPrefix, true);
      ResourceId day =
          root.resolve(
              request.to().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
              StandardResolveOptions.RESOLVE_DIRECTORY);
      write(day.resolve("worklog.md", StandardResolveOptions.RESOLVE_FILE), markdown);
      write(day.resolve("worklog.json", StandardResolveOptions.RESOLVE_FILE), json);
      write(root.resolve("latest.md", StandardResolveOptions.RESOLVE_FILE), markdown);
      write(root.resolve("latest.json", StandardResolveOptions.RESOLVE_FILE), json);
      written.inc();
      out.output(day.toString());
    }

    private WorklogRules rules() throws IOException {
      if (request.rulesFile() == null) {
        return WorklogRules.loadDefault();
      }
      ResourceId file = FileSystems.matchSingleFileSpec(request.rulesFile()).resourceId();
      try (var in = Channels.newInputStream(FileSystems.open(file))) {
        return WorklogRules.parse(
            new String(in.readAllBytes(), StandardCharsets.UTF_8), request.rulesFile());
      }
    }

    private static IssueWindowSource open(String store) throws Exception {
      if (store.startsWith(BIGQUERY)) {
        return BigQueryIssueWindowSource.open(store.substring(BIGQUERY.length()));
      }
      return DuckDbIssueWindowSource.open(Path.of(store));
    }

    private static void write(ResourceId file, String text) throws IOException {
      try (WritableByteChannel channel = FileSystems.create(file, MimeTypes.TEXT)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
    }
  }
}
