package dev.loggardener.normalize;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** Tokens a variable span may take: a value with its unit and a converted copy in brackets. */
  static final int MAX_SPAN = 8;

  /** Constant words a free-form tail must follow before templates merge on it. */
  static final int MIN_PREFIX_WORDS = 3;

  /** Tokens a free-form tail may take. */
  static final int MAX_TAIL = 8;

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
    return groups(countsByTemplate, EnumSet.allOf(Step.class));
  }

  /** {@link #groups(Map)} with only some of the merge steps. */
  static Map<String, String> groups(Map<String, Long> countsByTemplate, Set<Step> steps) {
    Map<String, String> ids = new TreeMap<>();
    mergedTemplates(countsByTemplate, steps)
        .forEach((template, merged) -> ids.put(template, groupId(merged)));
    return ids;
  }

  /**
   * The merge steps, which the Loghub evaluation switches off one at a time to see on which systems
   * each one fires.
   */
  enum Step {
    /** One varying position in templates of equal length. */
    POSITIONS,
    /** Two positions varying together, once single positions change nothing. */
    POSITION_PAIRS,
    /** A value written in a varying number of tokens. */
    VARIABLE_SPANS,
    /** A redacted or masked free-form tail after a shared constant prefix. */
    FREE_TAILS
  }

  /** Maps every template to its group's template, which shows varying positions as {@code <*>}. */
  public static Map<String, String> mergedTemplates(Map<String, Long> countsByTemplate) {
    return mergedTemplates(countsByTemplate, EnumSet.allOf(Step.class));
  }

  /** {@link #mergedTemplates(Map)} with only some of the merge steps. */
  static Map<String, String> mergedTemplates(Map<String, Long> countsByTemplate, Set<Step> steps) {
    List<Tokens> all = new ArrayList<>();
    new TreeMap<>(countsByTemplate)
        .forEach((template, count) -> all.add(Tokens.of(template, count)));
    generalizeByLength(all, steps);
    boolean spanSteps = steps.contains(Step.VARIABLE_SPANS);
    List<Tokens> spans = new ArrayList<>();
    for (Tokens t : all) {
      spans.add(spanSteps ? t.withSpansCollapsed() : t);
    }
    if (spanSteps) {
      generalizeByLength(spans, steps);
    }
    Map<List<String>, List<Tokens>> groups = new TreeMap<>(TemplateGrouper::compareLists);
    for (int i = 0; i < all.size(); i++) {
      groups.computeIfAbsent(spans.get(i).values, k -> new ArrayList<>()).add(all.get(i));
    }
    List<List<Tokens>> merged =
        steps.contains(Step.FREE_TAILS) ? mergeFreeTails(groups) : List.copyOf(groups.values());
    Map<String, String> templates = new TreeMap<>();
    for (List<Tokens> group : merged) {
      String template = render(group);
      group.forEach(t -> templates.put(t.template, template));
    }
    return templates;
  }

  private static void generalizeByLength(List<Tokens> tokens, Set<Step> steps) {
    Map<Integer, List<Tokens>> byLength = new TreeMap<>();
    tokens.forEach(t -> byLength.computeIfAbsent(t.values.size(), k -> new ArrayList<>()).add(t));
    byLength.values().forEach(sameLength -> generalize(sameLength, steps));
  }

  /**
   * Joins the groups whose templates share a constant prefix of at least {@value #MIN_PREFIX_WORDS}
   * words and end, within {@value #MAX_TAIL} tokens, in a free-form tail that holds a value a
   * redact or mask rule replaced ({@code rejected for <EMAIL>}, {@code rejected for user admin
   * password=<SECRET>}): what a rule had to hide was free text, and the words around it vary with
   * it. Groups are visited in sorted order and joined transitively, so the result depends only on
   * the set of groups.
   */
  private static List<List<Tokens>> mergeFreeTails(Map<List<String>, List<Tokens>> groups) {
    List<List<Tokens>> list = new ArrayList<>(groups.values());
    int[] parent = new int[list.size()];
    Map<List<String>, Integer> firstByPrefix = new TreeMap<>(TemplateGrouper::compareLists);
    for (int g = 0; g < list.size(); g++) {
      parent[g] = g;
      Tokens t = list.get(g).get(0);
      for (int k : t.freeTailStarts()) {
        Integer other = firstByPrefix.putIfAbsent(t.values.subList(0, k), g);
        if (other != null) {
          union(parent, other, g);
        }
      }
    }
    Map<Integer, List<Tokens>> joined = new TreeMap<>();
    for (int g = 0; g < list.size(); g++) {
      joined.computeIfAbsent(find(parent, g), k -> new ArrayList<>()).addAll(list.get(g));
    }
    return new ArrayList<>(joined.values());
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      i = parent[i];
    }
    return i;
  }

  /** The id of a group whose template is {@code mergedTemplate}. */
  public static String groupId(String mergedTemplate) {
    return Fingerprinter.sha256Hex("loggardener-group/1\n" + mergedTemplate);
  }

  /**
   * Replaces a position by the variable in every family of templates that agree everywhere else and
   * show enough different values there, until nothing changes.
   */
  private static void generalize(List<Tokens> sameLength, Set<Step> steps) {
    int length = sameLength.get(0).values.size();
    boolean single = steps.contains(Step.POSITIONS);
    boolean pairs = steps.contains(Step.POSITION_PAIRS);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int p = 0; single && p < length; p++) {
        changed |= generalizeAt(sameLength, p, -1);
      }
      for (int p = 0; pairs && !changed && p < Math.min(length, MAX_PAIR_LENGTH); p++) {
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

  /**
   * The template of a group: its members' common form when they have one; otherwise the form with
   * variable spans collapsed when that is common; otherwise (a free tail) the longest common prefix
   * followed by the variable.
   */
  private static String render(List<Tokens> group) {
    Tokens first = group.get(0);
    if (group.stream().allMatch(t -> t.values.equals(first.values))) {
      return first.render(first.values.size(), false);
    }
    Tokens spans = first.withSpansCollapsed();
    if (group.stream().allMatch(t -> t.withSpansCollapsed().values.equals(spans.values))) {
      generalizeAgainst(spans, group);
      return spans.render(spans.values.size(), false);
    }
    int common = spans.values.size();
    for (Tokens t : group) {
      List<String> other = t.withSpansCollapsed().values;
      int k = 0;
      while (k < common && k < other.size() && other.get(k).equals(spans.values.get(k))) {
        k++;
      }
      common = k;
    }
    return spans.render(common, true);
  }

  /** Marks as variable the positions where the collapsed forms of the group's members differ. */
  private static void generalizeAgainst(Tokens spans, List<Tokens> group) {
    for (Tokens t : group) {
      List<String> other = t.withSpansCollapsed().values;
      for (int p = 0; p < spans.values.size(); p++) {
        if (!other.get(p).equals(spans.values.get(p))) {
          spans.values.set(p, VARIABLE);
        }
      }
    }
  }

  /** A template split into words and single delimiter characters. */
  private record Tokens(
      String template,
      long count,
      List<String> values,
      List<Boolean> spaceBefore,
      List<Boolean> ruleValue) {

    /** The tokens up to {@code length}, followed by a variable when {@code tail} is set. */
    String render(int length, boolean tail) {
      StringBuilder out = new StringBuilder();
      for (int p = 0; p < length; p++) {
        if (p > 0 && spaceBefore.get(p)) {
          out.append(' ');
        }
        out.append(values.get(p));
      }
      if (tail) {
        out.append(length > 0 ? " " : "").append(VARIABLE);
      }
      return out.toString();
    }

    /**
     * A copy in which each variable span becomes one variable: a run of at most {@value #MAX_SPAN}
     * tokens that starts with a variable and holds only variables, commas and balanced brackets
     * ({@code <*> (<*>)} beside {@code <*>}), so that a value written in a varying number of tokens
     * lines up with a value written in one.
     */
    Tokens withSpansCollapsed() {
      List<String> v = new ArrayList<>();
      List<Boolean> sp = new ArrayList<>();
      List<Boolean> rv = new ArrayList<>();
      int n = values.size();
      int p = 0;
      while (p < n) {
        int end = values.get(p).equals(VARIABLE) ? spanEnd(p) : p + 1;
        boolean rule = false;
        for (int k = p; k < end; k++) {
          rule |= ruleValue.get(k);
        }
        v.add(end > p + 1 ? VARIABLE : values.get(p));
        sp.add(spaceBefore.get(p));
        rv.add(rule);
        p = end;
      }
      return new Tokens(template, count, v, sp, rv);
    }

    /** The end of the longest balanced span of at most {@value #MAX_SPAN} tokens from {@code p}. */
    private int spanEnd(int p) {
      int best = p + 1;
      int depth = 0;
      for (int k = p; k < values.size() && k - p < MAX_SPAN; k++) {
        String token = values.get(k);
        if (token.equals("(") || token.equals("[")) {
          depth++;
        } else if (token.equals(")") || token.equals("]")) {
          if (--depth < 0) {
            break;
          }
        } else if (!token.equals(VARIABLE) && !token.equals(",")) {
          break;
        }
        if (depth == 0 && !token.equals(",")) {
          best = k + 1;
        }
      }
      return best;
    }

    /**
     * The lengths of the prefixes after which this template's tail is free-form: the prefix has at
     * least {@value #MIN_PREFIX_WORDS} constant words and no rule value, and the tail has at most
     * {@value #MAX_TAIL} tokens, one of them a value a redact or mask rule replaced.
     */
    List<Integer> freeTailStarts() {
      List<Integer> starts = new ArrayList<>();
      int n = values.size();
      int firstRule = ruleValue.indexOf(true);
      if (firstRule < 0) {
        return starts;
      }
      for (int k = Math.max(1, n - MAX_TAIL); k <= firstRule; k++) {
        if (constantWords(values.subList(0, k)) >= MIN_PREFIX_WORDS) {
          starts.add(k);
        }
      }
      return starts;
    }

    static Tokens of(String template, long count) {
      List<String> values = new ArrayList<>();
      List<Boolean> spaces = new ArrayList<>();
      List<Boolean> rules = new ArrayList<>();
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
          rules.add(false);
          rules.add(false);
          rules.add(false);
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
        boolean rule = hasRulePlaceholder(word);
        String value =
            hasPlaceholder(word)
                    || isStatus(word)
                    || word.equalsIgnoreCase("true")
                    || word.equalsIgnoreCase("false")
                ? VARIABLE
                : word;
        int last = values.size() - 1;
        if (value.equals(VARIABLE)
            && last >= 1
            && values.get(last).equals(",")
            && values.get(last - 1).equals(VARIABLE)) {
          values.remove(last);
          spaces.remove(last);
          rules.remove(last);
          rules.set(last - 1, rules.get(last - 1) || rule);
          i = end;
          continue;
        }
        values.add(value);
        spaces.add(space);
        rules.add(rule);
        space = false;
        i = end;
        if (isEmptySlot(c, i < n ? template.charAt(i) : ' ')) {
          values.add(EMPTY);
          spaces.add(false);
          rules.add(false);
        }
      }
      return new Tokens(template, count, values, spaces, rules);
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

    /**
     * An HTTP status as {@link RequestLines} keeps it ({@code 503}, {@code 2xx}): a value of the
     * event, which the worklog keeps apart by its own rule (its categories are problems, so a 503
     * is never one with a 200) while event types group across statuses.
     */
    private static boolean isStatus(String word) {
      if (word.length() != 3 || word.charAt(0) < '1' || word.charAt(0) > '5') {
        return false;
      }
      String rest = word.substring(1);
      return rest.equals("xx")
          || Character.isDigit(rest.charAt(0)) && Character.isDigit(rest.charAt(1));
    }

    /** Whether the word holds a placeholder that a redact or mask rule wrote, not the tokenizer. */
    private static boolean hasRulePlaceholder(String word) {
      int open = word.indexOf('<');
      while (open >= 0) {
        int close = word.indexOf('>', open);
        if (close < 0) {
          return false;
        }
        if (TokenClassifier.isPlaceholder(word, open, close + 1)
            && !TokenClassifier.isTokenizerPlaceholder(word, open, close + 1)) {
          return true;
        }
        open = word.indexOf('<', open + 1);
      }
      return false;
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
