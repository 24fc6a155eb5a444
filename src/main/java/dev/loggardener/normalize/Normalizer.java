package dev.loggardener.normalize;

import java.io.Serializable;

/**
 * Turns a redacted message into a template: the message with its variable parts replaced by typed
 * placeholders, and its whitespace collapsed.
 *
 * <p>The rule set's {@code mask} rules run first (guarded by their triggers); then {@link
 * Tokenizer}'s one pass splits the text into words at whitespace and at the delimiters {@code , ; (
 * ) [ ] { } " ' = | @}, and {@link TokenClassifier} decides per word. Delimiters are kept, so
 * {@code uid=0} becomes {@code uid=<NUM>}. URLs ({@code scheme://...}) are one word. A request line
 * keeps its method, route skeleton and status ({@link RequestLines}). Only the first {@value
 * #MAX_CHARS} characters shape the template, which bounds the cost of huge messages. Thread-safe.
 */
public final class Normalizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Characters of a message that take part in its template. */
  static final int MAX_CHARS = 4096;

  /**
   * Version of the code that turns a message into its redacted text and template: {@link
   * Tokenizer}, {@link TokenClassifier}, {@link DateWords}, {@link StackSignature}, the rule
   * guards, the stack trace parser whose output {@link StackSignature} signs ({@code
   * logentry.StackTraceParser}), and the fingerprint's canonical form in {@link Fingerprinter}.
   * {@link RuleSet#version()} appends it to the rules file's version, so every stored fingerprint
   * says which code made its template and id. Bump it with any change that alters the output for
   * some input; changes that only make the code faster keep it ({@code NormalizerVersionTest}
   * notices when the output of the repository corpus moves, {@code FingerprinterTest} when ids
   * move). n2: .NET, Ruby and PHP traces are parsed, and the project joined the canonical form.
   */
  public static final String CODE_VERSION = "n3";

  private final GuardedRules maskRules;

  public Normalizer(RuleSet ruleSet) {
    this.maskRules = new GuardedRules(ruleSet.rules(Rule.Stage.MASK));
  }

  /** The template of an already redacted message. */
  public String template(String redactedMessage) {
    Tokenizer tokenizer = Tokenizer.current();
    template(redactedMessage, tokenizer);
    return tokenizer.template();
  }

  /** Leaves the template of an already redacted message in {@code tokenizer}. */
  void template(String redactedMessage, Tokenizer tokenizer) {
    String text =
        redactedMessage.length() > MAX_CHARS
            ? redactedMessage.substring(0, MAX_CHARS)
            : redactedMessage;
    tokenizer.tokenize(maskRules.apply(text));
  }

  /**
   * {@link #template(String, Tokenizer)} of a message of at most {@link #MAX_CHARS} characters that
   * is already loaded into {@code tokenizer}, with the guards of the mask rules on it already
   * computed by a scan for at least their triggers, which saw triggers begin within {@code span}.
   */
  void templateOfLoaded(
      String redactedMessage, long maskGuards, TriggerSpan span, Tokenizer tokenizer) {
    String masked = maskRules.apply(redactedMessage, maskGuards, span, null);
    if (masked == redactedMessage) {
      tokenizer.tokenizeLoaded();
    } else {
      tokenizer.tokenize(masked);
    }
  }
}
