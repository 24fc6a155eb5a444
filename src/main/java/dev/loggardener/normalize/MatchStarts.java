package dev.loggardener.normalize;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a regex's matches can start: the ASCII characters a match may begin with, and those it
 * cannot follow, read from the regex's text, so that a search can skip every other position instead
 * of trying the regex there.
 *
 * <p>The reading over-approximates the first characters: alternatives are united, optional items
 * let the next item's characters in, lookarounds and anchors are passed over, and an escape or
 * class it does not know stands for every character. It gives no answer ({@code null}) for flags
 * other than a case-insensitive one, inline flags after the start, {@code \Q}, {@code \G}, back
 * references and other escapes it does not know, a regex that can match the empty string, or one
 * whose first characters are so many that trying the regex at each costs more than its own search.
 * A leading negative lookbehind of one class of plain characters, {@code \w}, {@code \d} and {@code
 * \s} (in a regex without the case-insensitive flag), or a leading {@code \b} before word
 * characters only, says which characters a match cannot follow.
 */
final class MatchStarts {
  private final boolean[] first;

  /** Whether a match may start with a non-ASCII character. */
  private final boolean nonAscii;

  /** Characters a match never follows; null when not known. */
  private final boolean[] notAfter;

  /**
   * Per ASCII character: {@link #STARTS} when a match may start with it, {@link #BLOCKS} when a
   * match never follows it; one table load per character in {@link #next}.
   */
  private final byte[] ascii = new byte[128];

  private static final int STARTS = 1;
  private static final int BLOCKS = 2;

  /**
   * How many digits a match has right after its first character, each maybe preceded by one of
   * {@link #digitSeparators}; 0 when not known.
   */
  private final int followingDigits;

  private final boolean[] digitSeparators;

  private MatchStarts(
      boolean[] first,
      boolean nonAscii,
      boolean[] notAfter,
      int followingDigits,
      boolean[] digitSeparators) {
    this.first = first;
    this.nonAscii = nonAscii;
    this.notAfter = notAfter;
    this.followingDigits = followingDigits;
    this.digitSeparators = digitSeparators;
    for (int c = 0; c < 128; c++) {
      ascii[c] = (byte) ((first[c] ? STARTS : 0) | (notAfter != null && notAfter[c] ? BLOCKS : 0));
    }
  }

