package dev.loggardener.normalize;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 * @param luhn whether a match is replaced only when its digits pass the Luhn check
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
    boolean luhn,
    List<Example> examples)
    implements Serializable {

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
    triggers = List.copyOf(triggers);
    examples = List.copyOf(examples);
  }

  /** Applies this rule alone, ignoring the triggers. */
  String apply(String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      if (luhn && !passesLuhn(matcher.group())) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
      } else {
        matcher.appendReplacement(out, replaceWith);
      }
    } while (matcher.find());
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * {@link #apply(String)}, given where its matches can start ({@link MatchStarts}; null when not
   * known): the regex is tried only at those positions, which finds the same matches as a search
   * that tries every position.
   */
  String apply(String text, MatchStarts matchStarts) {
    if (matchStarts == null) {
      return apply(text);
    }
    int n = text.length();
    Matcher matcher = null;
    StringBuilder out = null;
    int copied = 0;
    int i = matchStarts.next(text, 0);
    while (i < n) {
      if (matcher == null) {
        matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      matcher.region(i, n);
      if (!matcher.lookingAt()) {
        i = matchStarts.next(text, i + 1);
        continue;
      }
      int start = matcher.start();
      if (!luhn || passesLuhn(matcher.group())) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, copied, start).append(replacement(matcher));
        copied = matcher.end();
      }
      i = matchStarts.next(text, matcher.end());
    }
    return out == null ? text : out.append(text, copied, n).toString();
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
