package dev.loggardener.jobs;

import dev.loggardener.beam.WriteWorklog;
import dev.loggardener.tracker.TrackerSettings;
import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.WorklogRules;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worklog batch job as deployed (Flex Template {@code worklog}): validates its options and
 * rules, then runs {@link WriteWorklog} once.
 */
public final class WorklogReport {
  private static final Logger LOG = LoggerFactory.getLogger(WorklogReport.class);
  private static final String SHIPPED_RULES = "classpath:" + WorklogRules.DEFAULT_RESOURCE;

  private WorklogReport() {}

  public static void main(String[] args) throws IOException {
    WorklogReportOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(WorklogReportOptions.class);
    FileSystems.setDefaultPipelineOptions(options);
    WriteWorklog.Request request = request(options, Clock.systemUTC());
    LOG.info(
        "Worklog of {} to {} from {} ({}) into {} (rules {}, max detailed {})",
        request.period().from(),
        request.period().to(),
        options.getStore(),
        request.project() == null ? "every project" : "project " + request.project(),
        request.outputPrefix(),
        request.rulesSource(),
        request.maxDetailed());
    String store = options.getStore();
    Pipeline pipeline = Pipeline.create(options);
    WriteWorklog.BeforeWriting tracker = tracker(options);
    if (options.getTrackerRepository() != null && !options.getTrackerRepository().isBlank()) {
      LOG.info(
          "Tracker step: {} through {}, {}, at most {} new issues, reopen {}",
          options.getTrackerRepository(),
          options.getTrackerApiUrl(),
          Boolean.TRUE.equals(options.getTrackerApply()) ? "writes" : "dry run",
          options.getTrackerMaxCreations(),
          options.getTrackerReopen());
    }
    pipeline.apply(
        "WriteWorklog",
        WriteWorklog.of(request, project -> IssueStores.open(store, project), tracker));
    pipeline.run().waitUntilFinish();
  }

  /**
   * Checks the options and turns them into the request; reads and validates the rules file.
   *
   * @throws IllegalArgumentException with one line naming the option, for a bad value
   */
  static WriteWorklog.Request request(WorklogReportOptions options, Clock clock)
      throws IOException {
    validate(options);
    Instant end =
        options.getPeriodEnd() == null || options.getPeriodEnd().isBlank()
            ? clock.instant().truncatedTo(ChronoUnit.HOURS)
            : OffsetDateTime.parse(options.getPeriodEnd().trim()).toInstant();
    String rulesSource = options.getRulesFile() == null ? SHIPPED_RULES : options.getRulesFile();
    String rulesYaml = options.getRulesFile() == null ? shippedRules() : read(rulesSource);
    WorklogRules.parse(rulesYaml, rulesSource);
    return new WriteWorklog.Request(
        options.getLogProject() == null || options.getLogProject().isBlank()
            ? null
            : options.getLogProject().trim(),
        Period.hoursEnding(end, options.getHours()),
        clock.instant(),
        rulesYaml,
        rulesSource,
        options.getMaxDetailed(),
        options.getOutputPrefix());
  }

  /**
   * The tracker step the options ask for, or one that hands the worklog on unchanged when no
   * repository is given.
   */
  static WriteWorklog.BeforeWriting tracker(WorklogReportOptions options) {
    String repository = options.getTrackerRepository();
    if (repository == null || repository.isBlank()) {
      return worklog -> worklog;
    }
    String secret = options.getTrackerTokenSecret();
    return new TrackerJobStep(
        options.getStore(),
        new TrackerSettings(
            repository.trim(),
            TrackerSettings.DEFAULT_LABEL,
            Boolean.TRUE.equals(options.getTrackerReopen()),
            options.getTrackerMaxCreations()),
        options.getTrackerApiUrl(),
        Boolean.TRUE.equals(options.getTrackerApply()),
        () -> SecretManagerToken.access(secret));
  }

  /** Checks that span or parse option values, each with a one-line message. */
  static void validate(WorklogReportOptions options) {
    if (options.getHours() == null || options.getHours() < 1 || options.getHours() > 8784) {
      throw new IllegalArgumentException("--hours must be between 1 and 8784");
    }
    if (options.getMaxDetailed() == null
        || options.getMaxDetailed() < 0
        || options.getMaxDetailed() > 10_000) {
      throw new IllegalArgumentException("--maxDetailed must be between 0 and 10000");
    }
    if (options.getPeriodEnd() != null && !options.getPeriodEnd().isBlank()) {
      try {
        OffsetDateTime.parse(options.getPeriodEnd().trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--periodEnd must be RFC 3339, e.g. 2026-11-28T06:00:00Z, got '"
                + options.getPeriodEnd()
                + "'");
      }
    }
    if (options.getOutputPrefix().isBlank()) {
      throw new IllegalArgumentException("--outputPrefix must not be empty");
    }
    validateTracker(options);
  }

  private static void validateTracker(WorklogReportOptions options) {
    String repository = options.getTrackerRepository();
    if (repository == null || repository.isBlank()) {
      return;
    }
    try {
      TrackerSettings.defaults(repository.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--trackerRepository " + e.getMessage());
    }
    if (!SecretManagerToken.isVersionName(options.getTrackerTokenSecret())) {
      throw new IllegalArgumentException(
          "--trackerTokenSecret must be projects/PROJECT/secrets/NAME/versions/VERSION when"
              + " --trackerRepository is set, got '"
              + options.getTrackerTokenSecret()
              + "'");
    }
    if (options.getTrackerMaxCreations() == null
        || options.getTrackerMaxCreations() < 0
        || options.getTrackerMaxCreations() > 999) {
      throw new IllegalArgumentException("--trackerMaxCreations must be between 0 and 999");
    }
    URI api;
    try {
      api = new URI(options.getTrackerApiUrl());
    } catch (URISyntaxException e) {
      api = null;
    }
    if (api == null || !"https".equals(api.getScheme()) || api.getHost() == null) {
      throw new IllegalArgumentException(
          "--trackerApiUrl must be an https URL such as https://github.example.com/api/v3, got '"
              + options.getTrackerApiUrl()
              + "'");
    }
  }

  private static String shippedRules() throws IOException {
    try (InputStream in =
        WorklogReport.class.getClassLoader().getResourceAsStream(WorklogRules.DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing classpath resource " + WorklogRules.DEFAULT_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String read(String uri) throws IOException {
    try (InputStream in =
        Channels.newInputStream(
            FileSystems.open(FileSystems.matchSingleFileSpec(uri).resourceId()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
