package dev.loggardener.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a regex's matches can start: the ASCII characters a match may begin with, and those it
 * cannot follow, read from the regex's text, so that a search can skip every other position instead
 * of trying the regex there.
 *
 * <p>The reading ({@link RegexBeginnings}) over-approximates the first characters: alternatives are
 * united, optional items let the next item's characters in, lookarounds and anchors are passed
 * over, and an escape or class it does not know stands for every character. When every match begins
 * with one of a few hundred ASCII strings of three characters (an alternation of words, as the
 * secret-like words of the context rules), a position is tried only where one of them stands. It
 * gives no answer ({@code null}) for flags other than a case-insensitive one, inline flags after
 * the start, {@code \Q}, {@code \G}, back references and other escapes it does not know, a regex
 * that can match the empty string, or one whose first characters are so many that trying the regex
 * at each costs more than its own search. A leading negative lookbehind of one class of plain
 * characters, {@code \w}, {@code \d} and {@code \s} (in a regex without the case-insensitive flag),
 * or a leading {@code \b} before word characters only, says which characters a match cannot follow;
 * a leading positive lookbehind of one such class, which characters it must follow (and that it
 * does not start the text).
 */
final class MatchStarts {
  private final boolean[] first;

  /** Whether a match may start with a non-ASCII character. */
  private final boolean nonAscii;

  /** Characters a match never follows; null when not known. */
  private final boolean[] notAfter;

  /**
   * {@link #BLOCKS} when a match must follow one of a class of ASCII characters (a leading positive
   * lookbehind), so that none starts at the text's start or after a non-ASCII character; else 0.
   */
  private final int blockedOutsideAscii;

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

  /** The words every match begins with and what may follow them; null when not known. */
  private final LeadWords lead;

  private MatchStarts(
      boolean[] first,
      boolean nonAscii,
      boolean[] notAfter,
      boolean mustFollowAscii,
      int followingDigits,
      boolean[] digitSeparators,
      long[] prefixBits,
      boolean caseInsensitive,
      LeadWords lead) {
    this.first = first;
    this.nonAscii = nonAscii;
    this.notAfter = notAfter;
    this.blockedOutsideAscii = mustFollowAscii ? BLOCKS : 0;
    this.followingDigits = followingDigits;
    this.digitSeparators = digitSeparators;
    this.prefixBits = prefixBits;
    this.caseInsensitive = caseInsensitive;
    this.lead = lead;
    for (int c = 0; c < 128; c++) {
      ascii[c] = (byte) ((first[c] ? STARTS : 0) | (notAfter != null && notAfter[c] ? BLOCKS : 0));
    }
  }

  /**
   * The first index from {@code from} on where a match may start, or {@code text.length()}: every
   * index skipped is one where none can.
   */
  int next(String text, int from) {
    return next(text, from, text.length());
  }

