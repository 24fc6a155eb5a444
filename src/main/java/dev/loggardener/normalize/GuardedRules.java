package dev.loggardener.normalize;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Applies an ordered list of rules to a text, running each regex only when the rule's cheap guards
 * (trigger literals, digit-run length) say it can match.
 *
 * <p>The guards of all rules are evaluated together in one pass over the text: every trigger is
 * indexed by its first two lower-cased characters (small bit sets say which pairs, and which hashed
 * first three characters, start one), and the longest digit run is counted in the same pass, so a
 * message that no rule can touch costs one scan, not a {@code contains} per trigger or a regex per
 * rule. The index is rebuilt from the rules on deserialization rather than carried along.
 */
final class GuardedRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The most rules one stage may hold, so that the triggered set fits in a long. */
  static final int MAX_RULES = 64;

  private final List<Rule> rules;
  private final long alwaysRun;
  private final transient long[] singleCharRules = new long[128];

  /** Triggers of two characters, or with a non-ASCII one among the first three. */
  private final transient PairIndex shortTriggers = new PairIndex();

  private final transient boolean hasShortTriggers;

  /** Per rule, the characters its matches start with ({@link MatchStarts}), or null. */
  private final transient MatchStarts[] matchStarts;

  /** Triggers of three or more characters, the first three ASCII. */
  private final transient PairIndex longTriggers = new PairIndex();

  /**
   * One bit per hashed first three characters of {@link #longTriggers}: 4 KB that stay in cache and
   * spare the trigger comparison at most pairs of common words (re, se, to, co...).
   */
  private final transient long[] tripleBits = new long[(1 << TRIPLE_BITS) / 64];

  private static final int TRIPLE_BITS = 15;

  /** The rules with a digit-run guard, and the run each needs. */
  private final long digitRunRules;

  private final int[] minDigitRuns;

  private record Trigger(String text, long ruleBit) {}

  /** Triggers by their first two lower-cased characters, with a bit per non-empty slot. */
  private static final class PairIndex {
    private final Trigger[][] byPair = new Trigger[1 << 14][];
    private final long[] bits = new long[(1 << 14) / 64];

    void add(int key, Trigger trigger) {
      Trigger[] old = byPair[key] == null ? new Trigger[0] : byPair[key];
      Trigger[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = trigger;
      byPair[key] = grown;
      bits[key >>> 6] |= 1L << key;
    }

    /** Adds the rules of the triggers at {@code key} that occur at {@code at}. */
    long match(String text, char[] chars, int n, int at, int key, long found) {
      long result = found;
      for (Trigger t : byPair[key]) {
        if ((result & t.ruleBit) == 0 && occursAt(text, chars, n, at, t.text)) {
          result |= t.ruleBit;
        }
      }
      return result;
    }
  }

  /**
   * Whether the lower-case {@code trigger} occurs case-insensitively at {@code at}, as {@link
   * String#regionMatches(boolean, int, String, int, int)} says; ASCII characters are compared
   * directly and the first non-ASCII one hands the decision to it.
   */
  private static boolean occursAt(String text, char[] chars, int n, int at, String trigger) {
    int len = trigger.length();
    if (at + len > n) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      char c = chars[at + k];
      char t = trigger.charAt(k);
      if (c >= 128 || t >= 128) {
        return text.regionMatches(true, at, trigger, 0, len);
      }
      if (lower(c) != t) {
        return false;
      }
    }
    return true;
  }

  GuardedRules(List<Rule> rules) {
    if (rules.size() > MAX_RULES) {
      throw new IllegalArgumentException("RuleSet admits at most " + MAX_RULES + " per stage");
    }
    this.rules = List.copyOf(rules);
    long always = 0;
    boolean hasShort = false;
    for (int r = 0; r < rules.size(); r++) {
      long bit = 1L << r;
      Rule rule = rules.get(r);
      if (rule.triggers().isEmpty()) {
        always |= bit;
      }
      for (String trigger : rule.triggers()) {
        String t = trigger.toLowerCase(Locale.ROOT);
        if (t.length() == 1 && t.charAt(0) < 128) {
          singleCharRules[t.charAt(0)] |= bit;
        } else if (t.length() == 1) {
          always |= bit;
        } else {
          int key = pairKey(t.charAt(0), t.charAt(1));
          if (t.length() >= 3 && t.charAt(0) < 128 && t.charAt(1) < 128 && t.charAt(2) < 128) {
            longTriggers.add(key, new Trigger(t, bit));
            int triple = tripleHash(key << 7 | t.charAt(2));
            tripleBits[triple >>> 6] |= 1L << triple;
          } else {
            shortTriggers.add(key, new Trigger(t, bit));
            hasShort = true;
          }
        }
      }
    }
    this.matchStarts =
        this.rules.stream().map(rule -> MatchStarts.of(rule.pattern())).toArray(MatchStarts[]::new);
    this.alwaysRun = always;
    this.hasShortTriggers = hasShort;
    long withDigitRun = 0;
    this.minDigitRuns = new int[rules.size()];
    for (int r = 0; r < rules.size(); r++) {
      minDigitRuns[r] = rules.get(r).minDigitRun();
      if (minDigitRuns[r] > 0) {
        withDigitRun |= 1L << r;
      }
    }
    this.digitRunRules = withDigitRun;
  }

  /** Rebuilds the trigger index, whose tables are mostly empty slots, instead of reading it. */
  private Object readResolve() {
    return new GuardedRules(rules);
  }

  String apply(String text) {
    return apply(text, runnable(text));
  }

  /**
   * Applies the rules given their guards on {@code text}, as computed by {@link #runnable} here or
   * by an index over a list that starts with the same rules.
   */
  String apply(String text, long guards) {
    if (rules.isEmpty() || text.isEmpty()) {
      return text;
    }
    String current = text;
    long runnable = guards;
    for (int r = 0; r < rules.size(); r++) {
      if ((runnable & (1L << r)) == 0) {
        continue;
      }
      String next = rules.get(r).apply(current, matchStarts[r]);
      if (!next.equals(current)) {
        current = next;
        runnable = runnable(current);
      }
    }
    return current;
  }

  /**
   * The bit set of rules whose guards pass on the text: one of their triggers occurs in it
   * (case-insensitively) and its longest digit run is long enough. One pass computes both.
   */
  long runnable(String text) {
    return runnable(text, text.toCharArray(), text.length());
  }

  /**
   * {@link #runnable(String)} given the text's characters in {@code chars[0, n)}.
   *
   * <p>The last three lower-cased characters, seven bits each, roll through one int: its hashed
   * value is the triple filter of a long trigger ending here, its upper pair the trigger's index
   * key, its lower pair that of a short trigger.
   */
  long runnable(String text, char[] chars, int n) {
    long found = alwaysRun;
    long[] singleRules = singleCharRules;
    long[] shortBits = hasShortTriggers ? shortTriggers.bits : null;
    long[] longBits = longTriggers.bits;
    long[] triples = tripleBits;
    int longestRun = 0;
    int run = 0;
    int window = 0;
    for (int i = 0; i < n; i++) {
      char raw = chars[i];
      if (raw >= '0' && raw <= '9') {
        run++;
        if (run > longestRun) {
          longestRun = run;
        }
      } else if (run > 0 && !continuesDigitRun(chars, n, raw, i)) {
        run = 0;
      }
      // A long trigger at i - 2 needs its third character here; a non-ASCII one may still
      // equal it case-insensitively, so only an ASCII one is filtered by the hashed triple.
      boolean longCandidate;
      if (raw < 128) {
        char c = lower(raw);
        found |= singleRules[c];
        window = (window << 7 | c) & WINDOW_MASK;
        longCandidate = isSet(triples, tripleHash(window));
      } else {
        window = (window << 7 | (raw & 0x7F)) & WINDOW_MASK;
        longCandidate = true;
      }
      if (longCandidate && i > 1 && isSet(longBits, window >>> 7)) {
        found = longTriggers.match(text, chars, n, i - 2, window >>> 7, found);
      }
      if (shortBits != null && i > 0 && isSet(shortBits, window & PAIR_MASK)) {
        found = shortTriggers.match(text, chars, n, i - 1, window & PAIR_MASK, found);
      }
    }
    if ((found & digitRunRules) != 0) {
      for (int r = 0; r < minDigitRuns.length; r++) {
        if (longestRun < minDigitRuns[r]) {
          found &= ~(1L << r);
        }
      }
    }
    return found;
  }

  private static boolean isSet(long[] bits, int index) {
    return (bits[index >>> 6] & (1L << index)) != 0;
  }

  /** The hash of three ASCII characters, seven bits each. */
  private static int tripleHash(int triple) {
    return (triple * 0x9E3779B1) >>> (32 - TRIPLE_BITS);
  }

  private static final int PAIR_MASK = (1 << 14) - 1;
  private static final int WINDOW_MASK = (1 << 21) - 1;

  /** Whether a single space or dash at {@code i} sits between two digits of a run. */
  private static boolean continuesDigitRun(char[] chars, int n, char c, int i) {
    return (c == ' ' || c == '-') && i + 1 < n && chars[i + 1] >= '0' && chars[i + 1] <= '9';
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  private static int pairKey(char a, char b) {
    return ((a & 0x7F) << 7) | (b & 0x7F);
  }
}
