package dev.loggardener.tracker;

/**
 * A request the tracker refused or could not answer, with a one-line message meant for the operator
 * (never containing the token).
 */
public final class TrackerException extends Exception {
  private final int status;

  /**
   * @param status the HTTP status, or 0 when there was no response
   */
  public TrackerException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when there was no response. */
  public int status() {
    return status;
  }
}
