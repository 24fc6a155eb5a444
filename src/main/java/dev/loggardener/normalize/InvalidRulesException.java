package dev.loggardener.normalize;

/** A rules file that cannot be used; the message is one line that says what to fix. */
public final class InvalidRulesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidRulesException(String message) {
    super(message);
  }
}
