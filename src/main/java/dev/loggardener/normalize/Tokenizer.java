package dev.loggardener.normalize;

import java.util.Arrays;

/**
 * The single pass that turns a masked text into its template: splits it into words at whitespace
 * and delimiters and lets {@link TokenClassifier} decide per word.
 *
 * <p>One instance per thread ({@link #current}) keeps its input and output buffers between
 * messages, so that tokenizing allocates nothing; the template stays in the output buffer, with its
 * hash, until the next text, and becomes a {@code String} only when {@link #template} is asked for.
 * Buffers that grew past {@link #KEPT_BUFFER} chars are replaced by small ones at the next text
 * rather than kept.
 */
final class Tokenizer {
  private static final ThreadLocal<Tokenizer> CURRENT = ThreadLocal.withInitial(Tokenizer::new);

  private static final int INITIAL_BUFFER = 256;
  private static final int SHORT_COPY = 16;
  private static final int KEPT_BUFFER = 4 * Normalizer.MAX_CHARS;

  private char[] in = new char[INITIAL_BUFFER];
  private int n;
  private char[] out = new char[INITIAL_BUFFER];
  private int len;
  private int hash;

  /** Whether the last word belonged to a written-out date. */
  private boolean inDate;

  /** Where the text stands in a request line: {@link #NO_REQUEST}, after a method or a route. */
  private int request;

  /** Words since the route of a request line, while its status may still follow. */
  private int wordsAfterRoute;

  private static final int NO_REQUEST = 0;
  private static final int AFTER_METHOD = 1;
  private static final int AFTER_ROUTE = 2;

  private Tokenizer() {}

  /** This thread's tokenizer. */
  static Tokenizer current() {
    return CURRENT.get();
  }

  /**
   * Copies {@code text} into the input buffer, for {@link #tokenizeLoaded}, and returns that buffer
   * (valid up to {@code text.length()}).
   */
  char[] load(String text) {
    int size = text.length();
    if (in.length < size || in.length > KEPT_BUFFER) {
      in = new char[Math.max(size, INITIAL_BUFFER)];
    }
    text.getChars(0, size, in, 0);
    n = size;
    return in;
  }

  /** The input buffer, holding the text last given to {@link #load}. */
  char[] input() {
    return in;
  }

  /** Overwrites the text last given to {@link #load}, so that it does not outlive its use. */
  void wipeInput() {
    Arrays.fill(in, 0, n, '\0');
    n = 0;
  }

  /** Tokenizes {@code text}. */
  void tokenize(String text) {
    load(text);
    tokenizeLoaded();
  }

  /** Tokenizes the text last given to {@link #load}. */
  void tokenizeLoaded() {
    if (out.length > KEPT_BUFFER) {
      out = new char[INITIAL_BUFFER];
    }
    len = 0;
    inDate = false;
    request = NO_REQUEST;
    char[] s = in;
    int i = 0;
    while (i < n) {
      char c = s[i];
      int kind = c < 128 ? ASCII_CLASS[c] & ENDS_WORD : Character.isWhitespace(c) ? WHITESPACE : 0;
      if (kind == WHITESPACE) {
        if (len > 0 && out[len - 1] != ' ') {
          append(' ');
        }
        i++;
      } else if (kind == DELIMITER) {
        if (c == ',' && isThousandsSeparator(i)) {
          // 1,403 is one number: the comma and its group join the number already appended.
          i += 4;
          continue;
        }
        append(c);
        inDate = false;
        i++;
      } else {
        i = word(i);
      }
    }
    if (len > 0 && out[len - 1] == ' ') {
      len--;
    }
    hash = hash(out, len);
  }

