package dev.loggardener.scenario;

import dev.loggardener.logentry.Severity;

/**
 * One generated Cloud Run log entry before it is written as JSON.
 *
 * @param epochMicros the event time in microseconds since the epoch
 * @param receiveDelayNanos how long after the event Cloud Logging received it
 * @param insertId the unique insert id
 * @param instance the container that wrote it
 * @param severity the entry's severity
 * @param logId {@code stdout} for application logs, {@code requests} for Cloud Run request logs
 * @param logger the Python logger name, or null for request logs
 * @param message the message, or null for request logs
 * @param requestId the application's request id, or null
 * @param source where the message was logged, or null
 * @param access the request the entry describes, or null
 * @param trace the 32-hex trace id
 * @param spanId the 16-hex span id
 */
record Entry(
    long epochMicros,
    long receiveDelayNanos,
    String insertId,
    CloudRunTopology.Instance instance,
    Severity severity,
    String logId,
    String logger,
    String message,
    String requestId,
    Source source,
    Access access,
    String trace,
    String spanId) {

  /** A {@code sourceLocation}. */
  record Source(String file, long line, String function) {}

  /**
   * An {@code httpRequest}; the optional fields are null in uvicorn's lifted form.
   *
   * @param method the HTTP method
   * @param url the path (uvicorn) or full URL (request log)
   * @param status the response status
   * @param remoteIp the client address
   * @param latencyMicros the latency in microseconds, or null
   * @param requestSize the request size in bytes, or null
   * @param responseSize the response size in bytes, or null
   * @param userAgent the user agent, or null
   */
  record Access(
      String method,
      String url,
      int status,
      String remoteIp,
      Long latencyMicros,
      Long requestSize,
      Long responseSize,
      String userAgent) {}
}
