package dev.loggardener.scenario;

import dev.loggardener.logentry.Severity;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One message shape of a planted family and how many distinct entries carry it.
 *
 * @param service the Cloud Run service that logs it
 * @param module the Python logger (module) name
 * @param file the {@code sourceLocation.file}
 * @param line the {@code sourceLocation.line}
 * @param function the {@code sourceLocation.function}
 * @param severity the entries' severity
 * @param example one message as the example worklog shows it (first line only)
 * @param pattern a regular expression matching exactly the first line of every such message
 * @param count how many distinct entries (redeliveries not counted) carry it
 */
public record PlantedMessage(
    String service,
    String module,
    String file,
    long line,
    String function,
    Severity severity,
    String example,
    Pattern pattern,
    long count) {
  public PlantedMessage {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(pattern, "pattern");
    if (count < 1) {
      throw new IllegalArgumentException("a planted message is planted at least once");
    }
  }

  /** Whether a message's first line is one of these. */
  public boolean matches(String message) {
    int end = message.indexOf('\n');
    return pattern.matcher(end < 0 ? message : message.substring(0, end)).matches();
  }

  /** {@code file:line}, as the worklog prints it. */
  public String fileAndLine() {
    return file + ":" + line;
  }
}
