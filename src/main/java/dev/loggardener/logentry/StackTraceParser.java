package dev.loggardener.logentry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a stack trace in message text and reduces it to the innermost cause: exception type,
 * exception message and frames, innermost call first.
 *
 * <p>Recognised formats, tried in this order: Python ({@code Traceback (most recent call last):},
 * chained tracebacks), Go ({@code panic:}, {@code goroutine N [running]:}), PHP ({@code Stack
 * trace:} then {@code #0 /path/File.php(42): Class->method()}, see {@link PhpTraces}), Ruby ({@code
 * path/file.rb:12:in 'method'}, see {@link RubyTraces}), .NET ({@code at Ns.Type.Method(Type arg)
 * in /src/File.cs:line 88}, see {@link DotNetTraces}), Java ({@code at
 * pkg.Class.method(File.java:N)}, {@code Caused by:}, {@code ... N more}), Node ({@code at fn
 * (file:line:col)}), and finally a Java or .NET exception named inline without frames ({@code
 * failed: java.io.IOException: Disk full}). Each format other than Go's is looked for only when a
 * cheap test of the text or line (a marker string, a line starting with {@code at}) allows it,
 * since most messages hold no trace. Work is bounded: at most {@link #MAX_LINES} lines are read,
 * lines longer than {@link #MAX_LINE_LENGTH} are never matched, and at most {@link #MAX_FRAMES}
 * frames are kept. Thread-safe; never throws for any input.
 */
public final class StackTraceParser {
  static final int MAX_LINES = 5_000;
  static final int MAX_LINE_LENGTH = 1_000;
  static final int MAX_FRAMES = 256;

  private static final String TRACEBACK = "Traceback (most recent call last):";
  private static final Pattern PY_FILE =
      Pattern.compile("\\s*File \"([^\"]*)\", line (\\d{1,9})(?:, in (.*))?");
  private static final Pattern PY_EXCEPTION = Pattern.compile("([A-Za-z_][\\w.]*)(?::\\s?(.*))?");
  private static final Pattern GO_PANIC = Pattern.compile("(panic|fatal error): ?(.*)");
  private static final Pattern GO_GOROUTINE = Pattern.compile("goroutine \\d+ \\[[^\\]]*\\]:\\s*");
  private static final Pattern GO_LOCATION =
      Pattern.compile("\\s+(\\S+?):(\\d{1,9})(?:\\s+\\+0x[0-9a-fA-F]+)?\\s*");

  private final PhpTraces php = new PhpTraces();
  private final RubyTraces ruby = new RubyTraces();
  private final DotNetTraces dotnet = new DotNetTraces();
  private final JavaNodeTraces javaNode = new JavaNodeTraces();

  /** Returns the trace the text carries, or empty when it carries none. */
  public Optional<StackTrace> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = lines(text);
    if (text.contains(TRACEBACK)) {
      Optional<StackTrace> python = python(lines);
      if (python.isPresent()) {
        return python;
      }
    }
    Optional<StackTrace> found = go(lines);
    if (found.isEmpty() && PhpTraces.mayHold(text)) {
      found = php.parse(lines);
    }
    if (found.isEmpty() && RubyTraces.mayHold(text)) {
      found = ruby.parse(lines);
    }
    if (found.isEmpty()) {
      found = dotnet.parse(lines);
    }
    if (found.isEmpty()) {
      found = javaNode.parse(lines);
    }
    return found.isPresent() ? found : dotnet.inline(lines);
  }

  /**
   * Whether the line starts, after blanks, with {@code at} and a blank: every Java, Node and .NET
   * frame does, and testing it costs less than a match.
   */
  static boolean startsWithAt(String line) {
    int i = 0;
    while (i < line.length() && isRegexSpace(line.charAt(i))) {
      i++;
    }
    return i + 2 < line.length()
        && line.charAt(i) == 'a'
        && line.charAt(i + 1) == 't'
        && isRegexSpace(line.charAt(i + 2));
  }

  /** The characters {@code \s} matches. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start <= text.length() && lines.size() < MAX_LINES) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      start = end + 1;
    }
    return lines;
  }

  static Matcher match(Pattern pattern, String line) {
    if (line.length() > MAX_LINE_LENGTH) {
      return null;
    }
    Matcher m = pattern.matcher(line);
    return m.matches() ? m : null;
  }

  /** Python prints the root cause first, so the first complete traceback identifies the error. */
  private static Optional<StackTrace> python(List<String> lines) {
    int i = 0;
    while (i < lines.size() && !lines.get(i).contains(TRACEBACK)) {
      i++;
    }
    if (i == lines.size()) {
      return Optional.empty();
    }
    List<StackFrame> outermostFirst = new ArrayList<>();
    for (i = i + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher file = match(PY_FILE, line);
      if (file != null) {
        outermostFirst.add(
            new StackFrame(
                pythonModule(file.group(1)),
                file.group(3) == null ? null : file.group(3).trim(),
                file.group(1),
                Long.parseLong(file.group(2))));
        continue;
      }
      if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      Matcher exception = match(PY_EXCEPTION, line);
      String type = exception == null ? "unknown" : exception.group(1);
      String message = exception == null ? line : exception.group(2);
      return Optional.of(new StackTrace("python", type, message, innermostFirst(outermostFirst)));
    }
    return Optional.of(new StackTrace("python", "unknown", "", innermostFirst(outermostFirst)));
  }

  private static String pythonModule(String file) {
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    String name = file.substring(slash + 1);
    return name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
  }

  private static List<StackFrame> innermostFirst(List<StackFrame> outermostFirst) {
    List<StackFrame> frames = new ArrayList<>();
    for (int i = outermostFirst.size() - 1; i >= 0 && frames.size() < MAX_FRAMES; i--) {
      frames.add(outermostFirst.get(i));
    }
    return frames;
  }

  /** Go prints the panicking goroutine first, innermost call first. */
  private static Optional<StackTrace> go(List<String> lines) {
    String type = null;
    String message = "";
    int i = 0;
    for (; i < lines.size(); i++) {
      Matcher panic = match(GO_PANIC, lines.get(i));
      if (panic != null) {
        String value = panic.group(2).replace(" [recovered]", "").trim();
        if (panic.group(1).equals("panic") && value.startsWith("runtime error: ")) {
          type = "runtime error";
          message = value.substring("runtime error: ".length());
        } else {
          type = panic.group(1);
          message = value;
        }
      }
      if (match(GO_GOROUTINE, lines.get(i)) != null) {
        break;
      }
    }
    if (i == lines.size()) {
      return Optional.empty();
    }
    List<StackFrame> frames = new ArrayList<>();
    for (i = i + 1; i + 1 < lines.size() && frames.size() < MAX_FRAMES; i += 2) {
      String function = lines.get(i);
      Matcher location = match(GO_LOCATION, lines.get(i + 1));
      if (function.isBlank() || location == null) {
        break;
      }
      if (!function.startsWith("created by ")) {
        frames.add(goFrame(function.trim(), location.group(1), location.group(2)));
      }
    }
    return Optional.of(new StackTrace("go", type == null ? "goroutine" : type, message, frames));
  }

  private static StackFrame goFrame(String call, String file, String line) {
    String name = call;
    if (name.endsWith(")")) {
      int depth = 0;
      for (int j = name.length() - 1; j >= 0; j--) {
        char c = name.charAt(j);
        depth += c == ')' ? 1 : c == '(' ? -1 : 0;
        if (depth == 0) {
          name = name.substring(0, j);
          break;
        }
      }
    }
    int slash = name.lastIndexOf('/');
    int dot = name.indexOf('.', slash + 1);
    String module = dot < 0 ? null : name.substring(0, dot);
    String function = dot < 0 ? name : name.substring(dot + 1);
    return new StackFrame(module, function, file, Long.parseLong(line));
  }
}
