package dev.loggardener.normalize;

import java.io.Serializable;

/**
 * Turns a redacted message into a template: the message with its variable parts replaced by typed
 * placeholders, and its whitespace collapsed.
 *
 * <p>The rule set's {@code mask} rules run first (guarded by their triggers); then one pass splits
 * the text into words at whitespace and at the delimiters {@code , ; ( ) [ ] { } " ' = | @}, and
 * {@link TokenClassifier} decides per word. Delimiters are kept, so {@code uid=0} becomes {@code
 * uid=<NUM>}. URLs ({@code scheme://...}) are one word. Only the first {@value #MAX_CHARS}
 * characters shape the template, which bounds the cost of huge messages. Thread-safe.
 */
public final class Normalizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Characters of a message that take part in its template. */
  static final int MAX_CHARS = 4096;

  private final GuardedRules maskRules;

  public Normalizer(RuleSet ruleSet) {
    this.maskRules = new GuardedRules(ruleSet.rules(Rule.Stage.MASK));
  }

  /** The template of an already redacted message. */
  public String template(String redactedMessage) {
    String text =
        redactedMessage.length() > MAX_CHARS
            ? redactedMessage.substring(0, MAX_CHARS)
            : redactedMessage;
    return tokenize(maskRules.apply(text));
  }

  static String tokenize(String s) {
    int n = s.length();
    StringBuilder out = new StringBuilder(n + 16);
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
        i++;
      } else if (isDelimiter(c)) {
        out.append(c);
        i++;
      } else {
        i = word(s, i, out);
      }
    }
    int end = out.length();
    if (end > 0 && out.charAt(end - 1) == ' ') {
      out.setLength(end - 1);
    }
    return out.toString();
  }

  /** Appends the word starting at {@code start} and returns the index after it. */
  private static int word(String s, int start, StringBuilder out) {
    int n = s.length();
    int end = start;
    boolean url = false;
    while (end < n) {
      char c = s.charAt(end);
      if (c == ':' && end + 2 < n && s.charAt(end + 1) == '/' && s.charAt(end + 2) == '/') {
        url = isScheme(s, start, end);
        if (url) {
          break;
        }
      }
      if (Character.isWhitespace(c) || isDelimiter(c)) {
        break;
      }
      end++;
    }
    if (url) {
      while (end < n && !Character.isWhitespace(s.charAt(end)) && !endsUrl(s.charAt(end))) {
        end++;
      }
    }
    int core = end;
    while (core > start && isTrailingPunctuation(s.charAt(core - 1))) {
      core--;
    }
    if (core == start) {
      out.append(s, start, end);
      return end;
    }
    String replacement = url ? TokenClassifier.URL : TokenClassifier.classify(s, start, core);
    if (replacement == null) {
      out.append(s, start, core);
    } else {
      out.append(replacement);
    }
    out.append(s, core, end);
    return end;
  }

  private static boolean isScheme(String s, int from, int to) {
    if (to == from || !Character.isLetter(s.charAt(from))) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '+' && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean endsUrl(char c) {
    return c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{'
        || c == '}' || c == '|';
  }

  static boolean isDelimiter(char c) {
    return switch (c) {
      case ',', ';', '(', ')', '[', ']', '{', '}', '"', '\'', '=', '|', '@' -> true;
      default -> false;
    };
  }

  private static boolean isTrailingPunctuation(char c) {
    return c == '.' || c == ':' || c == '!' || c == '?';
  }
}
