package dev.loggardener.normalize;

import java.util.HashSet;
import java.util.Set;

/**
 * A reading of a regex's text for the literal words every match begins with, and the characters
 * that may stand right after a word in a match ({@link MatchStarts}): a regex that starts with an
 * alternation of words (the secret-like words of the context rules) matches only where one of them
 * stands, followed by what the rest of the regex can begin with (a separator, a quote). Like {@link
 * RegexBeginnings}, which reads the rest, it over-approximates: lookarounds and anchors count as
 * the empty string, and a construct it does not know ends the words or fails the reading.
 */
final class RegexLeads {
  private RegexLeads() {}

  /** The most words a {@link Lead} may hold before it is no longer told. */
  static final int MAX_LEAD_WORDS = 1024;

  /**
   * The literal words every match of a regex begins with, and the characters that may stand right
   * after a word in a match: a regex that starts with an alternation of words (the secret-like
   * words of the context rules) matches only where one of them stands, followed by what the rest of
   * the regex can begin with (a separator, a quote). Words are lower-cased when the regex is
   * case-insensitive.
   *
   * @param words the words, each an exact beginning of some match (the empty word when the regex's
   *     leading literal part may be empty)
   * @param follow the ASCII characters that may follow a word; null when anything may, including
   *     the end of the text
   * @param followNonAscii whether a non-ASCII character may follow a word
   */
  record Lead(Set<String> words, boolean[] follow, boolean followNonAscii) {}

  /**
   * The {@link Lead} of the regex text from {@code at} (after its flags and leading lookbehind), or
   * null when it has none worth telling: a top-level alternation, a leading part that is not a
   * finite set of words, more than {@link #MAX_LEAD_WORDS} of them, or any other construct the
   * reading does not know.
   *
   * <p>The regex's top-level sequence is read item by item, going into groups of one alternative
   * without a quantifier (their items belong to the sequence), and each item that matches one of
   * finitely many strings (literals, escaped punctuation, plain classes, groups of such
   * alternatives, any of them optional, lookarounds and anchors as the empty string, which only
   * widens the set) multiplies the words. The first other item ends the words; what follows a word
   * is the first characters of the rest of the sequence, through the ends of the groups gone into.
   * Every match is a word followed by a match of that rest, so a position where no word stands, or
   * where a word is followed by none of those characters, cannot start a match.
   */
  static Lead lead(String re, int at, boolean caseInsensitive) {
    Set<String> words = Set.of("");
    int pos = at;
    int depth = 0;
    while (pos < re.length()) {
      char c = re.charAt(pos);
      if (c == '|') {
        return null;
      }
      if (c == ')') {
        if (depth == 0) {
          return null;
        }
        depth--;
        pos++;
        continue;
      }
      int inner = c == '(' ? plainGroupBody(re, pos) : -1;
      if (inner >= 0) {
        depth++;
        pos = inner;
        continue;
      }
      Expansion item = new Expansion(re, pos);
      Set<String> strings = item.item();
      if (strings == null) {
        break;
      }
      words = product(words, strings);
      if (words == null) {
        return null;
      }
      pos = item.pos;
    }
    if (words.contains("") && words.size() == 1) {
      return null;
    }
    Set<String> folded = new HashSet<>();
    for (String word : words) {
      folded.add(caseInsensitive ? lowerAscii(word) : word);
    }
    boolean[] follow = new boolean[128];
    boolean followNonAscii = false;
    while (pos < re.length()) {
      RegexBeginnings.Reader rest = new RegexBeginnings.Reader(re, pos);
      RegexBeginnings.Starts starts = rest.alternatives();
      if (rest.failed || rest.alternated) {
        return null;
      }
      for (int k = 0; k < 128; k++) {
        follow[k] |= starts.first[k];
      }
      followNonAscii |= starts.nonAscii;
      if (!starts.nullable) {
        if (caseInsensitive) {
          for (char k = 'a'; k <= 'z'; k++) {
            boolean either = follow[k] || follow[k - 32];
            follow[k] = either;
            follow[k - 32] = either;
          }
        }
        return new Lead(folded, follow, followNonAscii);
      }
      // The rest of this group may be empty: what follows the group follows the word too.
      if (depth == 0 || rest.pos >= re.length() || re.charAt(rest.pos) != ')') {
        break;
      }
      depth--;
      pos = rest.pos + 1;
    }
    return new Lead(folded, null, true);
  }

