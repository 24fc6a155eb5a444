package dev.loggardener.normalize;

import java.io.Serializable;

/**
 * Removes secrets and personal data from text with the rule set's {@code redact} rules.
 *
 * <p>It runs before anything else looks at a message, so that a redacted value never reaches a
 * template, a stored example, a table row, the worklog or a log line. Thread-safe.
 */
public final class Redactor implements Serializable {
  private static final long serialVersionUID = 1L;

  private final GuardedRules rules;

  public Redactor(RuleSet ruleSet) {
    this.rules = new GuardedRules(ruleSet.rules(Rule.Stage.REDACT));
  }

  /** The text with every secret the rules recognise replaced by a placeholder such as SECRET. */
  public String redact(String text) {
    return text == null ? null : rules.apply(text);
  }

  /** {@link #redact} with the guards of the redact rules on {@code text} already computed. */
  String redact(String text, long guards) {
    return rules.apply(text, guards);
  }
}
