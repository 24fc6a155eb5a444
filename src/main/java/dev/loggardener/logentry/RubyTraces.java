package dev.loggardener.logentry;

import static dev.loggardener.logentry.StackTraceParser.MAX_FRAMES;
import static dev.loggardener.logentry.StackTraceParser.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ruby part of {@link StackTraceParser}. Frames are {@code path:line:in 'label'} (Ruby 3.4
 * quotes) or {@code path:line:in `label'} (earlier), innermost call first. Two layouts: Ruby's own
 * report ({@code path:line:in 'm': message (Type)} followed by {@code from path:line:in 'm'} lines,
 * then each cause the same way, so the innermost cause comes last), and a header line ({@code Type:
 * message}, or Rails' {@code Type (message):}) followed by the backtrace. A frame line alone, with
 * no exception named, is not a trace.
 */
final class RubyTraces {
  private static final String TYPE = "((?:[A-Z]\\w*::)*[A-Z]\\w*)";
  private static final Pattern FRAME =
      Pattern.compile("\\s*(?:from\\s+)?(\\S+?):(\\d{1,9}):in [`']([^`']*)'(?::\\s+(.*))?");
  private static final Pattern TRAILING_TYPE = Pattern.compile("(.*?)\\s*\\(" + TYPE + "\\)\\s*");
  private static final Pattern HEADER =
      Pattern.compile("\\s*" + TYPE + "(?::\\s+(.*)|\\s+\\((.*)\\):?)\\s*");

  private static final class Section {
    final String type;
    final String message;
    final List<StackFrame> frames = new ArrayList<>();

    Section(String type, String message) {
      this.type = type;
      this.message = message;
    }
  }

  /** Whether the text may hold a Ruby frame: a cheap test before any line is matched. */
  static boolean mayHold(String text) {
    return text.contains(":in `") || text.contains(":in '");
  }

  Optional<StackTrace> parse(List<String> lines) {
    List<Section> sections = new ArrayList<>();
    Section current = null;
    String[] header = null;
    for (String line : lines) {
      Matcher frame = line.contains(":in ") ? match(FRAME, line) : null;
      if (frame != null) {
        boolean from = line.trim().startsWith("from ");
        if (frame.group(4) != null && !from) {
          current = reported(frame.group(4));
          sections.add(current);
        } else if (current == null) {
          current = header == null ? new Section(null, "") : new Section(header[0], header[1]);
          sections.add(current);
        }
        if (current.frames.size() < MAX_FRAMES) {
          current.frames.add(new StackFrame(null, frame.group(3), frame.group(1), line(frame)));
        }
      } else if (current != null) {
        if (!line.isBlank()) {
          break;
        }
      } else {
        String[] named = line.isBlank() ? null : header(line);
        header = named != null ? named : header;
      }
    }
    if (sections.isEmpty()) {
      return Optional.empty();
    }
    Section innermost = sections.get(sections.size() - 1);
    if (innermost.type == null && innermost.frames.size() < 2) {
      return Optional.empty();
    }
    String type = innermost.type == null ? "unknown" : innermost.type;
    return Optional.of(new StackTrace("ruby", type, innermost.message, innermost.frames));
  }

  /** The section Ruby's own report opens with {@code path:line:in 'm': message (Type)}. */
  private static Section reported(String text) {
    Matcher m = match(TRAILING_TYPE, text);
    return m == null ? new Section(null, text.trim()) : new Section(m.group(2), m.group(1));
  }

  /**
   * Type and message of a header line, or null when the line names no exception: the type must end
   * in Error or Exception or be namespaced, so that an ordinary {@code Word: text} line is not
   * taken for one.
   */
  private static String[] header(String line) {
    Matcher m = match(HEADER, line);
    if (m == null) {
      return null;
    }
    String type = m.group(1);
    if (!type.contains("::") && !type.endsWith("Error") && !type.endsWith("Exception")) {
      return null;
    }
    String message = m.group(2) != null ? m.group(2) : m.group(3);
    return new String[] {type, message.trim()};
  }

  private static Long line(Matcher frame) {
    return Long.valueOf(frame.group(2));
  }
}
