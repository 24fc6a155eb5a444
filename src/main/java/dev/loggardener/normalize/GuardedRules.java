package dev.loggardener.normalize;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Applies an ordered list of rules to a text, running each regex only when the rule's cheap guards
 * (trigger literals, digit-run length) say it can match.
 *
 * <p>The guards of all rules are evaluated together: one pass over the text finds the triggers of
 * three or more characters (a second one those of two, when there are any), each indexed by its
 * first two lower-cased characters (small bit sets say which pairs, and which hashed first three
 * characters, start one); one-character triggers are looked up with {@code indexOf}, and the
 * longest digit run is measured only where a long enough one can be. So a message that no rule can
 * touch costs one scan, not a {@code contains} per trigger or a regex per rule. The index is
 * rebuilt from the rules on deserialization rather than carried along.
 */
final class GuardedRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The most rules one stage may hold, so that the triggered set fits in a long. */
  static final int MAX_RULES = 64;

  private final List<GuardedStep> rules;
  private final long alwaysRun;

  /** One bit per rule. */
  private final long allRules;

  private final transient long[] singleCharRules = new long[128];

  /**
   * The ASCII characters that are a whole trigger, lower-case; their rules are in singleCharRules.
   */
  private final transient char[] singleCharTriggers;

  /** Triggers of two characters, or with a non-ASCII one among the first three. */
  private final transient PairIndex shortTriggers = new PairIndex();

  private final transient boolean hasShortTriggers;

  /** Per rule, the characters its matches start with ({@link MatchStarts}), or null. */
  private final transient MatchStarts[] matchStarts;

  /**
   * Per rule, how far before the first trigger of a {@link TriggerSpan} its matches may begin, when
   * it is a {@link Rule} whose every match begins with a leading word that holds one of the long
   * triggers of these rules ({@link MatchStarts#triggerReach}): such a rule is tried only from
   * there to the span's last trigger, the span being that of a scan for at least these triggers. -1
   * for every other rule, which is tried on the whole text.
   */
  private final transient int[] reach;

  /**
   * Triggers of three or more characters, the first three ASCII, by their first two; looked up only
   * where the third character is non-ASCII (and may equal a trigger's case-insensitively).
   */
  private final transient PairIndex longTriggers = new PairIndex();

  /**
   * The same triggers by their hashed first three characters ({@link #tripleHash}), each slot
   * holding those whose lower-cased first three hash there, looked up where the third character is
   * ASCII: a common pair (se, co, to) is then compared only with the triggers that share the third
   * character too, not with every one that shares the pair.
   */
  private final transient Trigger[][] byTriple = new Trigger[1 << TRIPLE_BITS][];

  /**
   * One bit per hashed first three characters of {@link #longTriggers}: 4 KB that stay in cache and
   * spare the trigger comparison at most pairs of common words (re, se, to, co...).
   */
  private final transient long[] tripleBits = new long[(1 << TRIPLE_BITS) / 64];

  private static final int TRIPLE_BITS = 15;

  /**
   * One bit per hashed first four characters of the long triggers that have four ASCII ones ({@link
   * #quadHash}), asked at a hit of {@link #tripleBits} before the triggers are compared: the first
   * three characters of long catalog triggers are common in ordinary words ({@code ver} of {@code
   * vercel}, {@code con} of {@code confluence}), and most such hits end at the fourth.
   */
  private final transient long[] quadBits = new long[(1 << QUAD_BITS) / 64];

  /**
   * The slots of {@link #tripleBits} that hold a trigger which the four-character filter does not
   * cover (three characters long, or a non-ASCII fourth): a hit there is always compared.
   */
  private final transient long[] unfilteredTriples = new long[(1 << TRIPLE_BITS) / 64];

  private static final int QUAD_BITS = 15;

  /** What the rules write in place of what they remove ({@link GuardedStep#placeholders}). */
  private final transient String[] placeholders;

  /** The rules with a digit-run guard, and the run each needs. */
  private final long digitRunRules;

  private final int[] minDigitRuns;

  /** The shortest run of {@link #minDigitRuns} above zero, or zero when none is. */
  private final int shortestDigitRun;

  /**
   * Per rule, whether its matches all begin inside the stretches a scan records as holding a long
   * enough digit run ({@link MatchStarts#startsInDigitRunOf}), so that it is tried there only: the
   * card-number rule, which otherwise looks at every digit of every message with a long number.
   */
  private final transient boolean[] inDigitStretches;

  /**
   * A trigger, lower-case, and the rules it guards.
   *
   * @param text the trigger
   * @param ruleBits one bit per rule it guards
   * @param triple its first three characters, seven bits each, or -1 when it is shorter or one of
   *     them is non-ASCII
   */
  private record Trigger(String text, long ruleBits, int triple) {
    Trigger(String text, long ruleBits) {
      this(text, ruleBits, tripleOf(text));
    }

    private static int tripleOf(String text) {
      if (text.length() < 3 || text.charAt(0) >= 128 || text.charAt(1) >= 128) {
        return -1;
      }
      return text.charAt(2) >= 128
          ? -1
          : text.charAt(0) << 14 | text.charAt(1) << 7 | text.charAt(2);
    }
  }

  /** Triggers by their first two lower-cased characters, with a bit per non-empty slot. */
  private static final class PairIndex {
    private final Trigger[][] byPair = new Trigger[1 << 14][];
    private final long[] bits = new long[(1 << 14) / 64];

    /**
     * Adds a trigger; one that several rules share is kept once with all their bits, since the
     * secret-like words guard several context rules each and are common in ordinary messages.
     */
    void add(int key, Trigger trigger) {
      byPair[key] = withTrigger(byPair[key], trigger);
      bits[key >>> 6] |= 1L << key;
    }

    /** Adds the rules of the triggers at {@code key} that occur at {@code at}. */
    long match(String text, char[] chars, int n, int at, int key, long found) {
      long result = found;
      for (Trigger t : byPair[key]) {
        if ((result & t.ruleBits) != t.ruleBits && occursAt(text, chars, n, at, t.text)) {
          result |= t.ruleBits;
        }
      }
      return result;
    }
  }

  /** {@code slot} with {@code trigger} added, or its rules added to the same text already there. */
  private static Trigger[] withTrigger(Trigger[] slot, Trigger trigger) {
    Trigger[] old = slot == null ? new Trigger[0] : slot;
    for (int k = 0; k < old.length; k++) {
      if (old[k].text.equals(trigger.text)) {
        Trigger[] merged = old.clone();
        merged[k] = new Trigger(trigger.text, old[k].ruleBits | trigger.ruleBits);
        return merged;
      }
    }
    Trigger[] grown = Arrays.copyOf(old, old.length + 1);
    grown[old.length] = trigger;
    return grown;
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

  GuardedRules(List<? extends GuardedStep> rules) {
    if (rules.size() > MAX_RULES) {
      throw new IllegalArgumentException("RuleSet admits at most " + MAX_RULES + " per stage");
    }
    this.rules = List.copyOf(rules);
    long always = 0;
    boolean hasShort = false;
    for (int r = 0; r < rules.size(); r++) {
      long bit = 1L << r;
      GuardedStep rule = rules.get(r);
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
          if (isLong(t)) {
            longTriggers.add(key, new Trigger(t, bit));
            int triple = tripleHash(key << 7 | t.charAt(2));
            tripleBits[triple >>> 6] |= 1L << triple;
            byTriple[triple] = withTrigger(byTriple[triple], new Trigger(t, bit));
            if (t.length() >= 4 && t.charAt(3) < 128) {
              int quad = quadHash((key << 7 | t.charAt(2)) << 7 | t.charAt(3));
              quadBits[quad >>> 6] |= 1L << quad;
            } else {
              unfilteredTriples[triple >>> 6] |= 1L << triple;
            }
          } else {
            shortTriggers.add(key, new Trigger(t, bit));
            hasShort = true;
          }
        }
      }
    }
    this.matchStarts =
        this.rules.stream().map(GuardedStep::matchStarts).toArray(MatchStarts[]::new);
    // A span is that of a scan for at least these triggers, so a rule's matches may begin with a
    // word that holds any of them, not only one of its own.
    List<String> longTriggers =
        rules.stream()
            .flatMap(rule -> rule.triggers().stream())
            .map(t -> t.toLowerCase(Locale.ROOT))
            .filter(GuardedRules::isLong)
            .distinct()
            .toList();
    this.reach = new int[rules.size()];
    for (int r = 0; r < rules.size(); r++) {
      reach[r] =
          rules.get(r) instanceof Rule && matchStarts[r] != null
              ? matchStarts[r].triggerReach(longTriggers)
              : -1;
    }
    this.placeholders =
        rules.stream()
            .flatMap(rule -> rule.placeholders().stream())
            .distinct()
            .toArray(String[]::new);
    this.alwaysRun = always;
    this.allRules = rules.size() == MAX_RULES ? -1L : (1L << rules.size()) - 1;
    StringBuilder singles = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      if (singleCharRules[c] != 0) {
        singles.append(c);
      }
    }
    this.singleCharTriggers = singles.toString().toCharArray();
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
    this.shortestDigitRun = Arrays.stream(minDigitRuns).filter(run -> run > 0).min().orElse(0);
    this.inDigitStretches = new boolean[rules.size()];
    for (int r = 0; r < rules.size(); r++) {
      inDigitStretches[r] =
          rules.get(r) instanceof Rule
              && reach[r] < 0
              && minDigitRuns[r] > 0
              && matchStarts[r] != null
              && matchStarts[r].startsInDigitRunOf(shortestDigitRun);
    }
  }

  /** Whether rule {@code r} is tried only within digit stretches; for tests. */
  boolean triedInDigitStretches(int r) {
    return inDigitStretches[r];
  }

  /**
   * How far before the first trigger of a span rule {@code r}'s matches may begin, or -1 when it is
   * not tried within spans ({@link #reach}); for tests and benchmarks.
   */
  int spanReach(int r) {
    return reach[r];
  }

  /** Whether a trigger is found by the scan for long ones: three characters or more, ASCII. */
  private static boolean isLong(String trigger) {
    return trigger.length() >= 3
        && trigger.charAt(0) < 128
        && trigger.charAt(1) < 128
        && trigger.charAt(2) < 128;
  }

  /** Rebuilds the trigger index, whose tables are mostly empty slots, instead of reading it. */
  private Object readResolve() {
    return new GuardedRules(rules);
  }

  String apply(String text) {
    return apply(text, runnable(text), null);
  }

  /**
   * Applies the rules given their guards on {@code text}, as computed by {@link #runnable} here or
   * by an index over a list that starts with the same rules; each value removed is reported to
   * {@code findings} when it is not null.
   */
  String apply(String text, long guards, Findings findings) {
    return apply(text, guards, null, findings);
  }

  /**
   * {@link #apply(String, long, Findings)} given also where the scan that computed the guards saw
   * triggers begin ({@code span}, null when not known): a rule with a {@link #reach} is tried only
   * where its matches can begin.
   */
  String apply(String text, long guards, TriggerSpan span, Findings findings) {
    if (rules.isEmpty() || text.isEmpty()) {
      return text;
    }
    String current = text;
    TriggerSpan where = span;
    // The rules still to try, in order: only those whose guards pass are visited, and after a
    // rule changes the text the guards of the later ones, and where triggers stand, are computed
    // again.
    long pending = guards & allRules;
    while (pending != 0) {
      int r = Long.numberOfTrailingZeros(pending);
      pending &= pending - 1;
      String next;
      if (reach[r] >= 0 && where != null && where.first >= 0) {
        next =
            ((Rule) rules.get(r))
                .apply(
                    current,
                    matchStarts[r],
                    Math.max(0, where.first - reach[r]),
                    where.last,
                    findings);
      } else if (inDigitStretches[r] && where != null && where.digitsFrom >= 0) {
        next =
            ((Rule) rules.get(r))
                .apply(current, matchStarts[r], where.digitsFrom, where.digitsTo - 1, findings);
      } else {
        next = rules.get(r).apply(current, matchStarts[r], findings);
      }
      if (!next.equals(current)) {
        current = next;
        where = new TriggerSpan();
        pending =
            runnable(current, withoutPlaceholders(current), current.length(), where) & (-2L << r);
      }
    }
    return current;
  }

  /**
   * The characters of a text that a rule changed, with the placeholders the rules write blanked,
   * for the scan of the later rules' guards: the {@code <SECRET>} a rule just wrote holds secret-
   * like words, and no shipped rule matches a placeholder (GuardedRulesTest checks redaction this
   * way against every step applied in order), so its triggers would only run rules that leave the
   * text as it is.
   */
  private char[] withoutPlaceholders(String text) {
    char[] chars = text.toCharArray();
    for (String placeholder : placeholders) {
      for (int at = text.indexOf(placeholder); at >= 0; at = text.indexOf(placeholder, at + 1)) {
        Arrays.fill(chars, at, at + placeholder.length(), ' ');
      }
    }
    return chars;
  }

  /**
   * The bit set of rules whose guards pass on the text: one of their triggers occurs in it
   * (case-insensitively) and its longest digit run is long enough. One pass computes both.
   */
  long runnable(String text) {
    return runnable(text, text.toCharArray(), text.length(), null);
  }

  /**
   * {@link #runnable(String)} given the text's characters in {@code chars[0, n)}, recording in
   * {@code span} (when not null) where triggers of three or more characters may begin.
   *
   * <p>In the scan for long triggers the last three lower-cased characters, seven bits each, roll
   * through one int: its hashed value is the triple filter of a trigger ending here, its upper pair
   * the trigger's index key; short triggers, none in the default rules, are scanned apart by their
   * pair. The digit run is measured apart too ({@link DigitRuns#longest}), which keeps the
   * per-character loop free of the branches on digits that log messages make unpredictable.
   */
  long runnable(String text, char[] chars, int n, TriggerSpan span) {
    long found = alwaysRun | singleCharRulesIn(text) | longTriggerRulesIn(text, chars, n, span);
    if (hasShortTriggers) {
      found = shortTriggerRulesIn(text, chars, n, found);
    }
    if ((found & digitRunRules) != 0) {
      int longestRun = DigitRuns.longest(chars, n, shortestDigitRun, span);
      for (int r = 0; r < minDigitRuns.length; r++) {
        if (longestRun < minDigitRuns[r]) {
          found &= ~(1L << r);
        }
      }
    }
    return found;
  }

  /**
   * The rules of the triggers of three or more characters that occur in {@code chars[0, n)}; where
   * they may begin goes to {@code span} when it is not null.
   */
  private long longTriggerRulesIn(String text, char[] chars, int n, TriggerSpan span) {
    long found = 0;
    int first = -1;
    int last = -1;
    long[] longBits = longTriggers.bits;
    long[] triples = tripleBits;
    int window = 0;
    for (int i = 0; i < n; i++) {
      char raw = chars[i];
      window = (window << 7 | (raw < 128 ? LOWER[raw] : raw & 0x7F)) & WINDOW_MASK;
      // A long trigger at i - 2 needs its third character here; a non-ASCII one may still
      // equal it case-insensitively, so only an ASCII one is looked up by its triple, and a
      // non-ASCII one leads to every trigger of the pair.
      if (raw < 128) {
        int hash = tripleHash(window);
        if (isSet(triples, hash) && i > 1 && mayStartTrigger(chars, n, i, window, hash)) {
          found = tripleMatch(text, chars, n, i - 2, window, hash, found);
          first = first < 0 ? i - 2 : first;
          last = i - 2;
        }
      } else if (i > 1 && isSet(longBits, window >>> 7)) {
        found = longTriggers.match(text, chars, n, i - 2, window >>> 7, found);
        first = first < 0 ? i - 2 : first;
        last = i - 2;
      }
    }
    if (span != null) {
      span.first = first;
      span.last = last;
    }
    return found;
  }

  /**
   * Whether a trigger may start at {@code i - 2}, whose first three characters {@code window} hit
   * the triple filter: the fourth character, when every trigger of the slot has an ASCII one, must
   * be the fourth of one of them (a non-ASCII one in the text is left to the comparison, which may
   * fold it).
   */
  private boolean mayStartTrigger(char[] chars, int n, int i, int window, int hash) {
    if (isSet(unfilteredTriples, hash)) {
      return true;
    }
    if (i + 1 >= n) {
      return false;
    }
    char fourth = chars[i + 1];
    return fourth >= 128 || isSet(quadBits, quadHash(window << 7 | LOWER[fourth]));
  }

  /**
   * Adds the rules of the triggers whose first three characters are {@code window} (the ASCII
   * characters at {@code at} lower-cased, or a non-ASCII one reduced to seven bits, as in the pair
   * index) and that occur at {@code at}: exactly the triggers of the pair index at the window's
   * first two that can occur there, since one whose third character differs from an ASCII one
   * cannot.
   */
  private long tripleMatch(
      String text, char[] chars, int n, int at, int window, int hash, long found) {
    long result = found;
    for (Trigger t : byTriple[hash]) {
      if (t.triple == window
          && (result & t.ruleBits) != t.ruleBits
          && occursAt(text, chars, n, at, t.text)) {
        result |= t.ruleBits;
      }
    }
    return result;
  }

  /** Adds to {@code found} the rules of the two-character or non-ASCII triggers in the text. */
  private long shortTriggerRulesIn(String text, char[] chars, int n, long found) {
    long result = found;
    long[] shortBits = shortTriggers.bits;
    int pair = 0;
    for (int i = 0; i < n; i++) {
      char raw = chars[i];
      pair = (pair << 7 | (raw < 128 ? LOWER[raw] : raw & 0x7F)) & PAIR_MASK;
      if (i > 0 && isSet(shortBits, pair)) {
        result = shortTriggers.match(text, chars, n, i - 1, pair, result);
      }
    }
    return result;
  }

  /**
   * The rules of the one-character triggers in {@code text}: {@link String#indexOf(int)} searches
   * many characters per step, and the per-character loop is spared a table load.
   */
  private long singleCharRulesIn(String text) {
    long found = 0;
    for (char c : singleCharTriggers) {
      char upper = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
      if (text.indexOf(c) >= 0 || (upper != c && text.indexOf(upper) >= 0)) {
        found |= singleCharRules[c];
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

  /** The hash of four ASCII characters, seven bits each. */
  private static int quadHash(int quad) {
    return (quad * 0x9E3779B1) >>> (32 - QUAD_BITS);
  }

  private static final int PAIR_MASK = (1 << 14) - 1;
  private static final int WINDOW_MASK = (1 << 21) - 1;

  /** ASCII characters lower-cased, one table load instead of a compare per character. */
  private static final char[] LOWER = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      LOWER[c] = lower(c);
    }
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  private static int pairKey(char a, char b) {
    return ((a & 0x7F) << 7) | (b & 0x7F);
  }
}
