package dev.loggardener.worklog;

/** The worklog rules file cannot be used; the message is one line saying what to fix. */
public final class InvalidWorklogRulesException extends RuntimeException {
  public InvalidWorklogRulesException(String message) {
    super(message);
  }
}
