package dev.loggardener.worklog;

import java.util.List;

/**
 * Escapes text taken from log lines for the place it lands in Markdown, so that no log line can add
 * headings, links, HTML, table cells or break out of a code block.
 *
 * <p>Control characters (other than tab) become U+FFFD in code blocks; line breaks become spaces
 * everywhere but in code blocks.
 */
public final class MarkdownText {
  /** Characters with inline meaning; the text never starts a line, so list markers stay. */
  private static final String PUNCTUATION = "\\`*_[]#|~!";

  private MarkdownText() {}

  /**
   * Inline prose, safe inside a paragraph, list item, heading or table cell (never at the start of
   * a line): emphasis, code, link, heading and table characters are backslash-escaped and {@code <
   * > &} become entities.
   */
  public static String text(String raw) {
    String line = oneLine(raw);
    StringBuilder out = new StringBuilder(line.length() + 16);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        default -> {
          if (PUNCTUATION.indexOf(c) >= 0) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    return out.toString();
  }

  /** An inline code span on one line, with a backtick fence longer than any run inside. */
  public static String code(String raw) {
    String line = oneLine(raw);
    String fence = "`".repeat(longestBacktickRun(line) + 1);
    boolean pad = line.startsWith("`") || line.endsWith("`") || line.isBlank();
    return fence + (pad ? " " : "") + line + (pad ? " " : "") + fence;
  }

  /** A fenced code block whose fence is longer than any backtick run in the lines. */
  public static String codeBlock(List<String> rawLines) {
    StringBuilder body = new StringBuilder();
    int longest = 0;
    for (String raw : rawLines) {
      for (String line : raw.split("\r\n|\r|\n", -1)) {
        String clean = controlsReplaced(line);
        longest = Math.max(longest, longestBacktickRun(clean));
        body.append(clean).append('\n');
      }
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    return fence + "\n" + body + fence + "\n";
  }

  private static String oneLine(String raw) {
    return controlsReplaced(raw.replaceAll("\r\n|\r|\n|\t", " "));
  }

  private static String controlsReplaced(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              boolean control =
                  (Character.getType(cp) == Character.CONTROL && cp != '\t')
                      || cp == 0x2028
                      || cp == 0x2029;
              out.appendCodePoint(control ? 0xFFFD : cp);
            });
    return out.toString();
  }

  private static int longestBacktickRun(String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
