package dev.loggardener.logentry;

/**
 * Carries a rejection from deep inside parsing back to {@link LogEntryParser#parse}, which turns it
 * into a {@link ParseResult.Rejected}; it is checked so that it cannot escape the parser.
 */
final class PayloadRejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  PayloadRejection(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  ParseResult.Rejected toResult() {
    return new ParseResult.Rejected(reason, getMessage());
  }
}
