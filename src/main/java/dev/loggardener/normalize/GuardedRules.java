package dev.loggardener.normalize;

import java.io.Serializable;
import java.util.List;

/**
 * Applies an ordered list of rules to a text, running each regex only when the rule's cheap guards
 * (trigger literals, digit-run length) say it can match.
 *
 * <p>The guards are computed once per text in a single pass, so a message that no rule can touch
 * costs one scan plus a few {@code contains} calls instead of a regex per rule.
 */
final class GuardedRules implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Rule> rules;

  GuardedRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  String apply(String text) {
    if (rules.isEmpty() || text.isEmpty()) {
      return text;
    }
    String lower = asciiLower(text);
    int digitRun = longestDigitRun(text);
    String current = text;
    for (Rule rule : rules) {
      if (rule.triggeredBy(lower, digitRun)) {
        String next = rule.apply(current);
        if (!next.equals(current)) {
          current = next;
          lower = asciiLower(current);
          digitRun = longestDigitRun(current);
        }
      }
    }
    return current;
  }

  private static String asciiLower(String text) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        break;
      }
      i++;
    }
    if (i == n) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (; i < n; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') {
        chars[i] = (char) (c + 32);
      }
    }
    return new String(chars);
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
