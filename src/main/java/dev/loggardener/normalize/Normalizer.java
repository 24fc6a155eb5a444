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

  /**
   * Version of the code that turns a message into its redacted text and template: this tokenizer,
   * {@link TokenClassifier}, {@link DateWords}, {@link StackSignature} and the rule guards. {@link
   * RuleSet#version()} appends it to the rules file's version, so every stored fingerprint says
   * which code made its template. Bump it with any change that alters the output for some input;
   * changes that only make the code faster keep it ({@code NormalizerVersionTest} notices when the
   * output of the Loghub-2k corpus moves).
   */
  public static final String CODE_VERSION = "n1";

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

  /**
   * {@link #template} of a message of at most {@link #MAX_CHARS} characters, with the guards of the
   * mask rules on it already computed.
   */
  String template(String redactedMessage, long maskGuards) {
    return tokenize(maskRules.apply(redactedMessage, maskGuards));
  }

  /**
   * Per-thread output buffer, so that building a template does not allocate and grow a new one; a
   * buffer that grew past {@link #KEPT_BUFFER} chars is dropped rather than kept.
   */
  private static final ThreadLocal<StringBuilder> BUFFER =
      ThreadLocal.withInitial(() -> new StringBuilder(256));

  private static final int KEPT_BUFFER = 4 * MAX_CHARS;

  static String tokenize(String s) {
    StringBuilder out = BUFFER.get();
    out.setLength(0);
    String template = new Tokenizer(s, out).run();
    if (out.capacity() > KEPT_BUFFER) {
      BUFFER.remove();
    }
    return template;
  }

  /** One pass over one text; remembers whether the last word belonged to a written-out date. */
  private static final class Tokenizer {
    private final String s;
    private final StringBuilder out;
    private boolean inDate;

    Tokenizer(String s, StringBuilder out) {
      this.s = s;
      this.out = out;
    }

    String run() {
      int n = s.length();
      int i = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (isWhitespace(c)) {
          if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
          }
          i++;
        } else if (isDelimiter(c)) {
          out.append(c);
          inDate = false;
          i++;
        } else {
          i = word(i);
        }
      }
      int end = out.length();
      if (end > 0 && out.charAt(end - 1) == ' ') {
        out.setLength(end - 1);
      }
      return out.toString();
    }

    /** Appends the word starting at {@code start} and returns the index after it. */
    private int word(int start) {
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
        if (endsWord(c)) {
          break;
        }
        end++;
      }
      url = url || s.charAt(start) == '/';
      if (url) {
        while (end < n && !isWhitespace(s.charAt(end)) && !endsUrl(s.charAt(end))) {
          end++;
        }
      }
      int core = end;
      while (core > start && isTrailingPunctuation(s.charAt(core - 1))) {
        core--;
      }
      if (core == start) {
        out.append(s, start, end);
        inDate = false;
        return end;
      }
      String replacement =
          !url
              ? TokenClassifier.classify(s, start, core)
              : s.charAt(start) != '/'
                  ? TokenClassifier.URL
                  : hasDigitOrQuery(start, core) ? TokenClassifier.PATH : null;
      if (replacement == null && DateWords.isDateWord(s, start, core) && startsDate(end)) {
        replacement = TokenClassifier.TS;
      }
      if (replacement == null && endsWithNumber()) {
        String unit = TokenClassifier.separateUnit(s, start, core);
        if (unit != null) {
          out.setLength(out.length() - TokenClassifier.NUM.length() - 1);
          out.append(unit).append(s, core, end);
          inDate = false;
          return end;
        }
      }
      boolean datePart =
          replacement == TokenClassifier.TS
              || replacement == TokenClassifier.TIME
              || replacement == TokenClassifier.NUM;
      if (inDate && datePart && core == end && endsWithSpaceAfterDate()) {
        out.setLength(out.length() - 1);
        return end;
      }
      if (replacement == null) {
        out.append(s, start, core);
      } else {
        out.append(replacement);
      }
      out.append(s, core, end);
      inDate = replacement == TokenClassifier.TS && core == end;
      return end;
    }

    private boolean hasDigitOrQuery(int from, int to) {
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (Character.isDigit(c) || c == '?') {
          return true;
        }
      }
      return false;
    }

    private boolean endsWithNumber() {
      int len = out.length();
      int numLen = TokenClassifier.NUM.length();
      if (len <= numLen || out.charAt(len - 1) != ' ') {
        return false;
      }
      int at = len - 1 - numLen;
      for (int k = 0; k < numLen; k++) {
        if (out.charAt(at + k) != TokenClassifier.NUM.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    private boolean endsWithSpaceAfterDate() {
      int len = out.length();
      return len > 4 && out.charAt(len - 1) == ' ' && out.charAt(len - 2) == '>';
    }

    /** Whether the text after a date word continues the date (a digit or another date word). */
    private boolean startsDate(int from) {
      int n = s.length();
      if (from >= n || s.charAt(from) != ' ') {
        return false;
      }
      int i = from;
      while (i < n && s.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        return false;
      }
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
      int j = i;
      while (j < n && Character.isLetter(s.charAt(j))) {
        j++;
      }
      return DateWords.isDateWord(s, i, j);
    }
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

  private static final byte WHITESPACE = 1;
  private static final byte DELIMITER = 2;

  /** Character classes of ASCII, so that the per-character tests are one table load. */
  private static final byte[] ASCII_CLASS = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_CLASS[c] =
          (byte) ((Character.isWhitespace(c) ? WHITESPACE : 0) | (isDelimiter(c) ? DELIMITER : 0));
    }
  }

  private static boolean isWhitespace(char c) {
    return c < 128 ? (ASCII_CLASS[c] & WHITESPACE) != 0 : Character.isWhitespace(c);
  }

  /** Whitespace or a delimiter. */
  private static boolean endsWord(char c) {
    return c < 128 ? ASCII_CLASS[c] != 0 : Character.isWhitespace(c);
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
