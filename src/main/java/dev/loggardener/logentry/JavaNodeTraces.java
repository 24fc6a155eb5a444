package dev.loggardener.logentry;

import static dev.loggardener.logentry.StackTraceParser.MAX_FRAMES;
import static dev.loggardener.logentry.StackTraceParser.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java and Node part of {@link StackTraceParser}: both print a header line naming the error
 * followed by {@code at ...} frames, innermost call first, and chain causes after it.
 */
final class JavaNodeTraces {
  // Possessive quantifiers: a qualified name splits at dots only, so backtracking into it can
  // never help, and on long lines it made matching slow.
  private static final String QUALIFIED = "(?:[A-Za-z_$][\\w$]*+\\.)++[A-Za-z_$][\\w$]*+";
  private static final String THROWABLE =
      "(?:[a-z_$][\\w$]*+\\.)++[A-Z][\\w$]*+(?<=Exception|Error|Throwable)";
  private static final Pattern THROWABLE_NAME = Pattern.compile(THROWABLE);
  private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
  private static final Pattern JAVA_FRAME =
      Pattern.compile("\\s*at\\s+(\\S+?)\\(([^()]*)\\)\\s*(?:~?\\[[^\\]]*\\]\\s*)?");
  private static final Pattern JAVA_MORE =
      Pattern.compile("\\s*\\.\\.\\.\\s*(\\d{1,6})\\s+(?:more|common frames omitted)\\s*");
  private static final Pattern JAVA_CAUSED_BY = Pattern.compile("\\s*Caused by:\\s*(.*)");
  private static final Pattern JAVA_SUPPRESSED = Pattern.compile("\\s*Suppressed:\\s*(.*)");
  private static final Pattern JAVA_HEADER =
      Pattern.compile(
          "\\s*(?:Exception in thread \"[^\"]*\"\\s+)?(" + QUALIFIED + ")(?::\\s*(.*))?");
  // The lookbehind keeps a match from starting inside a word: without it the .NET name
  // System.NullReferenceException was found as ystem.NullReferenceException.
  private static final Pattern JAVA_INLINE =
      Pattern.compile("(?<![\\w$])(" + THROWABLE + ")(?::\\s+(.*)|:?\\s*$)");
  private static final Pattern JAVA_LEADING_THROWABLE =
      Pattern.compile("(" + THROWABLE + ")(?::\\s*(.*))?");
  private static final Pattern NODE_FRAME =
      Pattern.compile("\\s*at\\s+(?:(.+?)\\s+\\((.+)\\)|(\\S+))\\s*");
  private static final Pattern NODE_LOCATION = Pattern.compile("(.+?):(\\d{1,9})(?::\\d{1,9})?");
  private static final Pattern NODE_HEADER =
      Pattern.compile(
          "\\s*(?:Uncaught\\s+)?([A-Za-z_$][\\w$.]*(?:Error|Exception)|Error)"
              + "(?:\\s*\\[[^\\]]*\\])?(?::\\s?(.*))?");
  private static final Pattern NODE_CAUSE =
      Pattern.compile("\\s*(?:\\[cause\\]|Caused by):\\s*(.*)");

  private static final class Section {
    final String header;
    final List<StackFrame> frames = new ArrayList<>();
    int more;

    Section(String header) {
      this.header = header;
    }
  }

  Optional<StackTrace> parse(List<String> lines) {
    boolean framed = false;
    for (String line : lines) {
      if (StackTraceParser.startsWithAt(line)) {
        framed = true;
        if (match(JAVA_FRAME, line) != null) {
          return Optional.of(java(lines));
        }
      }
    }
    for (int i = 0; framed && i < lines.size(); i++) {
      Matcher frame =
          StackTraceParser.startsWithAt(lines.get(i)) ? match(NODE_FRAME, lines.get(i)) : null;
      if (frame != null && nodeLocation(frame) != null) {
        return Optional.of(node(lines));
      }
    }
    return inline(lines);
  }

  private static StackTrace java(List<String> lines) {
    List<Section> sections = new ArrayList<>();
    Section current = null;
    String candidate = null;
    String previous = null;
    boolean suppressed = false;
    for (String line : lines) {
      Matcher frame = match(JAVA_FRAME, line);
      if (frame != null) {
        if (current == null) {
          current = new Section(candidate != null ? candidate : previous);
          sections.add(current);
        }
        if (!suppressed && current.frames.size() < MAX_FRAMES) {
          current.frames.add(javaFrame(frame.group(1), frame.group(2)));
        }
        continue;
      }
      Matcher more = match(JAVA_MORE, line);
      Matcher cause = match(JAVA_CAUSED_BY, line);
      if (more != null) {
        if (current != null && !suppressed) {
          current.more = Integer.parseInt(more.group(1));
        }
      } else if (cause != null) {
        current = new Section(cause.group(1));
        sections.add(current);
        suppressed = false;
      } else if (match(JAVA_SUPPRESSED, line) != null) {
        suppressed = current != null;
      } else if (current != null && !current.frames.isEmpty()) {
        break;
      } else if (!line.isBlank()) {
        previous = line;
        if (match(JAVA_HEADER, line) != null) {
          candidate = line;
        }
      }
    }
    List<StackFrame> enclosing = List.of();
    for (Section section : sections) {
      List<StackFrame> frames = new ArrayList<>(section.frames);
      int shared = Math.min(section.more, enclosing.size());
      frames.addAll(enclosing.subList(enclosing.size() - shared, enclosing.size()));
      enclosing = frames.size() > MAX_FRAMES ? frames.subList(0, MAX_FRAMES) : frames;
    }
    String[] error = javaError(sections.get(sections.size() - 1).header);
    return new StackTrace("java", error[0], error[1], enclosing);
  }

