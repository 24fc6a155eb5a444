package dev.loggardener.normalize;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One normalization rule from a rules file: a regex whose matches are replaced, guarded by cheap
 * triggers so that it only runs on text that can match.
 *
 * @param id stable kebab-case id
 * @param description one line saying what the rule catches
 * @param stage whether the rule redacts secrets or masks variable parts
 * @param pattern the compiled regex
 * @param replaceWith the replacement, with {@code $1}-style group references
 * @param triggers lower-case literals, one of which the lower-cased text must contain; empty means
 *     always
 * @param minDigitRun the rule runs only on text with a digit run this long (0: no such guard)
 * @param check what a match must also pass to be replaced
 * @param examples inputs with the output this rule alone must produce
 */
public record Rule(
    String id,
    String description,
    Stage stage,
    Pattern pattern,
    String replaceWith,
    List<String> triggers,
    int minDigitRun,
    Check check,
    List<Example> examples)
    implements GuardedStep {

  /** When a rule runs. */
  public enum Stage {
    /** On the raw message, before anything else sees it. */
    REDACT,
    /** On the redacted text, before tokenizing. */
    MASK;

    static Stage parse(String text) {
      return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
        case "redact" -> REDACT;
        case "mask" -> MASK;
        default -> null;
      };
    }
  }

  /** What a match must pass, beyond the regex, to be replaced. */
  public enum Check {
    /** Nothing: every match is replaced. */
    NONE,
    /** Its digits pass the Luhn checksum (payment card numbers). */
    LUHN,
    /**
     * The part it removes looks random: {@link Findings#looksRandom} (the high-entropy backstop
     * next to a secret-like word, which leaves ordinary words alone).
     */
    ENTROPY;

    static Check parse(String text) {
      return switch (text == null ? "none" : text.toLowerCase(Locale.ROOT)) {
        case "none" -> NONE;
        case "luhn" -> LUHN;
        case "entropy" -> ENTROPY;
        default -> null;
      };
    }
  }

  /** A worked example: the rule applied alone to {@code input} must give {@code output}. */
  public record Example(String input, String output) implements Serializable {
    public Example {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(output, "output");
    }
  }

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(replaceWith, "replaceWith");
    Objects.requireNonNull(check, "check");
    triggers = List.copyOf(triggers);
    examples = List.copyOf(examples);
  }

  /** Applies this rule alone, ignoring the triggers. */
  String apply(String text) {
    return apply(text, null, null);
  }

  @Override
  public MatchStarts matchStarts() {
    return MatchStarts.of(pattern);
  }

  @Override
  public Set<String> placeholders() {
    Set<String> written = new LinkedHashSet<>();
    Matcher placeholder = PLACEHOLDER.matcher(replaceWith);
    while (placeholder.find()) {
      written.add(placeholder.group());
    }
    return written;
  }

  /**
   * A placeholder as the rules write one, and as the context rules decline to take it for a value
   * ({@code (?!<[A-Z_]+>)}).
   */
  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z_]+>");

  /**
   * {@link #apply(String)}, given where its matches can start ({@link MatchStarts}; null when not
   * known): the regex is tried only at those positions, which finds the same matches as a search
   * that tries every position. Each value it removes is reported to {@code findings} (may be null)
   * under this rule's id.
   */
  @Override
  public String apply(String text, MatchStarts matchStarts, Findings findings) {
    return apply(text, matchStarts, 0, text.length(), findings);
  }

  /**
   * {@link #apply(String, MatchStarts, Findings)} when every match is known to begin between {@code
   * from} and {@code lastStart} (inclusive): positions outside are not tried.
   */
  String apply(String text, MatchStarts matchStarts, int from, int lastStart, Findings findings) {
    int n = text.length();
    int end = Math.min(n, lastStart + 1);
    Matcher matcher = null;
    StringBuilder out = null;
    int copied = 0;
    int i = matchStarts == null ? from : matchStarts.next(text, from, end);
    while (i < end) {
      if (matcher == null) {
        matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      matcher.region(i, n);
      boolean found = matchStarts == null ? matcher.find() : matcher.lookingAt();
      if (!found) {
        if (matchStarts == null) {
          break;
        }
        i = matchStarts.next(text, i + 1, end);
        continue;
      }
      int start = matcher.start();
      String replacement = replacement(matcher);
      String removed = Findings.removed(matcher.group(), replacement);
      if (passes(matcher.group(), removed)) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, copied, start).append(replacement);
        copied = matcher.end();
        if (findings != null) {
          findings.add(id, removed);
        }
      }
      int after = Math.max(matcher.end(), start + 1);
      if (after > n) {
        break;
      }
      i = matchStarts == null ? after : matchStarts.next(text, after, end);
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  private boolean passes(String match, String removed) {
    return switch (check) {
      case NONE -> true;
      case LUHN -> passesLuhn(match);
      case ENTROPY -> Findings.looksRandom(removed);
    };
  }

  /**
   * The expanded replacement of the current match: {@link Matcher#appendReplacement} copies the
   * text before the match too (from the start, since the matcher was reset by {@code region}), so
   * only what it appends after that is kept.
   */
  private String replacement(Matcher matcher) {
    StringBuilder scratch = new StringBuilder();
    matcher.appendReplacement(scratch, replaceWith);
    return scratch.substring(matcher.start());
  }

  static boolean passesLuhn(String text) {
    int sum = 0;
    int digits = 0;
    for (int i = text.length() - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (digits % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }
}
