package dev.loggardener.logentry;

import static dev.loggardener.logentry.StackTraceParser.MAX_FRAMES;
import static dev.loggardener.logentry.StackTraceParser.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PHP part of {@link StackTraceParser}. {@code Throwable::__toString()} prints {@code Type:
 * message in /path/File.php:42}, {@code Stack trace:}, then numbered frames {@code #0
 * /path/File.php(42): Class->method(args)} ending in {@code #N {main}}; a chain prints the
 * innermost previous exception first and each enclosing one after it as {@code Next Type: ...}. An
 * uncaught one is prefixed with {@code PHP Fatal error: Uncaught }. Only frames right after {@code
 * Stack trace:} count, so text that merely contains {@code #0} is not a trace.
 *
 * <p>Each numbered frame names the function called and the place it was called from; the frames
 * kept here pair every place with the function it is in, as the other languages do: the throw site
 * (from the header) with the function of {@code #0}, the place of {@code #0} with the function of
 * {@code #1}, and so on to {@code {main}}.
 */
final class PhpTraces {
  private static final Pattern FRAME =
      Pattern.compile("\\s*#\\d{1,5} (?:(.+?)\\((\\d{1,9})\\)|\\[internal function\\]): (.+)");
  private static final Pattern MAIN = Pattern.compile("\\s*#\\d{1,5} \\{main\\}\\s*");
  private static final String TYPE = "(\\\\?[A-Za-z_]\\w*+(?:\\\\[A-Za-z_]\\w*+)*+)";
  private static final Pattern HEADER =
      Pattern.compile(
          "\\s*(?:.*?\\bUncaught |Next )?" + TYPE + "(?:: (.*?))?(?: in (\\S+):(\\d{1,9}))?\\s*");
  private static final Pattern THROWN_IN = Pattern.compile("(.*) in (\\S+):(\\d{1,9})\\s*");

  /** Whether the text may hold a PHP trace: a cheap test before any line is matched. */
  static boolean mayHold(String text) {
    return text.contains("#0 ");
  }

  Optional<StackTrace> parse(List<String> lines) {
    int marker = -1;
    for (int i = 0; i + 1 < lines.size() && marker < 0; i++) {
      String next = lines.get(i + 1);
      if (lines.get(i).trim().equals("Stack trace:")
          && (match(FRAME, next) != null || match(MAIN, next) != null)) {
        marker = i;
      }
    }
    if (marker < 0) {
      return Optional.empty();
    }
    String[] error = error(lines.subList(0, marker));
    String file = error[2];
    Long line = error[3] == null ? null : Long.valueOf(error[3]);
    List<StackFrame> frames = new ArrayList<>();
    for (int i = marker + 1; i < lines.size() && frames.size() < MAX_FRAMES; i++) {
      Matcher frame = match(FRAME, lines.get(i));
      if (frame == null) {
        if (match(MAIN, lines.get(i)) != null) {
          frames.add(new StackFrame(null, "{main}", file, line));
        }
        break;
      }
      frames.add(call(frame.group(3), file, line));
      file = frame.group(1);
      line = frame.group(2) == null ? null : Long.valueOf(frame.group(2));
    }
    return Optional.of(new StackTrace("php", error[0], error[1], frames));
  }

  /**
   * Type, message, file and line of the exception whose frames follow: the nearest line above them
   * that names one. The message may span lines, so {@code in FILE:LINE} may end a later line.
   */
  private static String[] error(List<String> header) {
    String file = null;
    String line = null;
    for (int i = header.size() - 1; i >= 0; i--) {
      String text = header.get(i);
      Matcher m = match(HEADER, text);
      if (m != null && named(m.group(1), text)) {
        if (m.group(3) != null) {
          file = m.group(3);
          line = m.group(4);
        }
        String message = m.group(2) == null ? "" : m.group(2).trim();
        return new String[] {m.group(1), message, file, line};
      }
      Matcher thrown = file == null ? match(THROWN_IN, text) : null;
      if (thrown != null) {
        file = thrown.group(2);
        line = thrown.group(3);
      }
    }
    return new String[] {"unknown", "", file, line};
  }

  /**
   * Whether a header names an exception: after {@code Uncaught} any class does; otherwise the name
   * must end in Exception or Error, or be namespaced, so that an ordinary {@code Word: text} line
   * of a multi-line message is not taken for one.
   */
  private static boolean named(String type, String line) {
    return line.contains("Uncaught ")
        || type.indexOf('\\') >= 0
        || type.endsWith("Exception")
        || type.endsWith("Error");
  }

  private static StackFrame call(String call, String file, Long line) {
    int paren = call.indexOf('(');
    String name = (paren < 0 ? call : call.substring(0, paren)).trim();
    int arrow = Math.max(name.lastIndexOf("->"), name.lastIndexOf("::"));
    String module = arrow <= 0 ? null : name.substring(0, arrow);
    String function = arrow < 0 ? name : name.substring(arrow + 2);
    return new StackFrame(module, function, file, line);
  }
}
