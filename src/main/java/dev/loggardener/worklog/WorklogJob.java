package dev.loggardener.worklog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The worklog batch job: reads a period and the one before it from a source, builds the report and
 * writes it as Markdown or JSON. Bounded input; nothing here depends on Beam or on where the rows
 * are stored.
 */
public final class WorklogJob {

  /** Output format of the report file. */
  public enum Format {
    MD,
    JSON;

    /** Parses {@code md} or {@code json}, or null. */
    public static Format parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "md", "markdown" -> MD;
        case "json" -> JSON;
        default -> null;
      };
    }
  }

  private WorklogJob() {}

  /** Builds the report model of {@code period} from the source. */
  public static Worklog build(
      IssueWindowSource source, Period period, WorklogSettings settings, Instant generatedAt)
      throws Exception {
    List<IssueWindow> current = source.windows(period);
    List<IssueWindow> previous = source.windows(period.previous());
    return new WorklogBuilder(settings)
        .build(
            period,
            current,
            previous,
            source.firstSeen(period),
            source.earliestWindowStart().orElse(null),
            source.describe(),
            generatedAt);
  }

  /** The report in the given format. */
  public static String render(Worklog worklog, Format format) {
    return format == Format.JSON ? JsonRenderer.render(worklog) : MarkdownRenderer.render(worklog);
  }

  /**
   * Writes the worklog of {@code period} to {@code out} (UTF-8) and returns the model.
   *
   * @param generatedAt the time printed as generation time (the caller's clock)
   */
  public static Worklog run(
      IssueWindowSource source,
      Period period,
      WorklogSettings settings,
      Format format,
      Path out,
      Instant generatedAt)
      throws Exception {
    Worklog worklog = build(source, period, settings, generatedAt);
    write(out, render(worklog, format));
    return worklog;
  }

  /** Markdown with the shipped rules and default settings: what {@code run} chains locally. */
  public static Worklog run(IssueWindowSource source, Period period, Path out) throws Exception {
    return run(
        source,
        period,
        WorklogSettings.defaults(WorklogRules.loadDefault()),
        Format.MD,
        out,
        period.to());
  }

  private static void write(Path out, String text) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, text, StandardCharsets.UTF_8);
  }
}