  /**
   * The index where the body of the group opening at {@code open} starts, when the group is a plain
   * or named capturing group or a non-capturing one, has one alternative and no quantifier, so that
   * its items are items of the enclosing sequence; else -1.
   */
  private static int plainGroupBody(String re, int open) {
    int body;
    if (re.startsWith("(?:", open)) {
      body = open + 3;
    } else if (re.startsWith("(?<", open)
        && !re.startsWith("(?<=", open)
        && !re.startsWith("(?<!", open)) {
      int name = re.indexOf('>', open);
      if (name < 0) {
        return -1;
      }
      body = name + 1;
    } else if (re.startsWith("(?", open)) {
      return -1;
    } else {
      body = open + 1;
    }
    int close = RegexBeginnings.closingParen(re, open);
    if (close < 0 || close + 1 < re.length() && "?*+{".indexOf(re.charAt(close + 1)) >= 0) {
      return -1;
    }
    for (int i = body; i < close; i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = RegexBeginnings.classEnd(re, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        i = RegexBeginnings.closingParen(re, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '|') {
        return -1;
      }
    }
    return body;
  }

  /** Every {@code a} followed by every {@code b}; null when there would be too many. */
  private static Set<String> product(Set<String> a, Set<String> b) {
    if ((long) a.size() * b.size() > MAX_LEAD_WORDS) {
      return null;
    }
    Set<String> result = new HashSet<>();
    for (String head : a) {
      for (String tail : b) {
        result.add(head + tail);
      }
    }
    return result;
  }

  private static String lowerAscii(String word) {
    char[] chars = word.toCharArray();
    for (int k = 0; k < chars.length; k++) {
      if (chars[k] >= 'A' && chars[k] <= 'Z') {
        chars[k] += 32;
      }
    }
    return new String(chars);
  }

  /**
   * A reading of one item of a regex as the finite set of strings it can match (a superset of them:
   * lookarounds and anchors count as the empty string); the set is null when the item can match
   * more than {@link #MAX_LEAD_WORDS} strings or ones the reading cannot list.
   */
  private static final class Expansion {
    private final String re;
    int pos;

    Expansion(String re, int pos) {
      this.re = re;
      this.pos = pos;
    }

    private Set<String> alternatives() {
      Set<String> all = sequence();
      while (all != null && pos < re.length() && re.charAt(pos) == '|') {
        pos++;
        Set<String> next = sequence();
        if (next == null) {
          return null;
        }
        all = new HashSet<>(all);
        all.addAll(next);
        if (all.size() > MAX_LEAD_WORDS) {
          return null;
        }
      }
      return all;
    }

    private Set<String> sequence() {
      Set<String> result = Set.of("");
      while (result != null
          && pos < re.length()
          && re.charAt(pos) != '|'
          && re.charAt(pos) != ')') {
        Set<String> next = item();
        result = next == null ? null : product(result, next);
      }
      return result;
    }

    Set<String> item() {
      Set<String> atom = atom();
      if (atom == null || pos >= re.length()) {
        return atom;
      }
      char q = re.charAt(pos);
      if (q == '*' || q == '+' || q == '{') {
        return null;
      }
      if (q == '?') {
        pos++;
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
          pos++;
        }
        Set<String> optional = new HashSet<>(atom);
        optional.add("");
        return optional;
      }
      return atom;
    }

    private Set<String> atom() {
      char c = re.charAt(pos);
      switch (c) {
        case '(':
          return group();
        case '[':
          {
            int close = RegexBeginnings.classEnd(re, pos);
            boolean[] chars = new boolean[128];
            if (close < 0 || RegexBeginnings.readClass(re, pos + 1, chars) != close + 1) {
              return null;
            }
            pos = close + 1;
            Set<String> result = new HashSet<>();
            for (char k = 0; k < 128; k++) {
              if (chars[k]) {
                result.add(String.valueOf(k));
              }
            }
            return result;
          }
        case '\\':
          {
            if (pos + 1 >= re.length()) {
              return null;
            }
            char e = re.charAt(pos + 1);
            pos += 2;
            if (e == 'b' || e == 'B') {
              return Set.of("");
            }
            return Character.isLetterOrDigit(e) || e >= 128 ? null : Set.of(String.valueOf(e));
          }
        case '^', '$':
          pos++;
          return Set.of("");
        case '.', '*', '+', '?', '{', '|', ')':
          return null;
        default:
          pos++;
          return c >= 128 ? null : Set.of(String.valueOf(c));
      }
    }

    private Set<String> group() {
      if (re.startsWith("(?=", pos)
          || re.startsWith("(?!", pos)
          || re.startsWith("(?<=", pos)
          || re.startsWith("(?<!", pos)) {
        int close = RegexBeginnings.closingParen(re, pos);
        if (close < 0) {
          return null;
        }
        pos = close + 1;
        return Set.of("");
      }
      if (re.startsWith("(?:", pos)) {
        pos += 3;
      } else if (re.startsWith("(?<", pos)) {
        int name = re.indexOf('>', pos);
        if (name < 0) {
          return null;
        }
        pos = name + 1;
      } else if (re.startsWith("(?", pos)) {
        return null;
      } else {
        pos++;
      }
      Set<String> inner = alternatives();
      if (inner == null || pos >= re.length() || re.charAt(pos) != ')') {
        return null;
      }
      pos++;
      return inner;
    }
  }
}
