package dev.loggardener.normalize;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
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

  /**
   * One bit per hashed first {@link #PREFIX} characters a match may start with ({@link
   * #prefixKey}), lower-cased when {@link #caseInsensitive}; null when not known. A regex that
   * starts with an alternation of words is tried only where one of their beginnings stands, not at
   * every word that starts with one of their letters.
   */
  private final long[] prefixBits;

  private final boolean caseInsensitive;

  private MatchStarts(
      boolean[] first,
      boolean nonAscii,
      boolean[] notAfter,
      int followingDigits,
      boolean[] digitSeparators,
      long[] prefixBits,
      boolean caseInsensitive) {
    this.first = first;
    this.nonAscii = nonAscii;
    this.notAfter = notAfter;
    this.followingDigits = followingDigits;
    this.digitSeparators = digitSeparators;
    this.prefixBits = prefixBits;
    this.caseInsensitive = caseInsensitive;
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
            && (followingDigits == 0 || digitsFollow(text, i + 1))
            && (prefixBits == null || prefixAt(text, i))) {
          return i;
        }
        blocked = info & BLOCKS;
      } else {
        if (nonAscii && prefixBits == null) {
          return i;
        }
        blocked = 0;
      }
    }
    return n;
  }

  /**
   * Whether the {@link #PREFIX} characters at {@code at} may begin a match. The prefixes are all
   * ASCII, and a case-insensitive regex folds ASCII letters only (it has no UNICODE_CASE flag), so
   * a non-ASCII character there rules a match out.
   */
  private boolean prefixAt(String text, int at) {
    if (at + PREFIX > text.length()) {
      return false;
    }
    int key = 0;
    for (int k = 0; k < PREFIX; k++) {
      char c = text.charAt(at + k);
      if (c >= 128) {
        return false;
      }
      key = key << 7 | (caseInsensitive && c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    int bit = prefixBit(key);
    return (prefixBits[bit >>> 6] & (1L << bit)) != 0;
  }

  /** How many first characters of a match the prefix filter reads. */
  private static final int PREFIX = 3;

  /** The most distinct prefixes a regex may have for the filter to be kept. */
  private static final int MAX_PREFIXES = 512;

  private static final int PREFIX_BITS = 13;

  private static int prefixBit(int key) {
    return (key * 0x9E3779B1) >>> (32 - PREFIX_BITS);
  }

  /**
   * The filter of {@link #prefixBits} for a regex whose matches begin with one of {@code prefixes},
   * or null when some match may be shorter than {@link #PREFIX} characters or begin with a
   * non-ASCII one.
   */
  private static long[] prefixBits(Set<String> prefixes, boolean caseInsensitive) {
    if (prefixes == null) {
      return null;
    }
    long[] bits = new long[(1 << PREFIX_BITS) / 64];
    for (String prefix : prefixes) {
      if (prefix.length() < PREFIX) {
        return null;
      }
      int key = 0;
      for (int k = 0; k < PREFIX; k++) {
        char c = prefix.charAt(k);
        if (c >= 128) {
          return null;
        }
        key = key << 7 | (caseInsensitive && c >= 'A' && c <= 'Z' ? c + 32 : c);
      }
      int bit = prefixBit(key);
      bits[bit >>> 6] |= 1L << bit;
    }
    return bits;
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

  /** Whether the regex is tried only where one of its three-character beginnings stands. */
  boolean hasPrefixFilter() {
    return prefixBits != null;
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
    long[] prefixBits = prefixBits(starts.prefixes, caseInsensitive);
    // Trying the regex at many candidates costs more than letting it search on its own.
    return count <= MAX_SKIPPED_FIRST || notAfter != null && count < 128 || prefixBits != null
        ? new MatchStarts(
            starts.first,
            starts.nonAscii,
            notAfter,
            followingDigits,
            separators,
            prefixBits,
            caseInsensitive)
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

  /**
   * First characters of a part of a regex, whether it can match the empty string, and the strings
   * its matches can begin with: each either a whole match shorter than {@link #PREFIX} characters
   * or the first {@link #PREFIX} characters of one (null when not known or too many).
   */
  private static final class Starts {
    final boolean[] first = new boolean[128];
    boolean nonAscii;
    boolean nullable;
    Set<String> prefixes = new HashSet<>();

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
      s.prefixes = null;
      return s;
    }

    static Starts empty() {
      Starts s = new Starts();
      s.nullable = true;
      s.prefixes.add("");
      return s;
    }

    /** One of the characters marked in {@link #first}. */
    static Starts oneOf(boolean[] chars) {
      Starts s = new Starts();
      for (char c = 0; c < 128; c++) {
        if (chars[c]) {
          s.first[c] = true;
          s.prefixes.add(String.valueOf(c));
        }
      }
      return s;
    }
  }

  /** The beginnings of {@code a} followed by {@code b}; null when either is not known. */
  private static Set<String> concat(Set<String> a, Set<String> b) {
    if (a == null) {
      return null;
    }
    long shortHeads = a.stream().filter(head -> head.length() < PREFIX).count();
    if (shortHeads == 0) {
      return a;
    }
    if (b == null || shortHeads * b.size() > MAX_PREFIXES) {
      // Too many to be worth a filter, and building them first would cost more than the reading.
      return null;
    }
    Set<String> result = new HashSet<>();
    for (String head : a) {
      if (head.length() >= PREFIX) {
        result.add(head);
        continue;
      }
      for (String tail : b) {
        String joined = head + tail;
        result.add(joined.length() > PREFIX ? joined.substring(0, PREFIX) : joined);
      }
      if (result.size() > MAX_PREFIXES) {
        return null;
      }
    }
    return result;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (a == null || b == null) {
      return null;
    }
    Set<String> result = new HashSet<>(a);
    result.addAll(b);
    return result.size() > MAX_PREFIXES ? null : result;
  }

  /** The beginnings of zero or more repetitions of a part with beginnings {@code one}. */
  private static Set<String> repeated(Set<String> one) {
    Set<String> result = Set.of("");
    for (int k = 0; k < PREFIX && result != null; k++) {
      result = union(result, concat(result, one));
    }
    return result;
  }

  /** A recursive-descent reading of the regex text from {@code pos}. */
  private static final class Reader {
    private final String re;
    private int pos;
    private boolean failed;

    /** Whether the regex has alternatives at its top level. */
    private boolean alternated;

    /**
     * Whether the beginnings of what is read now cannot matter, because all those of the part
     * before it are {@link #PREFIX} characters long already: reading them would only cost time.
     */
    private boolean prefixesUnused;

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
        all.prefixes = union(all.prefixes, next.prefixes);
      }
      return all;
    }

    private Starts sequence() {
      Starts result = Starts.empty();
      boolean outer = prefixesUnused;
      while (!failed && pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
        prefixesUnused =
            outer
                || result.prefixes == null
                || result.prefixes.stream().allMatch(head -> head.length() >= PREFIX);
        Starts item = item();
        if (result.nullable) {
          result.add(item);
          result.nullable = item.nullable;
        }
        result.prefixes = concat(result.prefixes, item.prefixes);
      }
      prefixesUnused = outer;
      return result;
    }

    private Starts item() {
      Starts atom = atom();
      if (failed || pos >= re.length()) {
        return atom;
      }
      if (prefixesUnused) {
        atom.prefixes = null;
      }
      char q = re.charAt(pos);
      if (q == '?') {
        atom.nullable = true;
        atom.prefixes = union(atom.prefixes, Set.of(""));
        pos++;
      } else if (q == '*') {
        atom.nullable = true;
        atom.prefixes = repeated(atom.prefixes);
        pos++;
      } else if (q == '+') {
        atom.prefixes = concat(atom.prefixes, repeated(atom.prefixes));
        pos++;
      } else if (q == '{') {
        int close = re.indexOf('}', pos);
        if (close < 0 || pos + 1 >= close || !Character.isDigit(re.charAt(pos + 1))) {
          failed = true;
          return atom;
        }
        atom.nullable |= re.charAt(pos + 1) == '0';
        // At least the minimum and at most any number of repetitions: a superset suffices.
        Set<String> more = repeated(atom.prefixes);
        atom.prefixes = atom.nullable ? more : concat(atom.prefixes, more);
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
      boolean[] chars = new boolean[128];
      boolean plain = readClass(re, pos + 1, chars) == close + 1;
      pos = close + 1;
      return plain ? Starts.oneOf(chars) : Starts.any();
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
          boolean[] chars = new boolean[128];
          markEscape(e, chars);
          return Starts.oneOf(chars);
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
      s.prefixes.add(String.valueOf(c));
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
    return c < 128 && (Character.isLetterOrDigit(c) || "._%+- ".indexOf(c) >= 0);
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
