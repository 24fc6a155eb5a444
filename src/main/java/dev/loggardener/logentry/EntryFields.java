package dev.loggardener.logentry;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * What a LogEntry's own members give, each read and checked, before the message and what follows
 * from it (stack trace, inferred severity, logger) are worked out. {@link LogEntryParser} reads
 * them from a streamed payload or, for a payload the streamed reading declines, from a gson tree.
 *
 * @param eventTime the event time and where it came from
 * @param labels the entry's labels; never null
 * @param logName the log name, or null
 * @param request the request an access log describes, or null
 * @param textPayload the text payload, or null
 * @param jsonPayload the JSON payload, or null
 * @param protoPayload the proto payload, or null
 * @param severity the stated severity; {@link Severity#DEFAULT} when none is stated
 * @param insertId the insert id, or null
 * @param service who wrote the entry
 * @param trace the bare trace id, or null
 * @param spanId the span id, or null
 * @param sourceLocation where in the code the entry was written, or null
 * @param split the split marker, or null
 */
record EntryFields(
    EventTime eventTime,
    Map<String, String> labels,
    String logName,
    HttpRequest request,
    String textPayload,
    JsonObject jsonPayload,
    JsonObject protoPayload,
    Severity severity,
    String insertId,
    ServiceIdentity service,
    String trace,
    String spanId,
    SourceLocation sourceLocation,
    Split split) {

  /**
   * The event time of an entry, the field that supplied it, and the entry's receive timestamp.
   *
   * @param time the event time; never null
   * @param source which field supplied {@code time}
   * @param receive the receive timestamp, or null
   */
  record EventTime(Instant time, TimestampSource source, Instant receive) {}
}
