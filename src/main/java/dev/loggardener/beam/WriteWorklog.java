package dev.loggardener.beam;

import dev.loggardener.worklog.IssueWindowSource;
import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes one worklog, as Markdown and JSON, under an output folder: {@code DATE/worklog.md}, {@code
 * DATE/worklog.json} (DATE is the UTC day the period ends) and copies as {@code latest.md} and
 * {@code latest.json}.
 *
 * <p>Bounded: a single element runs the report on one worker, which reads the store through the
 * {@link SourceFactory}. The output holds the written paths. A failure (store, rules, write) fails
 * the job; nothing is written partially except what the file system had already committed.
 */
public final class WriteWorklog extends PTransform<PBegin, PCollection<String>> {

  /** Opens the store on the worker; serializable so it can travel with the DoFn. */
  @FunctionalInterface
  public interface SourceFactory extends Serializable {
    /** Opens the store reading only {@code project}'s rows, or every project's when null. */
    IssueWindowSource open(String project) throws Exception;
  }

  /**
   * A step between building the worklog and writing it, such as filing its problems in a tracker;
   * serializable so it can travel with the DoFn.
   */
  @FunctionalInterface
  public interface BeforeWriting extends Serializable {
    /** The worklog to write, e.g. annotated with tracker issues. */
    Worklog apply(Worklog worklog) throws Exception;
  }

  /**
   * What to report and where.
   *
   * @param project the only project reported on, or null for every project in the store
   * @param rulesYaml the worklog rules as YAML text, already validated by the caller
   * @param outputPrefix folder URI, e.g. {@code gs://bucket/worklogs} or a local path
   */
  public record Request(
      String project,
      Period period,
      Instant generatedAt,
      String rulesYaml,
      String rulesSource,
      int maxDetailed,
      String outputPrefix)
      implements Serializable {
    public Request {
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(generatedAt, "generatedAt");
      Objects.requireNonNull(rulesYaml, "rulesYaml");
      Objects.requireNonNull(rulesSource, "rulesSource");
      Objects.requireNonNull(outputPrefix, "outputPrefix");
    }
  }

  private final Request request;
  private final SourceFactory sources;
  private final BeforeWriting beforeWriting;

  private WriteWorklog(Request request, SourceFactory sources, BeforeWriting beforeWriting) {
    this.request = request;
    this.sources = sources;
    this.beforeWriting = beforeWriting;
  }

  /**
   * Writes the worklog described by {@code request}, reading from the store {@code sources} opens.
   */
  public static WriteWorklog of(Request request, SourceFactory sources) {
    return new WriteWorklog(request, sources, worklog -> worklog);
  }

  /** Like {@link #of(Request, SourceFactory)}, running {@code beforeWriting} on the worklog. */
  public static WriteWorklog of(
      Request request, SourceFactory sources, BeforeWriting beforeWriting) {
    return new WriteWorklog(request, sources, beforeWriting);
  }

  @Override
  public PCollection<String> expand(PBegin input) {
    return input
        .apply("StartReport", Create.of(request.period().to().toString()))
        .apply(
            "BuildAndWriteWorklog", ParDo.of(new WriteWorklogFn(request, sources, beforeWriting)));
  }

  private static final class WriteWorklogFn extends DoFn<String, String> {
    private final Request request;
    private final SourceFactory sources;
    private final BeforeWriting beforeWriting;

    WriteWorklogFn(Request request, SourceFactory sources, BeforeWriting beforeWriting) {
      this.request = request;
      this.sources = sources;
      this.beforeWriting = beforeWriting;
    }

    @ProcessElement
    public void process(OutputReceiver<String> out) throws Exception {
      WorklogSettings settings =
          WorklogSettings.defaults(WorklogRules.parse(request.rulesYaml(), request.rulesSource()))
              .withMaxDetailed(request.maxDetailed());
      Worklog worklog;
      try (IssueWindowSource source = sources.open(request.project())) {
        worklog = WorklogJob.build(source, request.period(), settings, request.generatedAt());
      }
      worklog = beforeWriting.apply(worklog);
      String markdown = WorklogJob.render(worklog, WorklogJob.Format.MD);
      String json = WorklogJob.render(worklog, WorklogJob.Format.JSON);
      String day =
          request.period().to().minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate().toString();
      String prefix = request.outputPrefix().replaceAll("/+$", "");
      for (List<String> file :
          List.of(
              List.of(prefix + "/" + day + "/worklog.md", markdown),
              List.of(prefix + "/" + day + "/worklog.json", json),
              List.of(prefix + "/latest.md", markdown),
              List.of(prefix + "/latest.json", json))) {
        write(file.get(0), file.get(1));
        out.output(file.get(0));
      }
    }

    private static void write(String path, String text) throws IOException {
      try (WritableByteChannel channel =
          FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
    }
  }
}
