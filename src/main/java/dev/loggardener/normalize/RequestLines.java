package dev.loggardener.normalize;

/**
 * The identity of an HTTP request line, wherever one appears in a message: Cloud Run and load
 * balancer request entries ({@code GET /cart/123 503}, built from {@code httpRequest}), access logs
 * of nginx, Apache, gunicorn or uvicorn ({@code "GET /api/x?id=1 HTTP/1.1" 503 12}) and request
 * loggers of Node or Go services ({@code GET /users 200 12.3 ms}).
 *
 * <p>A request line starts with an HTTP method followed by a path or URL. The route keeps its
 * literal segments and masks the rest: a segment with digits becomes its typed placeholder ({@code
 * /cart/<NUM>}, {@code /orders/<UUID>}) unless it is a short version-like word ({@code v2}, {@code
 * v1beta1}), and a segment without digits is kept only when it is a short word ({@link
 * #MAX_LITERAL_SEGMENT} characters of letters, {@code - _ . ~ :}) that does not look random (long
 * and mixed case); anything else becomes {@code <ID>}. Scheme, host, query string and fragment are
 * dropped, since they vary per request without changing the route. The status is the first
 * three-digit number from 100 to 599 within {@link #MAX_WORDS_BEFORE_STATUS} words after the route:
 * an error status (4xx, 5xx) is kept exactly, since each one is its own problem ({@code 503} is not
 * {@code 504}), and any other status is kept as its class ({@code 2xx}, {@code 3xx}), so that a
 * healthy route is one fingerprint. Literal segments of unbounded variety (user-named paths) are
 * bounded when grouping, not here: a message alone cannot tell a user name from a resource name.
 */
final class RequestLines {
  /** Words after the route among which the status may stand ({@code HTTP/1.1" 503}, ...). */
  static final int MAX_WORDS_BEFORE_STATUS = 6;

  /** Longest path segment without digits that is kept as a literal part of the route. */
  static final int MAX_LITERAL_SEGMENT = 32;

  /** Longest mixed-case segment kept literally; longer ones look like random ids or tokens. */
  private static final int MAX_MIXED_CASE_SEGMENT = 16;

  /**
   * Longest segment with digits that is kept as a version-like word ({@code v2}, {@code v1beta1}).
   */
  private static final int MAX_VERSION_SEGMENT = 8;

  private static final char[] ID = TokenClassifier.placeholder(TokenClassifier.ID);

  private RequestLines() {}

  private static final char[][] METHODS =
      java.util.stream.Stream.of(
              "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE")
          .map(String::toCharArray)
          .toArray(char[][]::new);

  /** Whether {@code s[from, to)} is an HTTP method in upper case; allocates nothing. */
  static boolean isMethod(char[] s, int from, int to) {
    int n = to - from;
    if (n < 3 || n > 7 || s[from] < 'C' || s[from] > 'T') {
      return false;
    }
    for (char[] method : METHODS) {
      if (method.length == n && java.util.Arrays.equals(s, from, to, method, 0, n)) {
        return true;
      }
    }
    return false;
  }

  /** The status {@code s[from, to)} stands for, or 0 when it is not a status code. */
  static int status(char[] s, int from, int to) {
    if (to - from != 3 || s[from] < '1' || s[from] > '5') {
      return 0;
    }
    for (int i = from + 1; i < to; i++) {
      if (s[i] < '0' || s[i] > '9') {
        return 0;
      }
    }
    return (s[from] - '0') * 100 + (s[from + 1] - '0') * 10 + (s[from + 2] - '0');
  }

  /** Appends a status as the fingerprint keeps it: exactly from 400 on, otherwise its class. */
  static void appendStatus(int status, Tokenizer out) {
    char[] text =
        status >= 400
            ? Integer.toString(status).toCharArray()
            : new char[] {(char) ('0' + status / 100), 'x', 'x'};
    out.appendChars(text);
  }

  /** Appends the route skeleton of the path or URL {@code s[from, to)}. */
  static void appendRoute(char[] s, int from, int to, Tokenizer out) {
    int start = from;
    if (s[from] != '/') {
      start = to;
      for (int i = from; i + 2 < to; i++) {
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') {
          start = i + 3;
          while (start < to && s[start] != '/') {
            start++;
          }
          break;
        }
      }
    }
    int end = start;
    while (end < to && s[end] != '?' && s[end] != '#') {
      end++;
    }
    if (start == end) {
      out.appendChar('/');
      return;
    }
    int segment = start;
    for (int i = start; i <= end; i++) {
      if (i == end || s[i] == '/') {
        appendSegment(s, segment, i, out);
        if (i < end) {
          out.appendChar('/');
        }
        segment = i + 1;
      }
    }
  }

  private static void appendSegment(char[] s, int from, int to, Tokenizer out) {
    if (from == to) {
      return;
    }
    boolean digit = false;
    boolean dot = false;
    boolean wordChars = true;
    boolean upper = false;
    boolean lower = false;
    int digits = 0;
    for (int i = from; i < to; i++) {
      char c = s[i];
      if (c >= '0' && c <= '9') {
        digit = true;
        digits++;
      } else if (Character.isLetter(c)) {
        upper |= Character.isUpperCase(c);
        lower |= Character.isLowerCase(c);
      } else {
        dot |= c == '.';
        wordChars &= c == '-' || c == '_' || c == '.' || c == '~' || c == ':';
      }
    }
    int length = to - from;
    if (!digit) {
      boolean random = upper && lower && length > MAX_MIXED_CASE_SEGMENT;
      if (wordChars && length <= MAX_LITERAL_SEGMENT && !random) {
        out.appendInput(from, to);
      } else {
        out.appendChars(ID);
      }
      return;
    }
    if (wordChars
        && !dot
        && !upper
        && length <= MAX_VERSION_SEGMENT
        && digits <= 2
        && Character.isLetter(s[from])) {
      out.appendInput(from, to);
      return;
    }
    int classified = TokenClassifier.classify(s, from, to, true, dot);
    int kind = TokenClassifier.kind(classified);
    if (kind == TokenClassifier.KEEP) {
      out.appendInput(from, to);
      return;
    }
    out.appendInput(from, from + TokenClassifier.prefixLength(classified));
    out.appendChars(TokenClassifier.placeholder(kind));
  }
}