  /** Type and message from a header, unwrapping causes Java folded into the message. */
  private static String[] javaError(String header) {
    String text = header == null ? "" : header.trim();
    String type = null;
    String message = "";
    Matcher m = match(JAVA_HEADER, text);
    if (m != null && THROWABLE_NAME.matcher(m.group(1)).matches()) {
      type = m.group(1);
      message = m.group(2);
    } else if (text.length() <= StackTraceParser.MAX_LINE_LENGTH) {
      Matcher inline = JAVA_INLINE.matcher(text);
      if (inline.find()) {
        type = inline.group(1);
        message = inline.group(2);
      } else if (m != null) {
        type = m.group(1);
        message = m.group(2);
      }
    }
    if (type == null) {
      return new String[] {"unknown", text};
    }
    for (int i = 0; i < 10 && message != null; i++) {
      Matcher nested = match(JAVA_LEADING_THROWABLE, message.trim());
      if (nested == null) {
        break;
      }
      type = nested.group(1);
      message = nested.group(2);
    }
    return new String[] {type, message == null ? "" : message.trim()};
  }

  private static StackFrame javaFrame(String qualified, String location) {
    String name = qualified.substring(qualified.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String module = dot < 0 ? null : name.substring(0, dot);
    String function = name.substring(dot + 1);
    String file = location.trim();
    Long line = null;
    int colon = file.lastIndexOf(':');
    if (colon >= 0) {
      String suffix = file.substring(colon + 1);
      line = DIGITS.matcher(suffix).matches() ? Long.valueOf(suffix) : null;
      file = file.substring(0, colon);
    }
    boolean known =
        !file.isEmpty() && !file.equals("Native Method") && !file.equals("Unknown Source");
    return new StackFrame(module, function, known ? file : null, line);
  }

  private static Optional<StackTrace> inline(List<String> lines) {
    for (String line : lines) {
      if (line.length() > StackTraceParser.MAX_LINE_LENGTH || !namesAThrowable(line)) {
        continue;
      }
      Matcher m = JAVA_INLINE.matcher(line);
      if (m.find()) {
        String[] error = javaError(line.substring(m.start()));
        return Optional.of(new StackTrace("java", error[0], error[1], List.of()));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the line holds one of the words a throwable's name must end with: most lines hold none,
   * and this check costs a fraction of a search for a qualified name.
   */
  private static boolean namesAThrowable(String line) {
    return line.contains("Exception") || line.contains("Error") || line.contains("Throwable");
  }

  private static StackTrace node(List<String> lines) {
    List<Section> sections = new ArrayList<>();
    Section current = null;
    String candidate = null;
    String previous = null;
    for (String line : lines) {
      Matcher frame = match(NODE_FRAME, line);
      Matcher location = frame == null ? null : nodeLocation(frame);
      if (location != null) {
        if (current == null) {
          current = new Section(candidate != null ? candidate : previous);
          sections.add(current);
        }
        if (current.frames.size() < MAX_FRAMES) {
          current.frames.add(nodeFrame(frame, location));
        }
        continue;
      }
      Matcher cause = match(NODE_CAUSE, line);
      if (cause != null) {
        current = new Section(cause.group(1));
        sections.add(current);
      } else if (current == null && !line.isBlank()) {
        previous = line;
        if (match(NODE_HEADER, line) != null) {
          candidate = line;
        }
      }
    }
    Section innermost = sections.get(sections.size() - 1);
    String header = innermost.header == null ? "" : innermost.header.trim();
    Matcher m = match(NODE_HEADER, header);
    String type = m == null ? "Error" : m.group(1);
    String message = m == null ? header : m.group(2);
    return new StackTrace("node", type, message, innermost.frames);
  }

  private static Matcher nodeLocation(Matcher frame) {
    String location = frame.group(2) != null ? frame.group(2) : frame.group(3);
    return match(NODE_LOCATION, location);
  }

  private static StackFrame nodeFrame(Matcher frame, Matcher location) {
    String call = frame.group(1);
    String module = null;
    String function = null;
    if (call != null) {
      call = call.replaceFirst("^(?:async|new)\\s+", "");
      int dot = call.lastIndexOf('.');
      module = dot <= 0 ? null : call.substring(0, dot);
      function = call.substring(dot + 1);
    }
    return new StackFrame(module, function, location.group(1), Long.parseLong(location.group(2)));
  }
}
