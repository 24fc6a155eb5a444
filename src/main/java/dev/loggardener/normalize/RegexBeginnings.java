package dev.loggardener.normalize;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A reading of a regex's text for what its matches begin with ({@link MatchStarts}): the ASCII
 * characters a match may start with, whether one may be empty, and the strings of up to {@link
 * #PREFIX} characters every match begins with. It over-approximates: alternatives are united,
 * optional items let the next item's beginnings in, lookarounds and anchors are passed over, and a
 * construct it does not know stands for any character, or fails the reading.
 */
final class RegexBeginnings {
  private RegexBeginnings() {}

  /** How many first characters of a match the beginnings hold. */
  static final int PREFIX = 3;

  /** The most distinct beginnings a part may have before they are no longer told. */
  static final int MAX_PREFIXES = 512;

  /**
   * First characters of a part of a regex, whether it can match the empty string, and the strings
   * its matches can begin with: each either a whole match shorter than {@link #PREFIX} characters
   * or the first {@link #PREFIX} characters of one (null when not known or too many).
   */
  static final class Starts {
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
  static Set<String> concat(Set<String> a, Set<String> b) {
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

  static Set<String> union(Set<String> a, Set<String> b) {
    if (a == null || b == null) {
      return null;
    }
    Set<String> result = new HashSet<>(a);
    result.addAll(b);
    return result.size() > MAX_PREFIXES ? null : result;
  }

  /** The beginnings of zero or more repetitions of a part with beginnings {@code one}. */
  static Set<String> repeated(Set<String> one) {
    Set<String> result = Set.of("");
    for (int k = 0; k < PREFIX && result != null; k++) {
      result = union(result, concat(result, one));
    }
    return result;
  }

  /** A recursive-descent reading of the regex text from {@code pos}. */
  static final class Reader {
    private final String re;
    int pos;
    boolean failed;

    /** Whether the regex has alternatives at its top level. */
    boolean alternated;

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
   * punctuation quoted by a backslash, {@code \w}, {@code \d} and {@code \s}.
   */
  static int readClass(String re, int from, boolean[] chars) {
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
      if (c == '\\' && i + 1 < re.length() && isPlainPunctuation(re.charAt(i + 1))) {
        // A backslash before punctuation quotes it (\] in ["'\]]); as the start of a range it
        // would need reading the range's end too, which no rule needs.
        if (i + 3 < re.length() && re.charAt(i + 2) == '-' && re.charAt(i + 3) != ']') {
          return -1;
        }
        chars[re.charAt(i + 1)] = true;
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
  static void markEscape(char escape, boolean[] chars) {
    for (char k = 0; k < 128; k++) {
      boolean digit = k >= '0' && k <= '9';
      boolean word = digit || k == '_' || k >= 'a' && k <= 'z' || k >= 'A' && k <= 'Z';
      boolean space = k == ' ' || k >= '\t' && k <= '\r';
      chars[k] |= escape == 'd' ? digit : escape == 'w' ? word : space;
    }
  }

  /** ASCII punctuation, which a backslash before it quotes. */
  private static boolean isPlainPunctuation(char c) {
    return c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
  }

  /**
   * Printable ASCII characters that mean themselves in a class: all but the backslash, the
   * brackets, {@code ^} and {@code &} (which may begin a negation or an intersection); a dash is
   * taken as a range between two of them.
   */
  static boolean isPlainClassChar(char c) {
    return c >= ' ' && c < 127 && "\\[]^&".indexOf(c) < 0;
  }

  /** Index of the parenthesis that closes the group opening at {@code open}, or -1. */
  static int closingParen(String re, int open) {
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
  static int classEnd(String re, int open) {
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
