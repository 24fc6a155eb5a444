package dev.loggardener.sink;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A message that did not become part of an aggregate, kept whole so that it can be replayed.
 *
 * @param rawPayload the payload exactly as received
 * @param attributes the message attributes; never null
 * @param messageId the Pub/Sub message id, or the file and position, or null
 * @param stage the stage that refused the message
 * @param reason a stable snake_case reason code, e.g. {@code not_json}, {@code too_late}
 * @param errorClass the exception class when an exception caused it, or null
 * @param errorMessage a human-readable detail, or null
 * @param stackTrace a truncated stack trace when an exception caused it, or null
 * @param eventTime the message's event time when known, or null
 * @param processingTime when the pipeline refused the message
 * @param ruleSetVersion the version of the normalization rules in force
 */
public record DeadLetter(
    byte[] rawPayload,
    Map<String, String> attributes,
    String messageId,
    Stage stage,
    String reason,
    String errorClass,
    String errorMessage,
    String stackTrace,
    Instant eventTime,
    Instant processingTime,
    String ruleSetVersion)
    implements Serializable {

  /** Longest stack trace kept, in characters: enough for the innermost frames. */
  public static final int MAX_STACK_TRACE_CHARS = 4_000;

  /** The pipeline stages that can refuse a message. */
  public enum Stage {
    PARSE,
    NORMALIZE,
    AGGREGATE,
    WRITE;

    /** The stage as stored, e.g. {@code parse}. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public DeadLetter {
    Objects.requireNonNull(rawPayload, "rawPayload");
    attributes = attributes == null ? Map.of() : new TreeMap<>(attributes);
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(processingTime, "processingTime");
    Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
    if (!reason.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("reason must be a snake_case code, got '" + reason + "'");
    }
  }

  /** The stack trace of an exception, cut to {@link #MAX_STACK_TRACE_CHARS}. */
  public static String truncatedStackTrace(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    String full = text.toString();
    return full.length() <= MAX_STACK_TRACE_CHARS
        ? full
        : full.substring(0, MAX_STACK_TRACE_CHARS) + "\n\t... (truncated)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetter d
        && Arrays.equals(rawPayload, d.rawPayload)
        && attributes.equals(d.attributes)
        && Objects.equals(messageId, d.messageId)
        && stage == d.stage
        && reason.equals(d.reason)
        && Objects.equals(errorClass, d.errorClass)
        && Objects.equals(errorMessage, d.errorMessage)
        && Objects.equals(stackTrace, d.stackTrace)
        && Objects.equals(eventTime, d.eventTime)
        && processingTime.equals(d.processingTime)
        && ruleSetVersion.equals(d.ruleSetVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(rawPayload), messageId, stage, reason, processingTime);
  }

  @Override
  public String toString() {
    return "DeadLetter[stage=%s, reason=%s, messageId=%s, bytes=%d, error=%s]"
        .formatted(stage.code(), reason, messageId, rawPayload.length, errorMessage);
  }
}
