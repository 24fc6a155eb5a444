package dev.loggardener.normalize;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies an ordered list of rules to a text, running each regex only when the rule's cheap guards
 * (trigger literals, digit-run length) say it can match.
 *
 * <p>The guards of all rules are evaluated together in one pass over the text: every trigger is
 * indexed by its first two lower-cased characters (a small bit set says which pairs start one), and
 * the longest digit run is counted in the same pass, so a message that no rule can touch costs one
 * scan, not a {@code contains} per trigger or a regex per rule.
 */
final class GuardedRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The most rules one stage may hold, so that the triggered set fits in a long. */
  static final int MAX_RULES = 64;

  private final List<Rule> rules;
  private final long alwaysRun;
  private final boolean[] singleChar = new boolean[128];
  private final long[] singleCharRules = new long[128];
  private final Trigger[][] byPair = new Trigger[1 << 14][];

  /** One bit per non-empty {@link #byPair} slot: 2 KB that stay in cache while scanning. */
  private final long[] pairBits = new long[(1 << 14) / 64];

  /** The rules with a digit-run guard, and the run each needs. */
  private final long digitRunRules;

  private final int[] minDigitRuns;

  private record Trigger(String text, long ruleBit) implements Serializable {}

  GuardedRules(List<Rule> rules) {
    if (rules.size() > MAX_RULES) {
      throw new IllegalArgumentException("RuleSet admits at most " + MAX_RULES + " per stage");
    }
    this.rules = List.copyOf(rules);
    long always = 0;
    List<List<Trigger>> pairs = new ArrayList<>();
    for (int i = 0; i < byPair.length; i++) {
      pairs.add(null);
    }
    for (int r = 0; r < rules.size(); r++) {
      long bit = 1L << r;
      Rule rule = rules.get(r);
      if (rule.triggers().isEmpty()) {
        always |= bit;
      }
      for (String trigger : rule.triggers()) {
        String t = trigger.toLowerCase(Locale.ROOT);
        if (t.length() == 1 && t.charAt(0) < 128) {
          singleChar[t.charAt(0)] = true;
          singleCharRules[t.charAt(0)] |= bit;
        } else if (t.length() == 1) {
          always |= bit;
        } else {
          int key = pairKey(t.charAt(0), t.charAt(1));
          if (pairs.get(key) == null) {
            pairs.set(key, new ArrayList<>());
          }
          pairs.get(key).add(new Trigger(t, bit));
        }
      }
    }
    for (int i = 0; i < byPair.length; i++) {
      if (pairs.get(i) != null) {
        byPair[i] = pairs.get(i).toArray(Trigger[]::new);
        pairBits[i >>> 6] |= 1L << i;
      }
    }
    this.alwaysRun = always;
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

  String apply(String text) {
    if (rules.isEmpty() || text.isEmpty()) {
      return text;
    }
    String current = text;
    long runnable = runnable(current);
    for (int r = 0; r < rules.size(); r++) {
      if ((runnable & (1L << r)) == 0) {
        continue;
      }
      String next = rules.get(r).apply(current);
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
  private long runnable(String text) {
    long found = alwaysRun;
    int n = text.length();
    int longestRun = 0;
    int run = 0;
    char prev = 0;
    for (int i = 0; i < n; i++) {
      char raw = text.charAt(i);
      if (raw >= '0' && raw <= '9') {
        run++;
        if (run > longestRun) {
          longestRun = run;
        }
      } else if (run > 0 && !continuesDigitRun(text, raw, i)) {
        run = 0;
      }
      char c = lower(raw);
      if (c < 128 && singleChar[c]) {
        found |= singleCharRules[c];
      }
      if (i > 0) {
        int key = pairKey(prev, c);
        if ((pairBits[key >>> 6] & (1L << key)) != 0) {
          found = matchPairTriggers(text, i, key, found);
        }
      }
      prev = c;
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

  private long matchPairTriggers(String text, int i, int key, long found) {
    long result = found;
    for (Trigger t : byPair[key]) {
      if ((result & t.ruleBit) == 0
          && text.regionMatches(true, i - 1, t.text, 0, t.text.length())) {
        result |= t.ruleBit;
      }
    }
    return result;
  }

  /** Whether a single space or dash at {@code i} sits between two digits of a run. */
  private static boolean continuesDigitRun(String text, char c, int i) {
    return (c == ' ' || c == '-')
        && i + 1 < text.length()
        && text.charAt(i + 1) >= '0'
        && text.charAt(i + 1) <= '9';
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  private static int pairKey(char a, char b) {
    return ((a & 0x7F) << 7) | (b & 0x7F);
  }
}
