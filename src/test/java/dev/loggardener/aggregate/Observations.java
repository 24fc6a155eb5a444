package dev.loggardener.aggregate;

import dev.loggardener.logentry.Severity;
import dev.loggardener.logentry.SourceLocation;
import java.time.Instant;

/** Builds observations for tests with only the fields a test cares about. */
public final class Observations {
  private Observations() {}

  public static IssueObservation of(String fingerprint, String message, Instant at) {
    return of(fingerprint, message, at, Severity.ERROR, null);
  }

  public static IssueObservation of(
      String fingerprint, String message, Instant at, Severity severity, Integer httpStatus) {
    return new IssueObservation(
        new IssueIdentity(
            fingerprint,
            "shop-prod",
            "cloud_run_revision",
            "checkout",
            "app.Logger",
            null,
            "template of " + fingerprint,
            "rules-v1"),
        severity,
        at,
        message,
        "insert-" + message + "-" + at.toEpochMilli(),
        "trace-" + message,
        "rev-" + (at.toEpochMilli() % 3),
        "inst-" + (at.toEpochMilli() % 5),
        new SourceLocation("app.py", at.toEpochMilli() % 7, "handle"),
        httpStatus);
  }
}
