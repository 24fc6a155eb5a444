package dev.loggardener.logentry;

import static dev.loggardener.logentry.StackTraceParser.MAX_FRAMES;
import static dev.loggardener.logentry.StackTraceParser.MAX_LINE_LENGTH;
import static dev.loggardener.logentry.StackTraceParser.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The .NET part of {@link StackTraceParser}: {@code Exception.ToString()} prints the exception
 * chain outermost first ({@code Outer: message ---> Inner: message}), then the innermost
 * exception's frames, {@code --- End of inner exception stack trace ---}, and the frames of each
 * enclosing exception in turn, every block innermost call first; so the frames in print order are
 * the whole call chain, innermost first.
 *
 * <p>A frame is {@code at Ns.Type.Method(Type arg, ...)}, with {@code in /src/File.cs:line N} when
 * symbols are deployed. Without that suffix a frame looks like Java's {@code at pkg.Class.m(...)},
 * so the text counts as .NET only when some frame has the suffix, or has parameters (empty, or
 * written as "type name") where Java writes a source location, or an {@code --- End of ...}
 * separator is present.
 */
final class DotNetTraces {
  private static final Pattern FRAME =
      Pattern.compile("\\s*at ([^\\s(]++)\\(([^()]*+)\\)(?: in (.+):line (\\d{1,9}))?\\s*");
  private static final Pattern SEPARATOR =
      Pattern.compile("\\s*--- End of (?:inner exception )?stack trace\\b.*---\\s*");
  private static final String EXCEPTION_NAME =
      "(?<![\\w.$`])((?:[A-Za-z_]\\w*\\.)*[A-Za-z_]\\w*Exception)";
  private static final Pattern HEADER =
      Pattern.compile(EXCEPTION_NAME + "(?: \\((?:0x[0-9A-Fa-f]+|-?\\d+)\\))?(?::\\s?(.*)|\\s*$)");
  private static final Pattern INLINE =
      Pattern.compile(
          "(?<![\\w.$`])((?:[A-Z]\\w*\\.)+[A-Z]\\w*Exception)"
              + "(?: \\((?:0x[0-9A-Fa-f]+|-?\\d+)\\))?(?::\\s+(.*)|:?\\s*$)");
  private static final Pattern JAVA_LOCATION = Pattern.compile("(?:Native Method|Unknown Source)");
  private static final String INNER = "---> ";

  /** The trace, when the lines hold one printed by .NET. */
  Optional<StackTrace> parse(List<String> lines) {
    int first = -1;
    boolean dotnet = false;
    for (int i = 0; i < lines.size() && !dotnet; i++) {
      String line = lines.get(i);
      if (!StackTraceParser.startsWithAt(line)) {
        dotnet = first >= 0 && match(SEPARATOR, line) != null;
        continue;
      }
      Matcher frame = match(FRAME, line);
      if (frame != null) {
        first = first < 0 ? i : first;
        dotnet = isDotNet(frame);
      }
    }
    if (!dotnet) {
      return Optional.empty();
    }
    List<StackFrame> frames = new ArrayList<>();
    for (int i = first; i < lines.size() && frames.size() < MAX_FRAMES; i++) {
      String line = lines.get(i);
      Matcher frame = StackTraceParser.startsWithAt(line) ? match(FRAME, line) : null;
      if (frame != null) {
        frames.add(frame(frame));
      } else if (!line.isBlank() && match(SEPARATOR, line) == null) {
        break;
      }
    }
    String[] error = innermostError(lines.subList(0, first));
    return Optional.of(new StackTrace("dotnet", error[0], error[1], frames));
  }

  /** A .NET exception named in a line without frames: {@code System.IO.IOException: Disk full}. */
  Optional<StackTrace> inline(List<String> lines) {
    for (String line : lines) {
      if (line.length() > MAX_LINE_LENGTH || !line.contains("Exception")) {
        continue;
      }
      Matcher m = INLINE.matcher(line);
      if (m.find()) {
        String message = m.group(2) == null ? "" : m.group(2).trim();
        return Optional.of(new StackTrace("dotnet", m.group(1), message, List.of()));
      }
    }
    return Optional.empty();
  }

  /**
   * Java prints a source location where .NET prints parameters: {@code Foo.java:12}, {@code Native
   * Method} or {@code Unknown Source}, never empty and never "type name".
   */
  private static boolean isDotNet(Matcher frame) {
    if (frame.group(3) != null) {
      return true;
    }
    String parameters = frame.group(2);
    if (parameters.isEmpty()) {
      return true;
    }
    boolean spaced = false;
    for (int i = 0; i < parameters.length() && !spaced; i++) {
      spaced = Character.isWhitespace(parameters.charAt(i));
    }
    return spaced && !JAVA_LOCATION.matcher(parameters).lookingAt();
  }

  private static StackFrame frame(Matcher frame) {
    String name = frame.group(1);
    int dot = name.lastIndexOf('.');
    if (dot > 0 && name.charAt(dot - 1) == '.') {
      dot--; // constructors: Ns.Type..ctor
    }
    String module = dot <= 0 ? null : name.substring(0, dot);
    String function = name.substring(dot + 1);
    String file = frame.group(3) == null ? null : frame.group(3).trim();
    Long line = frame.group(4) == null ? null : Long.valueOf(frame.group(4));
    return new StackFrame(module, function, file, line);
  }

  /**
   * The exception named last before the frames: the chain is printed outermost first, joined by
   * {@code --->} on one line or at the start of the next.
   */
  private static String[] innermostError(List<String> header) {
    for (int i = header.size() - 1; i >= 0; i--) {
      String line = header.get(i);
      if (line.length() > MAX_LINE_LENGTH || !line.contains("Exception")) {
        continue;
      }
      int inner = line.lastIndexOf(INNER);
      Matcher m = HEADER.matcher(inner < 0 ? line : line.substring(inner + INNER.length()));
      if (m.find()) {
        return new String[] {m.group(1), m.group(2) == null ? "" : m.group(2).trim()};
      }
    }
    return new String[] {"unknown", ""};
  }
}
