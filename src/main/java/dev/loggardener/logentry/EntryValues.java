package dev.loggardener.logentry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a LogEntry member into its value, with the checks and rejections both ways of
 * reading an entry share ({@link LogEntryParser}'s tree and {@link EntryStreamReader}).
 */
final class EntryValues {
  /** The earliest entry timestamp accepted: BigQuery's smallest TIMESTAMP. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** Entry timestamps must be before this: BigQuery's largest TIMESTAMP, less a day. */
  static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private static final Pattern LATENCY = Pattern.compile("\\s*(\\d{1,12}(?:\\.\\d{1,9})?)s\\s*");
  private static final Pattern TRACE = Pattern.compile("projects/[^/]+/traces/(.+)");

  private EntryValues() {}

  /** An RFC 3339 timestamp member, which must also be {@linkplain #storable storable}. */
  static Instant timestamp(String text, String field) throws PayloadRejection {
    return storable(
        Rfc3339.parse(text)
            .orElseThrow(
                () ->
                    new PayloadRejection(
                        RejectReason.BAD_TIMESTAMP,
                        field + " is not an RFC 3339 timestamp: " + excerpt(text))),
        field);
  }

  /**
   * A timestamp must fit BigQuery's TIMESTAMP range (years 1 to 9999) with a day to spare at the
   * top, so that the end of the event-time window holding it can be stored as well.
   */
  static Instant storable(Instant time, String field) throws PayloadRejection {
    if (time != null && (time.isBefore(EARLIEST) || !time.isBefore(LATEST))) {
      throw new PayloadRejection(
          RejectReason.BAD_TIMESTAMP,
          field + " " + time + " is outside " + EARLIEST + " to " + LATEST + " (exclusive)");
    }
    return time;
  }

  /**
   * The event time: the entry's timestamp, else its receive timestamp, else the Pub/Sub attribute
   * {@value LogEntryParser#TIMESTAMP_ATTRIBUTE}.
   */
  static EntryFields.EventTime eventTime(
      Instant entryTime, Instant receive, Map<String, String> attributes) throws PayloadRejection {
    if (entryTime != null) {
      return new EntryFields.EventTime(entryTime, TimestampSource.ENTRY, receive);
    }
    if (receive != null) {
      return new EntryFields.EventTime(receive, TimestampSource.RECEIVE_TIMESTAMP, receive);
    }
    return new EntryFields.EventTime(
        attributeTime(attributes), TimestampSource.PUBSUB_ATTRIBUTE, null);
  }

  private static Instant attributeTime(Map<String, String> attributes) throws PayloadRejection {
    String attribute = attributes.get(LogEntryParser.TIMESTAMP_ATTRIBUTE);
    if (attribute == null) {
      throw new PayloadRejection(
          RejectReason.NO_TIMESTAMP,
          "no timestamp, receiveTimestamp or attribute " + LogEntryParser.TIMESTAMP_ATTRIBUTE);
    }
    String field = "attribute " + LogEntryParser.TIMESTAMP_ATTRIBUTE;
    return storable(
        Rfc3339.parse(attribute)
            .orElseThrow(
                () ->
                    new PayloadRejection(
                        RejectReason.BAD_TIMESTAMP,
                        field + " is not an RFC 3339 timestamp: " + excerpt(attribute))),
        field);
  }

  /**
   * The severity a non-boolean scalar names: a LogSeverity number (as a number or its text), a
   * LogSeverity name or a common alias; empty for anything else.
   */
  static Optional<Severity> severity(String text) {
    Long number = JsonFields.parseInteger(text);
    if (number == null) {
      return PayloadReader.severityName(text);
    }
    return number % 100 == 0 && number >= 0 && number <= 800
        ? Severity.fromNumber(number.intValue())
        : Optional.empty();
  }

  /** An HTTP status, which must be 0-999; null when absent. */
  static Long status(Long status) throws PayloadRejection {
    if (status != null && (status < 0 || status > 999)) {
      throw new PayloadRejection(
          RejectReason.WRONG_FIELD_TYPE, "httpRequest.status must be 0-999, got " + status);
    }
    return status;
  }

  /** A request from its members, each already read and checked. */
  static HttpRequest request(String method, String url, Long status, Double latencyMillis) {
    return new HttpRequest(
        blankToNull(method), path(url), status == null ? null : status.intValue(), latencyMillis);
  }

  /** A duration like {@code "0.45s"} in milliseconds, or null when the text is not one. */
  static Double latencyMillis(String text) {
    Matcher m = LATENCY.matcher(text);
    return m.matches() ? new BigDecimal(m.group(1)).movePointRight(3).doubleValue() : null;
  }

  /** The URL's path without scheme, host, query string or fragment. */
  private static String path(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String path = url.trim();
    int scheme = path.indexOf("://");
    if (scheme >= 0) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    int cut = path.length();
    for (char c : new char[] {'?', '#'}) {
      int at = path.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    path = path.substring(0, cut);
    return path.isEmpty() ? "/" : path;
  }

  /** The bare trace id of {@code projects/P/traces/ID}, or the trimmed text of any other form. */
  static String trace(String trace) {
    if (trace == null || trace.isBlank()) {
      return null;
    }
    Matcher m = TRACE.matcher(trace.trim());
    return m.matches() ? m.group(1) : trace.trim();
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static String excerpt(String text) {
    String cleaned = JsonFields.clean(text);
    return cleaned.length() > 60 ? cleaned.substring(0, 60) + "..." : cleaned;
  }
}