  /**
   * {@link String#hashCode} of {@code chars[0, len)}, four characters per step so that the
   * multiplications do not wait for each other.
   */
  private static int hash(char[] chars, int len) {
    int h = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      h =
          31 * 31 * 31 * 31 * h
              + 31 * 31 * 31 * chars[k]
              + 31 * 31 * chars[k + 1]
              + 31 * chars[k + 2]
              + chars[k + 3];
    }
    for (; k < len; k++) {
      h = 31 * h + chars[k];
    }
    return h;
  }

  /** The template of the last text, as a new string. */
  String template() {
    return new String(out, 0, len);
  }

  /** The hash of the last template, as {@link String#hashCode} computes it. */
  int templateHash() {
    return hash;
  }

  /** Whether the last template consists of exactly {@code chars}. */
  boolean templateEquals(char[] chars) {
    return Arrays.equals(out, 0, len, chars, 0, chars.length);
  }

  /** A copy of the last template's chars. */
  char[] templateChars() {
    return Arrays.copyOf(out, len);
  }

  /** Appends the word starting at {@code start} and returns the index after it. */
  private int word(int start) {
    char[] s = in;
    int end = start;
    boolean url = false;
    // The classes seen are or-ed together rather than tested one by one: digits and dots come
    // unpredictably, and a branch on each cost more than looking for the first dot again later.
    int seen = 0;
    while (end < n) {
      char c = s[end];
      int kind = c < 128 ? ASCII_CLASS[c] : Character.isWhitespace(c) ? WHITESPACE : 0;
      if ((kind & (ENDS_WORD | COLON)) != 0) {
        if ((kind & ENDS_WORD) != 0) {
          break;
        }
        if (end + 2 < n && s[end + 1] == '/' && s[end + 2] == '/' && isScheme(s, start, end)) {
          url = true;
          break;
        }
      }
      seen |= kind;
      end++;
    }
    url = url || s[start] == '/';
    if (url) {
      while (end < n && !isWhitespace(s[end]) && !endsUrl(s[end])) {
        end++;
      }
    }
    if (request == AFTER_METHOD && url) {
      RequestLines.appendRoute(s, start, end, this);
      request = AFTER_ROUTE;
      wordsAfterRoute = 0;
      inDate = false;
      return end;
    }
    int core = end;
    while (core > start && isTrailingPunctuation(s[core - 1])) {
      core--;
    }
    if (request != NO_REQUEST) {
      int status = request == AFTER_ROUTE ? RequestLines.status(s, start, core) : 0;
      if (status > 0) {
        RequestLines.appendStatus(status, this);
        append(core, end);
        request = NO_REQUEST;
        inDate = false;
        return end;
      }
      request =
          request == AFTER_ROUTE && ++wordsAfterRoute < RequestLines.MAX_WORDS_BEFORE_STATUS
              ? AFTER_ROUTE
              : NO_REQUEST;
    }
    if (request == NO_REQUEST && core == end && RequestLines.isMethod(s, start, end)) {
      request = AFTER_METHOD;
    }
    if (core == start) {
      append(start, end);
      inDate = false;
      return end;
    }
    int classified =
        !url
            ? TokenClassifier.classify(
                s, start, core, (seen & DIGIT) != 0, (seen & DOT) != 0 && hasDot(start, core))
            : s[start] != '/'
                ? TokenClassifier.URL
                : hasDigitOrQuery(start, core) ? TokenClassifier.PATH : TokenClassifier.KEEP;
    if (classified == TokenClassifier.KEEP
        && DateWords.isDateWord(s, start, core)
        && startsDate(end)) {
      classified = TokenClassifier.TS;
    }
    if (classified == TokenClassifier.KEEP && endsWithNumber()) {
      int unit = TokenClassifier.separateUnit(s, start, core);
      if (unit != TokenClassifier.KEEP) {
        len -= TokenClassifier.placeholder(TokenClassifier.NUM).length + 1;
        append(TokenClassifier.placeholder(unit));
        append(core, end);
        inDate = false;
        return end;
      }
    }
    int kind = TokenClassifier.kind(classified);
    int prefix = TokenClassifier.prefixLength(classified);
    boolean datePart =
        prefix == 0
            && (kind == TokenClassifier.TS
                || kind == TokenClassifier.TIME
                || kind == TokenClassifier.NUM);
    if (inDate && datePart && core == end && endsWithSpaceAfterDate()) {
      len--;
      return end;
    }
    if (kind == TokenClassifier.KEEP) {
      append(start, core);
    } else {
      append(start, start + prefix);
      append(TokenClassifier.placeholder(kind));
    }
    append(core, end);
    inDate = kind == TokenClassifier.TS && prefix == 0 && core == end;
    return end;
  }

  /** Appends one character to the template; for {@link RequestLines}. */
  void appendChar(char c) {
    append(c);
  }

  /** Appends {@code chars} to the template; for {@link RequestLines}. */
  void appendChars(char[] chars) {
    append(chars);
  }

  /** Appends {@code chars[from, to)} of the input to the template; for {@link RequestLines}. */
  void appendInput(int from, int to) {
    append(from, to);
  }

  private void append(char c) {
    if (len == out.length) {
      out = Arrays.copyOf(out, 2 * len);
    }
    out[len++] = c;
  }

  /** Appends {@code in[from, to)}. */
  private void append(int from, int to) {
    int count = to - from;
    if (len + count > out.length) {
      out = Arrays.copyOf(out, Math.max(2 * out.length, len + count));
    }
    if (count <= SHORT_COPY) {
      // Most words are short; a loop copies them faster than a call to the array-copy stub.
      char[] source = in;
      char[] target = out;
      for (int k = 0; k < count; k++) {
        target[len + k] = source[from + k];
      }
    } else {
      System.arraycopy(in, from, out, len, count);
    }
    len += count;
  }

  private void append(char[] chars) {
    if (len + chars.length > out.length) {
      out = Arrays.copyOf(out, Math.max(2 * out.length, len + chars.length));
    }
    char[] target = out;
    for (int k = 0; k < chars.length; k++) {
      target[len + k] = chars[k];
    }
    len += chars.length;
  }

  private boolean hasDot(int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] == '.') {
        return true;
      }
    }
    return false;
  }

  private boolean hasDigitOrQuery(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = in[i];
      if (Character.isDigit(c) || c == '?') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the comma at {@code i} separates thousands: a number was just appended from digits
   * right before it, and exactly three digits follow it.
   */
  private boolean isThousandsSeparator(int i) {
    if (i == 0 || i + 3 >= n || !isAsciiDigit(in[i - 1])) {
      return false;
    }
    for (int k = 1; k <= 3; k++) {
      if (!isAsciiDigit(in[i + k])) {
        return false;
      }
    }
    if (i + 4 < n && (isAsciiDigit(in[i + 4]) || Character.isLetter(in[i + 4]))) {
      return false;
    }
    return endsWithPlaceholder(TokenClassifier.NUM);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private boolean endsWithPlaceholder(int kind) {
    char[] p = TokenClassifier.placeholder(kind);
    if (len < p.length) {
      return false;
    }
    for (int k = 0; k < p.length; k++) {
      if (out[len - p.length + k] != p[k]) {
        return false;
      }
    }
    return true;
  }

  private boolean endsWithNumber() {
    char[] num = TokenClassifier.placeholder(TokenClassifier.NUM);
    if (len <= num.length || out[len - 1] != ' ' || out[len - 2] != '>') {
      return false;
    }
    int at = len - 1 - num.length;
    for (int k = 0; k < num.length; k++) {
      if (out[at + k] != num[k]) {
        return false;
      }
    }
    return true;
  }

  private boolean endsWithSpaceAfterDate() {
    return len > 4 && out[len - 1] == ' ' && out[len - 2] == '>';
  }

  /** Whether the text after a date word continues the date (a digit or another date word). */
  private boolean startsDate(int from) {
    if (from >= n || in[from] != ' ') {
      return false;
    }
    int i = from;
    while (i < n && in[i] == ' ') {
      i++;
    }
    if (i >= n) {
      return false;
    }
    if (Character.isDigit(in[i])) {
      return true;
    }
    int j = i;
    while (j < n && Character.isLetter(in[j])) {
      j++;
    }
    return DateWords.isDateWord(in, i, j);
  }

  private static boolean isScheme(char[] s, int from, int to) {
    if (to == from || !Character.isLetter(s[from])) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s[i];
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
  private static final byte ENDS_WORD = WHITESPACE | DELIMITER;
  private static final byte DIGIT = 4;
  private static final byte DOT = 8;
  private static final byte COLON = 16;

  /**
   * Character classes of ASCII, so that the per-character tests are one table load; a character has
   * at most one.
   */
  private static final byte[] ASCII_CLASS = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_CLASS[c] =
          (byte)
              (Character.isWhitespace(c)
                  ? WHITESPACE
                  : isDelimiter(c)
                      ? DELIMITER
                      : c >= '0' && c <= '9' ? DIGIT : c == '.' ? DOT : c == ':' ? COLON : 0);
    }
  }

  private static boolean isWhitespace(char c) {
    return c < 128 ? (ASCII_CLASS[c] & WHITESPACE) != 0 : Character.isWhitespace(c);
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