  /**
   * The first index from {@code from} on where a match may start, or {@code text.length()}: every
   * index skipped is one where none can.
   */
  int next(String text, int from) {
    int n = text.length();
    // BLOCKS when the character before i is one a match never follows, else 0; the first
    // character of the text follows nothing, and a non-ASCII one blocks nothing.
    int blocked = 0;
    if (from > 0) {
      char before = text.charAt(from - 1);
      blocked = before < 128 ? ascii[before] & BLOCKS : 0;
    }
    byte[] table = ascii;
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        int info = table[c];
        if ((info & ~(blocked >>> 1) & STARTS) != 0
            && (followingDigits == 0 || digitsFollow(text, i + 1))) {
          return i;
        }
        blocked = info & BLOCKS;
      } else {
        if (nonAscii) {
          return i;
        }
        blocked = 0;
      }
    }
    return n;
  }

  /**
   * Whether {@link #followingDigits} digits, each maybe after one separator, start at {@code at}:
   * the card-number regex tried at every digit after a space fails mostly on a short number, which
   * this tells without a matcher.
   */
  private boolean digitsFollow(String text, int at) {
    int n = text.length();
    int i = at;
    for (int d = 0; d < followingDigits; d++) {
      if (i >= n) {
        return false;
      }
      char c = text.charAt(i);
      if (c < 128 && digitSeparators[c]) {
        i++;
        if (i >= n) {
          return false;
        }
        c = text.charAt(i);
      }
      if (c < '0' || c > '9') {
        return false;
      }
      i++;
    }
    return true;
  }

  /** How many digits a match has right after its first character (0: not known); for tests. */
  int followingDigits() {
    return followingDigits;
  }

  /** Whether {@code c} may start a match, ignoring what precedes it; for tests. */
  boolean mayStartWith(char c) {
    return c < 128 ? first[c] : nonAscii;
  }

  /** Whether a match never follows {@code c}; for tests. */
  boolean neverFollows(char c) {
    return notAfter != null && c < 128 && notAfter[c];
  }

  /** Where the matches of a regex can start, or null when that cannot be told. */
  static MatchStarts of(Pattern pattern) {
    String re = pattern.pattern();
    boolean caseInsensitive = pattern.flags() == Pattern.CASE_INSENSITIVE;
    if (pattern.flags() != 0 && !caseInsensitive) {
      return null;
    }
    int at = 0;
    if (re.startsWith("(?i)")) {
      caseInsensitive = true;
      at = 4;
    }
    boolean[] notAfter = null;
    if (re.startsWith("(?<![", at)) {
      boolean[] chars = new boolean[128];
      int end = readClass(re, at + 5, chars);
      if (end > 0 && end < re.length() && re.charAt(end) == ')') {
        if (caseInsensitive) {
          // The class matches the other case of each of its ASCII letters too.
          for (char c = 'a'; c <= 'z'; c++) {
            boolean either = chars[c] || chars[c - 32];
            chars[c] = either;
            chars[c - 32] = either;
          }
        }
        notAfter = chars;
        at = end + 1;
      }
    }
    boolean boundaryFirst = re.startsWith("\\b", at);
    Reader reader = new Reader(re, at);
    Starts starts = reader.alternatives();
    if (reader.failed || reader.pos != re.length() || starts.nullable) {
      return null;
    }
    if (reader.alternated) {
      // A leading lookbehind or \b belongs to the first alternative only.
      notAfter = null;
    } else if (boundaryFirst && notAfter == null && isWordOnly(starts.first)) {
      // \b before a word character: the character before it is not one.
      notAfter = new boolean[128];
      markEscape('w', notAfter);
    }
    if (caseInsensitive) {
      for (char c = 'a'; c <= 'z'; c++) {
        boolean either = starts.first[c] || starts.first[c - 32];
        starts.first[c] = either;
        starts.first[c - 32] = either;
      }
      starts.nonAscii = true;
    }
    int count = 0;
    for (boolean b : starts.first) {
      count += b ? 1 : 0;
    }
    int followingDigits = 0;
    boolean[] separators = new boolean[128];
    if (!reader.alternated && !caseInsensitive) {
      Matcher digits = DIGITS_AFTER_FIRST.matcher(re).region(at, re.length());
      if (digits.lookingAt() && plainSeparators(digits.group(1), separators)) {
        followingDigits = Integer.parseInt(digits.group(2));
      }
    }
    // Trying the regex at many candidates costs more than letting it search on its own.
    return count <= MAX_SKIPPED_FIRST || notAfter != null && count < 128
        ? new MatchStarts(starts.first, starts.nonAscii, notAfter, followingDigits, separators)
        : null;
  }

  /**
   * A first item of one character class, then a group of an optional separator from a class and a
   * digit, repeated at least group 2 times: {@code [2-6](?:[ -]?\d){12,18}}.
   */
  private static final Pattern DIGITS_AFTER_FIRST =
      Pattern.compile(
          "\\[(?:[^\\]\\\\]|\\\\.)+\\]\\(\\?:\\[([^\\]\\\\^\\[&]+)\\]\\?\\\\d\\)\\{(\\d+)[,}]");

  /**
   * Marks the characters of a separator class holding plain ASCII characters only, a dash only
   * first or last (not a range); false for any other class.
   */
  private static boolean plainSeparators(String chars, boolean[] marks) {
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (c >= 128 || c == '-' && i > 0 && i < chars.length() - 1) {
        return false;
      }
      marks[c] = true;
    }
    return true;
  }

  /** The most first characters worth a search of its own when the preceding one says nothing. */
  private static final int MAX_SKIPPED_FIRST = 16;

  private static boolean isWordOnly(boolean[] first) {
    boolean[] word = new boolean[128];
    markEscape('w', word);
    for (int c = 0; c < 128; c++) {
      if (first[c] && !word[c]) {
        return false;
      }
    }
    return true;
  }

  /** First characters of a part of a regex, and whether it can match the empty string. */
  private static final class Starts {
    final boolean[] first = new boolean[128];
    boolean nonAscii;
    boolean nullable;

    void add(Starts other) {
      for (int c = 0; c < 128; c++) {
        first[c] |= other.first[c];
      }
      nonAscii |= other.nonAscii;
    }

    static Starts any() {
      Starts s = new Starts();
      Arrays.fill(s.first, true);
      s.nonAscii = true;
      return s;
    }

    static Starts empty() {
      Starts s = new Starts();
      s.nullable = true;
      return s;
    }
  }

  /** A recursive-descent reading of the regex text from {@code pos}. */
  private static final class Reader {
    private final String re;
    private int pos;
    private boolean failed;

    /** Whether the regex has alternatives at its top level. */
    private boolean alternated;

    private int depth;

    Reader(String re, int pos) {
      this.re = re;
      this.pos = pos;
    }

    Starts alternatives() {
      Starts all = sequence();
      while (!failed && pos < re.length() && re.charAt(pos) == '|') {
        alternated |= depth == 0;
        pos++;
        Starts next = sequence();
        all.add(next);
        all.nullable |= next.nullable;
      }
      return all;
    }

    private Starts sequence() {
      Starts result = Starts.empty();
      while (!failed && pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
        Starts item = item();
        if (result.nullable) {
          result.add(item);
          result.nullable = item.nullable;
        }
      }
      return result;
    }

    private Starts item() {
      Starts atom = atom();
      if (failed || pos >= re.length()) {
        return atom;
      }
      char q = re.charAt(pos);
      if (q == '?' || q == '*') {
        atom.nullable = true;
        pos++;
      } else if (q == '+') {
        pos++;
      } else if (q == '{') {
        int close = re.indexOf('}', pos);
        if (close < 0 || pos + 1 >= close || !Character.isDigit(re.charAt(pos + 1))) {
          failed = true;
          return atom;
        }
        atom.nullable |= re.charAt(pos + 1) == '0';
        pos = close + 1;
      } else {
        return atom;
      }
      if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
        pos++;
      }
      return atom;
    }

    private Starts atom() {
      char c = re.charAt(pos);
      switch (c) {
        case '(':
          return group();
        case '[':
          return charClass();
        case '\\':
          return escape();
        case '.':
          pos++;
          return Starts.any();
        case '^', '$':
          pos++;
          return Starts.empty();
        case '*', '+', '?', '{':
          failed = true;
          return Starts.empty();
        default:
          pos++;
          if (Character.isSurrogate(c)) {
            failed = true;
          }
          return literal(c);
      }
    }

    private Starts group() {
      if (re.startsWith("(?=", pos)
          || re.startsWith("(?!", pos)
          || re.startsWith("(?<=", pos)
          || re.startsWith("(?<!", pos)) {
        int close = closingParen(re, pos);
        if (close < 0) {
          failed = true;
        }
        pos = close + 1;
        return Starts.empty();
      }
      if (re.startsWith("(?:", pos)) {
        pos += 3;
      } else if (re.startsWith("(?<", pos)) {
        int name = re.indexOf('>', pos);
        if (name < 0) {
          failed = true;
          return Starts.empty();
        }
        pos = name + 1;
      } else if (re.startsWith("(?", pos)) {
        failed = true;
        return Starts.empty();
      } else {
        pos++;
      }
      depth++;
      Starts inner = alternatives();
      depth--;
      if (pos >= re.length() || re.charAt(pos) != ')') {
        failed = true;
      }
      pos++;
      return inner;
    }

    private Starts charClass() {
      int close = classEnd(re, pos);
      if (close < 0) {
        failed = true;
        return Starts.empty();
      }
      Starts s = new Starts();
      boolean plain = readClass(re, pos + 1, s.first) == close + 1;
      pos = close + 1;
      return plain ? s : Starts.any();
    }

    private Starts escape() {
      if (pos + 1 >= re.length()) {
        failed = true;
        return Starts.empty();
      }
      char e = re.charAt(pos + 1);
      pos += 2;
      switch (e) {
        case 'b', 'B':
          return Starts.empty();
        case 'd', 'w', 's':
          Starts s = new Starts();
          markEscape(e, s.first);
          return s;
        case 'D', 'W', 'S':
          return Starts.any();
        default:
          if (Character.isLetterOrDigit(e) || e >= 128) {
            failed = true;
            return Starts.empty();
          }
          return literal(e);
      }
    }

    private static Starts literal(char c) {
      Starts s = new Starts();
      if (c < 128) {
        s.first[c] = true;
      } else {
        s.nonAscii = true;
      }
      return s;
    }
  }

  /**
   * Marks the characters of the class whose body starts at {@code from} and returns the index after
   * its closing bracket, or -1 when the class holds anything but plain characters, ranges of them,
   * {@code \w}, {@code \d} and {@code \s}.
   */
  private static int readClass(String re, int from, boolean[] chars) {
    int i = from;
    if (i < re.length() && re.charAt(i) == '^') {
      return -1;
    }
    while (i < re.length() && re.charAt(i) != ']') {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length() && "wds".indexOf(re.charAt(i + 1)) >= 0) {
        markEscape(re.charAt(i + 1), chars);
        i += 2;
        continue;
      }
      if (!isPlainClassChar(c) || i == from && c == '-') {
        return -1;
      }
      if (i + 2 < re.length() && re.charAt(i + 1) == '-' && re.charAt(i + 2) != ']') {
        char last = re.charAt(i + 2);
        if (!isPlainClassChar(last) || last < c) {
          return -1;
        }
        for (char k = c; k <= last; k++) {
          chars[k] = true;
        }
        i += 3;
      } else {
        chars[c] = true;
        i++;
      }
    }
    return i < re.length() && i > from ? i + 1 : -1;
  }

  /** Marks the ASCII characters of {@code \d}, {@code \w} or {@code \s}. */
  private static void markEscape(char escape, boolean[] chars) {
    for (char k = 0; k < 128; k++) {
      boolean digit = k >= '0' && k <= '9';
      boolean word = digit || k == '_' || k >= 'a' && k <= 'z' || k >= 'A' && k <= 'Z';
      boolean space = k == ' ' || k >= '\t' && k <= '\r';
      chars[k] |= escape == 'd' ? digit : escape == 'w' ? word : space;
    }
  }

  /** ASCII letters, digits and a few punctuation characters that mean themselves in a class. */
  private static boolean isPlainClassChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || "._%+-".indexOf(c) >= 0);
  }

  /** Index of the parenthesis that closes the group opening at {@code open}, or -1. */
  private static int closingParen(String re, int open) {
    int depth = 0;
    for (int i = open; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(re, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the bracket that closes the class opening at {@code open}, or -1. */
  private static int classEnd(String re, int open) {
    int depth = 0;
    int i = open;
    while (i < re.length()) {
      char c = re.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        depth++;
        // A ']' right after the opening bracket (or its '^') is a literal in Java.
        int body = i + 1 < re.length() && re.charAt(i + 1) == '^' ? i + 2 : i + 1;
        if (body < re.length() && re.charAt(body) == ']') {
          i = body;
        }
      } else if (c == ']' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }
}
