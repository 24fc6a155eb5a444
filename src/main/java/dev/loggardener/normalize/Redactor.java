package dev.loggardener.normalize;

import java.io.Serializable;

/**
 * Removes secrets and personal data from text: the catalog of credential formats and the context
 * rules of the secrets file, then the rule set's {@code redact} rules ({@link
 * RuleSet#redactSteps()}).
 *
 * <p>It runs before anything else looks at a message, so that a redacted value never reaches a
 * template, a stored example, a table row, the worklog or a log line. A value removed anywhere in a
 * text is removed wherever else it appears in it, and, given the entry's {@link Findings}, wherever
 * it appears in the entry's other texts. Thread-safe.
 */
public final class Redactor implements Serializable {
  private static final long serialVersionUID = 1L;

  private final GuardedRules rules;

  public Redactor(RuleSet ruleSet) {
    this.rules = new GuardedRules(ruleSet.redactSteps());
  }

  /** The text with every secret the rules recognise replaced by a placeholder such as SECRET. */
  public String redact(String text) {
    return text == null ? null : redact(text, rules.runnable(text), null, null);
  }

  /**
   * {@link #redact(String)}, recording what it removes in {@code findings} and removing every value
   * the findings already hold.
   */
  public String redact(String text, Findings findings) {
    return text == null ? null : redact(text, rules.runnable(text), null, findings);
  }

  /**
   * {@link #redact(String, Findings)} with the guards of the redact steps on {@code text} already
   * computed, and where that scan saw triggers begin ({@code span}, null when not known; {@link
   * GuardedRules#apply(String, long, TriggerSpan, Findings)}); {@code findings} may be null. A text
   * no step changes, the common case, is returned as it is, whatever a step recorded; one that a
   * step changes is scrubbed of what the steps recorded in the same pass (a step's output does not
   * depend on whether it records).
   */
  String redact(String text, long guards, TriggerSpan span, Findings findings) {
    if (findings == null) {
      if (guards == 0) {
        // No step's guards pass: no step runs, so nothing can be changed or recorded.
        return text;
      }
      Findings found = new Findings();
      String once = rules.apply(text, guards, span, found);
      return once == text ? text : found.scrub(once);
    }
    return findings.scrub(rules.apply(text, guards, span, findings));
  }
}
