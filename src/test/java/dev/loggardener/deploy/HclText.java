package dev.loggardener.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of an HCL lexer to check a Terraform file without the Terraform binary: bracket
 * balance across strings, interpolations, heredocs and comments, the text with comments removed for
 * reference scanning, and the bodies of blocks and object values (heredocs inside them are not
 * supported).
 */
final class HclText {
  private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Za-z_][A-Za-z0-9_]*)\\n");
  private static final char INTERPOLATION = 'S';

  private HclText() {}

  /** The first bracket error as "line N: ...", or empty when every bracket closes in order. */
  static Optional<String> bracketError(String text) {
    Deque<Character> open = new ArrayDeque<>();
    Deque<Integer> openedOnLine = new ArrayDeque<>();
    boolean inString = false;
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      if (c == '\n') {
        if (inString) {
          return Optional.of("line " + line + ": string not closed before the end of the line");
        }
        line++;
        continue;
      }
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        } else if ((c == '$' || c == '%') && next == '{') {
          open.push(INTERPOLATION);
          openedOnLine.push(line);
          inString = false;
          i++;
        }
        continue;
      }
      if (c == '#' || (c == '/' && next == '/')) {
        i = endOfLine(text, i) - 1;
        continue;
      }
      if (c == '/' && next == '*') {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          return Optional.of("line " + line + ": block comment never closed");
        }
        line += count(text.substring(i, end), '\n');
        i = end + 1;
        continue;
      }
      if (c == '<' && next == '<') {
        Matcher heredoc = HEREDOC.matcher(text).region(i, text.length());
        if (heredoc.lookingAt()) {
          Matcher end =
              Pattern.compile("(?m)^\\s*" + heredoc.group(1) + "\\s*$")
                  .matcher(text)
                  .region(heredoc.end(), text.length());
          if (!end.find()) {
            return Optional.of("line " + line + ": heredoc " + heredoc.group(1) + " never ends");
          }
          line += count(text.substring(i, end.end()), '\n');
          i = end.end() - 1;
          continue;
        }
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[', '(' -> {
          open.push(c);
          openedOnLine.push(line);
        }
        case '}', ']', ')' -> {
          if (open.isEmpty()) {
            return Optional.of("line " + line + ": '" + c + "' closes nothing");
          }
          char opener = open.pop();
          int openLine = openedOnLine.pop();
          if (opener == INTERPOLATION && c == '}') {
            inString = true;
          } else if (closerOf(opener) != c) {
            return Optional.of(
                "line "
                    + line
                    + ": '"
                    + c
                    + "' closes '"
                    + opener
                    + "' opened on line "
                    + openLine);
          }
        }
        default -> {}
      }
    }
    if (inString) {
      return Optional.of("line " + line + ": string never closed");
    }
    if (!open.isEmpty()) {
      return Optional.of("line " + openedOnLine.peek() + ": '" + open.peek() + "' never closed");
    }
    return Optional.empty();
  }

  /** The text with '#', '//' and block comments blanked out (string contents are kept). */
  static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < text.length()) {
          out.append(text.charAt(++i));
        } else if (c == '"' || c == '\n') {
          inString = false;
        }
        continue;
      }
      if (c == '#' || (c == '/' && next == '/')) {
        i = endOfLine(text, i) - 1;
        continue;
      }
      if (c == '/' && next == '*') {
        int end = text.indexOf("*/", i + 2);
        int stop = end < 0 ? text.length() : end + 2;
        out.append("\n".repeat(count(text.substring(i, stop), '\n')));
        i = stop - 1;
        continue;
      }
      inString = c == '"';
      out.append(c);
    }
    return out.toString();
  }

  /**
   * A block or object value: the first group of its header pattern, and the text between braces.
   */
  record Block(String name, String body) {}

  /**
   * Every block whose header matches {@code header} (the match must end just before the opening
   * brace), with its body; braces inside strings and interpolations are matched correctly. Give it
   * text without comments.
   */
  static List<Block> blocks(String text, Pattern header) {
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = header.matcher(text);
    while (matcher.find()) {
      int open = matcher.end();
      while (open < text.length() && text.charAt(open) == ' ') {
        open++;
      }
      if (open >= text.length() || text.charAt(open) != '{') {
        throw new IllegalArgumentException("no '{' after header " + matcher.group());
      }
      int close = matchingBrace(text, open);
      String name = matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
      blocks.add(new Block(name, text.substring(open + 1, close)));
    }
    return blocks;
  }

  private static int matchingBrace(String text, int open) {
    Deque<Boolean> interpolations = new ArrayDeque<>();
    boolean inString = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        } else if ((c == '$' || c == '%') && next == '{') {
          interpolations.push(true);
          inString = false;
          i++;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
      } else if (c == '{') {
        interpolations.push(false);
      } else if (c == '}') {
        if (interpolations.pop()) {
          inString = true;
        } else if (interpolations.isEmpty()) {
          return i;
        }
      }
    }
    throw new IllegalArgumentException("'{' at offset " + open + " never closed");
  }

  private static int endOfLine(String text, int from) {
    int end = text.indexOf('\n', from);
    return end < 0 ? text.length() : end;
  }

  private static int count(String text, char c) {
    return (int) text.chars().filter(ch -> ch == c).count();
  }

  private static char closerOf(char opener) {
    return switch (opener) {
      case '{' -> '}';
      case '[' -> ']';
      default -> ')';
    };
  }
}
