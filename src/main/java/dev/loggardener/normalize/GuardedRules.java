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
 * indexed by its first two lower-cased characters, so a message that no rule can touch costs one
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
      }
    }
    this.alwaysRun = always;
  }

  String apply(String text) {
    if (rules.isEmpty() || text.isEmpty()) {
      return text;
    }
    String current = text;
    long triggered = triggered(current);
    int digitRun = -1;
    for (int r = 0; r < rules.size(); r++) {
      if ((triggered & (1L << r)) == 0) {
        continue;
      }
      Rule rule = rules.get(r);
      if (rule.minDigitRun() > 0) {
        if (digitRun < 0) {
          digitRun = longestDigitRun(current);
        }
        if (digitRun < rule.minDigitRun()) {
          continue;
        }
      }
      String next = rule.apply(current);
      if (!next.equals(current)) {
        current = next;
        triggered = triggered(current);
        digitRun = -1;
      }
    }
    return current;
  }

  /** The bit set of rules whose triggers occur in the text (case-insensitively). */
  private long triggered(String text) {
    long found = alwaysRun;
    int n = text.length();
    char prev = lower(text.charAt(0));
    if (prev < 128 && singleChar[prev]) {
      found |= singleCharRules[prev];
    }
    for (int i = 1; i < n; i++) {
      char c = lower(text.charAt(i));
      if (c < 128 && singleChar[c]) {
        found |= singleCharRules[c];
      }
      Trigger[] candidates = byPair[pairKey(prev, c)];
      if (candidates != null) {
        for (Trigger t : candidates) {
          if ((found & t.ruleBit) == 0
              && text.regionMatches(true, i - 1, t.text, 0, t.text.length())) {
            found |= t.ruleBit;
          }
        }
      }
      prev = c;
    }
    return found;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  private static int pairKey(char a, char b) {
    return ((a & 0x7F) << 7) | (b & 0x7F);
  }

  /** The longest run of digits, where single spaces or dashes between digits do not break it. */
  static int longestDigitRun(String text) {
    int best = 0;
    int run = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        run++;
        if (run > best) {
          best = run;
        }
      } else if (!((c == ' ' || c == '-')
          && run > 0
          && i + 1 < n
          && text.charAt(i + 1) >= '0'
          && text.charAt(i + 1) <= '9')) {
        run = 0;
      }
    }
    return best;
  }
}
