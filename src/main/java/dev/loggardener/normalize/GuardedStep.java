package dev.loggardener.normalize;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * One step of a stage that {@link GuardedRules} runs only when its guards pass: a {@link Rule}, or
 * the {@link SecretCatalog} as a whole, whose triggers are those of all its detectors.
 */
interface GuardedStep extends Serializable {
  /** Lower-case literals one of which the text must contain; empty means always. */
  List<String> triggers();

  /** The digit run the text must have for the step to run (0: no such guard). */
  int minDigitRun();

  /** Where the step's changes can start, or null when that cannot be told. */
  MatchStarts matchStarts();

  /** The placeholders ({@code <SECRET>}) the step writes in place of what it removes. */
  Set<String> placeholders();

  /**
   * The text with this step applied, given its {@link #matchStarts()}; each value removed is
   * reported to {@code findings} when it is not null.
   */
  String apply(String text, MatchStarts matchStarts, Findings findings);
}
