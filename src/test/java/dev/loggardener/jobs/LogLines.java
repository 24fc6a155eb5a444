package dev.loggardener.jobs;

import java.time.Instant;

/** Builds LogEntry JSON lines for pipeline tests. */
public final class LogLines {
  private LogLines() {}

  /** An ERROR entry of a Cloud Run service with the given insert id, message and time. */
  public static String entry(String insertId, String message, Instant timestamp) {
    return "{\"insertId\":\""
        + insertId
        + "\",\"logName\":\"projects/acme/logs/run.googleapis.com%2Fstderr\","
        + "\"timestamp\":\""
        + timestamp
        + "\",\"severity\":\"ERROR\",\"textPayload\":\""
        + message
        + "\",\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":"
        + "{\"service_name\":\"checkout\",\"revision_name\":\"checkout-00042\"}}}";
  }
}
