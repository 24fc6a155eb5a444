package dev.loggardener.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A LogPAI-style header format such as {@code <Date> <Time> <Level> <Component>: <Content>}, which
 * splits a raw log line into header fields and the message ({@code <Content>}).
 *
 * <p>Each {@code <Field>} becomes a lazy named group, each run of spaces matches any whitespace,
 * other text is regex text (so {@code \[} and {@code (...)?} work), and the whole line must match.
 */
public final class LogFormat {
  private static final Pattern FIELD = Pattern.compile("<([A-Za-z][A-Za-z0-9]*)>");

  private final Pattern pattern;

  private LogFormat(Pattern pattern) {
    this.pattern = pattern;
  }

  /**
   * Compiles a format.
   *
   * @throws IllegalArgumentException if it has no {@code <Content>} field or is not valid regex
   */
  public static LogFormat parse(String format) {
    StringBuilder regex = new StringBuilder("^");
    List<String> fields = new ArrayList<>();
    Matcher m = FIELD.matcher(format);
    int last = 0;
    while (m.find()) {
      appendLiteral(format.substring(last, m.start()), regex);
      if (fields.contains(m.group(1))) {
        throw new IllegalArgumentException("field <" + m.group(1) + "> appears twice");
      }
      fields.add(m.group(1));
      regex.append("(?<").append(m.group(1)).append(">.*?)");
      last = m.end();
    }
    appendLiteral(format.substring(last), regex);
    regex.append('$');
    if (!fields.contains("Content")) {
      throw new IllegalArgumentException("format has no <Content> field: " + format);
    }
    try {
      return new LogFormat(Pattern.compile(regex.toString()));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("format is not a valid pattern: " + e.getDescription());
    }
  }

  private static void appendLiteral(String text, StringBuilder regex) {
    regex.append(text.replaceAll(" +", "\\\\s+"));
  }

  /** The message part of a line, or empty when the line does not match the format. */
  public Optional<String> content(String line) {
    Matcher m = pattern.matcher(line.strip());
    return m.matches() ? Optional.of(m.group("Content")) : Optional.empty();
  }
}
