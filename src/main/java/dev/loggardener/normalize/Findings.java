package dev.loggardener.normalize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What redaction removed from one log entry: how many values per redaction class (the id of the
 * rule or detector), and the values themselves, so that a value redacted in one place of the entry
 * is redacted wherever else it appears in it ({@link #scrub}).
 *
 * <p>Not thread-safe: one instance serves one entry on one thread. The values are secrets: they are
 * never logged, stored or printed, and the instance is dropped with the entry.
 */
public final class Findings {
  /** Shorter values are not searched for elsewhere: they occur by chance in ordinary text. */
  static final int MIN_SCRUBBED_LENGTH = 6;

  /** A value of at least this many characters may count as random-looking. */
  static final int MIN_RANDOM_LENGTH = 16;

  /** Shannon entropy in bits per character that a random-looking value reaches. */
  static final double MIN_RANDOM_BITS = 3.0;

  /**
   * Counts per class and the values, both made at the first value recorded: redaction makes an
   * instance for every text it redacts, and most texts hold nothing to record.
   */
  private Map<String, Integer> counts;

  private List<String> values;

  /** Records that the rule or detector {@code redactionClass} removed {@code value}. */
  void add(String redactionClass, String value) {
    if (counts == null) {
      counts = new TreeMap<>();
      values = new ArrayList<>();
    }
    counts.merge(redactionClass, 1, Integer::sum);
    String bare = unquoted(value);
    if (bare.length() >= MIN_SCRUBBED_LENGTH && !bare.contains("<") && !values.contains(bare)) {
      values.add(bare);
    }
  }

  /** Records a value that is secret by where it stands (a label or field with a secret name). */
  void addValue(String redactionClass, String value) {
    if (value != null && !value.isEmpty()) {
      add(redactionClass, value);
    }
  }

  /** How many values each redaction class removed, by class id in order; never the values. */
  public Map<String, Integer> counts() {
    return counts == null ? Map.of() : Collections.unmodifiableMap(counts);
  }

  /** Whether nothing was removed. */
  public boolean isEmpty() {
    return counts == null;
  }

  /**
   * The text with every remaining occurrence of a removed value replaced by {@code <SECRET>}, an
   * occurrence being one not inside a longer word or number; the same text when none occurs.
   */
  String scrub(String text) {
    if (text == null || values == null || values.isEmpty()) {
      return text;
    }
    String current = text;
    for (String value : values) {
      int at = current.indexOf(value);
      if (at < 0) {
        continue;
      }
      StringBuilder out = new StringBuilder(current.length());
      int copied = 0;
      while (at >= 0) {
        int end = at + value.length();
        if (!isWordChar(current, at - 1) && !isWordChar(current, end)) {
          out.append(current, copied, at).append(SECRET);
          copied = end;
          counts.merge("once-secret", 1, Integer::sum);
        }
        at = current.indexOf(value, end);
      }
      current = out.append(current, copied, current.length()).toString();
    }
    return current;
  }

  private static final String SECRET = "<SECRET>";

  private static boolean isWordChar(String text, int at) {
    if (at < 0 || at >= text.length()) {
      return false;
    }
    char c = text.charAt(at);
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /**
   * The part of {@code match} that {@code replacement} does not keep: the match without the prefix
   * and suffix the two share ({@code password=hunter2} replaced by {@code password=<SECRET>}
   * removed {@code hunter2}).
   */
  static String removed(String match, String replacement) {
    int prefix = 0;
    int max = Math.min(match.length(), replacement.length());
    while (prefix < max && match.charAt(prefix) == replacement.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < max - prefix
        && match.charAt(match.length() - 1 - suffix)
            == replacement.charAt(replacement.length() - 1 - suffix)) {
      suffix++;
    }
    return match.substring(prefix, match.length() - suffix);
  }

  /**
   * Whether a value looks like a random token rather than a word or an ordinary id: at least
   * {@value #MIN_RANDOM_LENGTH} characters, letters and digits both, {@value #MIN_RANDOM_BITS} bits
   * of Shannon entropy per character or more, and neither a UUID nor a hexadecimal number or hash
   * (trace, span, session and request ids, digests), which the tokenizer masks as ids.
   */
  static boolean looksRandom(String value) {
    String bare = unquoted(value);
    int n = bare.length();
    if (n < MIN_RANDOM_LENGTH || ORDINARY_ID.matcher(bare).matches()) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    int[] frequency = new int[128];
    for (int i = 0; i < n; i++) {
      char c = bare.charAt(i);
      if (c >= 128) {
        return false;
      }
      letter |= Character.isLetter(c);
      digit |= Character.isDigit(c);
      frequency[c]++;
    }
    if (!letter || !digit) {
      return false;
    }
    double bits = 0;
    for (int count : frequency) {
      if (count > 0) {
        double p = (double) count / n;
        bits -= p * Math.log(p) / Math.log(2);
      }
    }
    return bits >= MIN_RANDOM_BITS;
  }

  private static final Pattern ORDINARY_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
              + "|(?:0[xX])?[0-9a-fA-F]+");

  private static String unquoted(String value) {
    String v = value.strip();
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