  /**
   * {@link #next(String, int)} looking only before {@code to}: the first index in {@code [from,
   * to)} where a match may start, or {@code to}.
   */
  int next(String text, int from, int to) {
    // BLOCKS when the character before i is one a match never follows, else 0; the first
    // character of the text follows nothing, and a non-ASCII one blocks nothing, unless a match
    // must follow an ASCII character.
    int blocked = blockedOutsideAscii;
    if (from > 0) {
      char before = text.charAt(from - 1);
      blocked = before < 128 ? ascii[before] & BLOCKS : blockedOutsideAscii;
    }
    byte[] table = ascii;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        int info = table[c];
        if ((info & ~(blocked >>> 1) & STARTS) != 0
            && (followingDigits == 0 || digitsFollow(text, i + 1))
            && (prefixBits == null || prefixAt(text, i))
            && (lead == null || lead.standsAt(text, i))) {
          return i;
        }
        blocked = info & BLOCKS;
      } else {
        if (nonAscii && prefixBits == null && lead == null) {
          return i;
        }
        blocked = blockedOutsideAscii;
      }
    }
    return to;
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

  private static final int PREFIX = RegexBeginnings.PREFIX;

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

  /**
   * Whether every match begins inside a stretch of digits, spaces and dashes that holds a run of at
   * least {@code digits} digits, as {@link DigitRuns#longest} counts runs: it begins with an ASCII
   * digit followed by {@link #followingDigits} more, at least {@code digits} in all, with no
   * separator between them but a single space or dash.
   */
  boolean startsInDigitRunOf(int digits) {
    if (followingDigits == 0 || followingDigits + 1 < digits || nonAscii) {
      return false;
    }
    for (char c = 0; c < 128; c++) {
      boolean digit = c >= '0' && c <= '9';
      if ((ascii[c] & STARTS) != 0 && !digit) {
        return false;
      }
      if (digitSeparators[c] && c != ' ' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** Whether the regex is tried only where one of its leading words stands; for tests. */
  boolean hasLeadWords() {
    return lead != null;
  }

  /**
   * How far into a match one of {@code triggers} (lower-case) begins at the latest, when every
   * match begins with a leading word that holds one of them: the greatest index, over the words, of
   * the first trigger in each; -1 when some word holds none or the regex has no leading words. A
   * match then begins at most that far before the first place one of the triggers stands, and not
   * after the last.
   */
  int triggerReach(List<String> triggers) {
    if (lead == null) {
      return -1;
    }
    int reach = 0;
    for (String word : lead.words) {
      String lower = word.toLowerCase(Locale.ROOT);
      int first = -1;
      for (String trigger : triggers) {
        int at = lower.indexOf(trigger);
        if (at >= 0 && (first < 0 || at < first)) {
          first = at;
        }
      }
      if (first < 0) {
        return -1;
      }
      reach = Math.max(reach, first);
    }
    return reach;
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
    boolean mustFollowAscii = false;
    if (re.startsWith("(?<![", at) || re.startsWith("(?<=[", at)) {
      boolean positive = re.charAt(at + 3) == '=';
      boolean[] chars = new boolean[128];
      int end = RegexBeginnings.readClass(re, at + 5, chars);
      if (end > 0 && end < re.length() && re.charAt(end) == ')') {
        if (caseInsensitive) {
          // The class matches the other case of each of its ASCII letters too.
          for (char c = 'a'; c <= 'z'; c++) {
            boolean either = chars[c] || chars[c - 32];
            chars[c] = either;
            chars[c - 32] = either;
          }
        }
        if (positive) {
          // A match follows one of the class's characters, all ASCII (readClass reads no
          // other), which a non-ASCII one never equals, even case-insensitively without the
          // UNICODE_CASE flag: every other character blocks, and so does the text's start.
          for (int c = 0; c < 128; c++) {
            chars[c] = !chars[c];
          }
          mustFollowAscii = true;
        }
        notAfter = chars;
        at = end + 1;
      }
    }
    boolean boundaryFirst = re.startsWith("\\b", at);
    RegexBeginnings.Reader reader = new RegexBeginnings.Reader(re, at);
    RegexBeginnings.Starts starts = reader.alternatives();
    if (reader.failed || reader.pos != re.length() || starts.nullable) {
      return null;
    }
    if (reader.alternated) {
      // A leading lookbehind or \b belongs to the first alternative only.
      notAfter = null;
      mustFollowAscii = false;
    } else if (boundaryFirst && notAfter == null && isWordOnly(starts.first)) {
      // \b before a word character: the character before it is not one.
      notAfter = new boolean[128];
      RegexBeginnings.markEscape('w', notAfter);
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
    LeadWords lead = reader.alternated ? null : LeadWords.of(re, at, caseInsensitive);
    // Trying the regex at many candidates costs more than letting it search on its own.
    return count <= MAX_SKIPPED_FIRST
            || notAfter != null && count < 128
            || prefixBits != null
            || lead != null
        ? new MatchStarts(
            starts.first,
            starts.nonAscii,
            notAfter,
            mustFollowAscii,
            followingDigits,
            separators,
            prefixBits,
            caseInsensitive,
            lead)
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
    RegexBeginnings.markEscape('w', word);
    for (int c = 0; c < 128; c++) {
      if (first[c] && !word[c]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The words of a {@link RegexLeads.Lead} as a trie, so that one walk from a position finds every
   * word standing there, however many share a beginning ({@code pass}, {@code password}, {@code
   * passwd}); a position is a match start only where some word stands and is followed by a
   * character the rest of the regex may begin with. The words are ASCII and compared with ASCII
   * letters folded when the regex is case-insensitive, as Java's matcher compares them without the
   * UNICODE_CASE flag.
   */
  private static final class LeadWords {
    /** Per node, the characters of its edges and the nodes they lead to; node 0 is the root. */
    private final char[][] edges;

    private final int[][] targets;

    /** Per node, whether a word ends there. */
    private final boolean[] wordEnds;

    private final Set<String> words;

    private final boolean[] follow;
    private final boolean followNonAscii;
    private final boolean caseInsensitive;

    private LeadWords(RegexLeads.Lead lead, boolean caseInsensitive) {
      List<StringBuilder> nodeEdges = new ArrayList<>();
      List<List<Integer>> nodeTargets = new ArrayList<>();
      List<Boolean> ends = new ArrayList<>();
      nodeEdges.add(new StringBuilder());
      nodeTargets.add(new ArrayList<>());
      ends.add(false);
      for (String word : lead.words()) {
        int node = 0;
        for (int k = 0; k < word.length(); k++) {
          int edge = nodeEdges.get(node).indexOf(String.valueOf(word.charAt(k)));
          if (edge < 0) {
            nodeEdges.get(node).append(word.charAt(k));
            nodeTargets.get(node).add(nodeEdges.size());
            nodeEdges.add(new StringBuilder());
            nodeTargets.add(new ArrayList<>());
            ends.add(false);
            node = nodeEdges.size() - 1;
          } else {
            node = nodeTargets.get(node).get(edge);
          }
        }
        ends.set(node, true);
      }
      this.edges = new char[nodeEdges.size()][];
      this.targets = new int[nodeEdges.size()][];
      this.wordEnds = new boolean[nodeEdges.size()];
      for (int node = 0; node < edges.length; node++) {
        edges[node] = nodeEdges.get(node).toString().toCharArray();
        targets[node] = nodeTargets.get(node).stream().mapToInt(Integer::intValue).toArray();
        wordEnds[node] = ends.get(node);
      }
      this.words = lead.words();
      this.follow = lead.follow();
      this.followNonAscii = lead.followNonAscii();
      this.caseInsensitive = caseInsensitive;
    }

    /**
     * The trie of the regex's leading words, or null when it has none or they would tell no more
     * than the three-character beginnings: only a word longer than those, or a known following
     * character, makes the walk worth its cost.
     */
    static LeadWords of(String re, int at, boolean caseInsensitive) {
      RegexLeads.Lead lead = RegexLeads.lead(re, at, caseInsensitive);
      if (lead == null) {
        return null;
      }
      int longest = lead.words().stream().mapToInt(String::length).max().orElse(0);
      for (String word : lead.words()) {
        for (int k = 0; k < word.length(); k++) {
          if (word.charAt(k) >= 128) {
            return null;
          }
        }
      }
      return longest >= RegexBeginnings.PREFIX ? new LeadWords(lead, caseInsensitive) : null;
    }

    /** Whether a word stands at {@code at} followed by a character that may follow it. */
    boolean standsAt(String text, int at) {
      int n = text.length();
      int node = 0;
      for (int k = at; ; k++) {
        if (wordEnds[node] && follows(text, k)) {
          return true;
        }
        if (k >= n) {
          return false;
        }
        char c = text.charAt(k);
        if (caseInsensitive && c >= 'A' && c <= 'Z') {
          c = (char) (c + 32);
        }
        char[] out = edges[node];
        int next = -1;
        for (int e = 0; e < out.length; e++) {
          if (out[e] == c) {
            next = targets[node][e];
            break;
          }
        }
        if (next < 0) {
          return false;
        }
        node = next;
      }
    }

    private boolean follows(String text, int at) {
      if (follow == null) {
        return true;
      }
      if (at >= text.length()) {
        return false;
      }
      char c = text.charAt(at);
      return c < 128 ? follow[c] : followNonAscii;
    }
  }
}
