package dev.loggardener.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The second, order-independent grouping step: merges fine templates that differ only in positions
 * whose values vary, and names each merged group by a stable id.
 *
 * <p>Each template is split into words and delimiters ({@code :} included, so {@code key:value}
 * aligns); a word containing a placeholder, and {@code true}/{@code false}, count as the variable
 * {@code <*>}; a list of placeholders counts as one; an empty {@code ()} or {@code key= } holds an
 * empty value that lines up with a filled one; a quoted phrase of several words is one value.
 * Templates with the same number of tokens form families: those that agree everywhere except at one
 * position (or, once no single position changes any more, at two positions). When the family shares
 * at least {@value #MIN_CONSTANT_WORDS} constant words (one more for two positions) and the
 * position shows a placeholder among its values, or at least {@value #MIN_VARIABLE_VALUES} distinct
 * values that are not all verb forms ({@code Started}, {@code Stopped}), the position becomes
 * {@code <*>} for the whole family. HTTP methods never merge. This repeats until nothing changes;
 * templates that end up equal form one group, whose template shows {@code <*>} at the merged
 * positions and whose id is the SHA-256 hex of {@code loggardener-group/1\n} followed by that
 * template.
 *
 * <p>The result is a pure function of the set of templates: the input is sorted, families are
 * visited in sorted order and positions in index order, never by arrival order or hash codes.
 * Counts are accepted so that callers pass what they have; they do not change the outcome today. A
 * template's group can change when the set changes: a new template may reveal that a position
 * varies (merging groups and renaming the merged group). Stored data stays consistent because
 * tables keep the fine fingerprint of every message and grouping is applied when reading (the
 * worklog groups the fine templates of its period); nothing stored is rewritten.
 */
public final class TemplateGrouper {
  /** Distinct values that make a position a variable rather than a word that names an event. */
  static final int MIN_VARIABLE_VALUES = 3;

  /** Constant words a family must share before its differences can be judged variable. */
  static final int MIN_CONSTANT_WORDS = 2;

  /** Positions beyond this take part in single-position judgements only, which bounds the cost. */
  static final int MAX_PAIR_LENGTH = 64;

  private static final String VARIABLE = "<*>";
  private static final String EMPTY = "";
  private static final java.util.Set<String> HTTP_METHODS =
      java.util.Set.of(
          "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE");

  private TemplateGrouper() {}

  /** Maps every template to the id of its group. */
  public static Map<String, String> groups(Map<String, Long> countsByTemplate) {
    Map<String, String> ids = new TreeMap<>();
    mergedTemplates(countsByTemplate)
        .forEach((template, merged) -> ids.put(template, groupId(merged)));
    return ids;
  }

  /** Maps every template to its group's template, which shows varying positions as {@code <*>}. */
  public static Map<String, String> mergedTemplates(Map<String, Long> countsByTemplate) {
    Map<Integer, List<Tokens>> byLength = new TreeMap<>();
    new TreeMap<>(countsByTemplate)
        .forEach(
            (template, count) -> {
              Tokens tokens = Tokens.of(template, count);
              byLength.computeIfAbsent(tokens.values.size(), k -> new ArrayList<>()).add(tokens);
            });
    Map<String, String> merged = new TreeMap<>();
    for (List<Tokens> sameLength : byLength.values()) {
      generalize(sameLength);
      Map<List<String>, List<Tokens>> groups = new TreeMap<>(TemplateGrouper::compareLists);
      sameLength.forEach(t -> groups.computeIfAbsent(t.values, k -> new ArrayList<>()).add(t));
      for (List<Tokens> group : groups.values()) {
        String template = render(group);
        group.forEach(t -> merged.put(t.template, template));
      }
    }
    return merged;
  }

  /** The id of a group whose template is {@code mergedTemplate}. */
  public static String groupId(String mergedTemplate) {
    return Fingerprinter.sha256Hex("loggardener-group/1\n" + mergedTemplate);
  }

  /**
   * Replaces a position by the variable in every family of templates that agree everywhere else and
   * show enough different values there, until nothing changes.
   */
  private static void generalize(List<Tokens> sameLength) {
    int length = sameLength.get(0).values.size();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int p = 0; p < length; p++) {
        changed |= generalizeAt(sameLength, p, -1);
      }
      for (int p = 0; !changed && p < Math.min(length, MAX_PAIR_LENGTH); p++) {
        for (int q = p + 1; q < Math.min(length, MAX_PAIR_LENGTH); q++) {
          changed |= generalizeAt(sameLength, p, q);
        }
      }
    }
  }

  /**
   * Judges the families of templates that agree everywhere except at {@code p} (and {@code q}, when
   * it is not negative); returns whether any position became a variable.
   */
  private static boolean generalizeAt(List<Tokens> sameLength, int p, int q) {
    Map<List<String>, List<Tokens>> families = new TreeMap<>(TemplateGrouper::compareLists);
    for (Tokens t : sameLength) {
      List<String> key = new ArrayList<>(t.values);
      key.set(p, "");
      if (q >= 0) {
        key.set(q, "");
      }
      families.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    boolean changed = false;
    int minWords = q < 0 ? MIN_CONSTANT_WORDS : MIN_CONSTANT_WORDS + 1;
    for (Map.Entry<List<String>, List<Tokens>> e : families.entrySet()) {
      List<Tokens> family = e.getValue();
      if (family.size() < 2 || constantWords(e.getKey()) < minWords) {
        continue;
      }
      if (isVariable(family, p) && (q < 0 || isVariable(family, q))) {
        family.forEach(t -> t.values.set(p, VARIABLE));
        if (q >= 0) {
          family.forEach(t -> t.values.set(q, VARIABLE));
        }
        changed = true;
      }
    }
    return changed;
  }

  private static int constantWords(List<String> key) {
    int words = 0;
    for (String token : key) {
      if (!token.isEmpty()
          && !token.equals(VARIABLE)
          && !(token.length() == 1 && Tokenizer.isDelimiter(token.charAt(0)))) {
        words++;
      }
    }
    return words;
  }

  private static boolean isVariable(List<Tokens> family, int position) {
    TreeMap<String, Long> values = new TreeMap<>();
    family.forEach(t -> values.merge(t.values.get(position), t.count, Long::sum));
    if (values.size() < 2 || values.keySet().stream().anyMatch(TemplateGrouper::isKeyword)) {
      return false;
    }
    return values.containsKey(VARIABLE)
        || values.size() >= MIN_VARIABLE_VALUES
            && !values.keySet().stream().allMatch(TemplateGrouper::isVerbForm);
  }

  /** Words that always name a different operation: HTTP methods. */
  private static boolean isKeyword(String word) {
    return HTTP_METHODS.contains(word);
  }

  /**
   * Whether a word looks like a verb form ({@code Started}, {@code stopping}): a position whose
   * values are all verb forms says what happened, so it names events rather than holding a value.
   */
  private static boolean isVerbForm(String word) {
    int n = word.length();
    if (n < 5) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!Character.isLetter(word.charAt(i))) {
        return false;
      }
    }
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith("ed") || lower.endsWith("ing");
  }

  private static int compareLists(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static String render(List<Tokens> group) {
    Tokens first = group.get(0);
    StringBuilder out = new StringBuilder();
    for (int p = 0; p < first.values.size(); p++) {
      if (p > 0 && first.spaceBefore.get(p)) {
        out.append(' ');
      }
      out.append(first.values.get(p));
    }
    return out.toString();
  }

  /** A template split into words and single delimiter characters. */
  private record Tokens(
      String template, long count, List<String> values, List<Boolean> spaceBefore) {
    static Tokens of(String template, long count) {
      List<String> values = new ArrayList<>();
      List<Boolean> spaces = new ArrayList<>();
      int n = template.length();
      int i = 0;
      boolean space = false;
      while (i < n) {
        char c = template.charAt(i);
        if (c == ' ') {
          space = true;
          i++;
          continue;
        }
        int end = i + 1;
        int close = c == '"' ? template.indexOf('"', i + 1) : -1;
        if (close > i + 1 && isMultiWordLiteral(template, i + 1, close)) {
          values.add("\"");
          spaces.add(space);
          String quoted = template.substring(i + 1, close);
          values.add(quoted);
          spaces.add(false);
          values.add("\"");
          spaces.add(false);
          space = false;
          i = close + 1;
          continue;
        }
        if (!isSplit(c)) {
          while (end < n && template.charAt(end) != ' ' && !isSplit(template.charAt(end))) {
            end++;
          }
        }
        String word = template.substring(i, end);
        String value =
            hasPlaceholder(word) || word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")
                ? VARIABLE
                : word;
        int last = values.size() - 1;
        if (value.equals(VARIABLE)
            && last >= 1
            && values.get(last).equals(",")
            && values.get(last - 1).equals(VARIABLE)) {
          values.remove(last);
          spaces.remove(last);
          i = end;
          continue;
        }
        values.add(value);
        spaces.add(space);
        space = false;
        i = end;
        if (isEmptySlot(c, i < n ? template.charAt(i) : ' ')) {
          values.add(EMPTY);
          spaces.add(false);
        }
      }
      return new Tokens(template, count, values, spaces);
    }

    /** A quoted text of several words without placeholders is one value, like a single word. */
    private static boolean isMultiWordLiteral(String template, int from, int to) {
      String quoted = template.substring(from, to);
      return quoted.indexOf(' ') >= 0 && !hasPlaceholder(quoted);
    }

    /** Delimiters of the normalizer plus {@code :}, which also separates keys from values. */
    private static boolean isSplit(char c) {
      return c == ':' || Tokenizer.isDelimiter(c);
    }

    /** An empty value ({@code ()}, {@code key= }) aligns with a filled one in another template. */
    private static boolean isEmptySlot(char delimiter, char next) {
      return switch (delimiter) {
        case '(' -> next == ')';
        case '[' -> next == ']';
        case '{' -> next == '}';
        case '=' -> next == ' ';
        default -> false;
      };
    }

    private static boolean hasPlaceholder(String word) {
      if (word.indexOf('<') < 0) {
        return false;
      }
      int open = word.indexOf('<');
      while (open >= 0) {
        int close = word.indexOf('>', open);
        if (close < 0) {
          return false;
        }
        if (TokenClassifier.isPlaceholder(word, open, close + 1)) {
          return true;
        }
        open = word.indexOf('<', open + 1);
      }
      return false;
    }
  }
}
