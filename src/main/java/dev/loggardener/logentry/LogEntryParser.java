package dev.loggardener.logentry;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one Cloud Logging {@code LogEntry}, as a log sink publishes it to Pub/Sub or as {@code
 * gcloud logging read --format=json} exports it, into a {@link LogEntry}.
 *
 * <p>Guarantees: {@link #parse} never throws; every input yields either {@link ParseResult.Parsed}
 * or {@link ParseResult.Rejected} with a stable {@link RejectReason}. Input is limited to {@code
 * maxBytes} bytes ({@link RejectReason#TOO_LARGE}) and {@code maxDepth} levels of nesting ({@link
 * RejectReason#TOO_DEEP}); it must be strict UTF-8 and strict JSON. Escaped NUL and control
 * characters are accepted and stripped from every extracted text (tab, LF and CR are kept). The
 * event time is the entry's {@code timestamp}, else its {@code receiveTimestamp}, else the Pub/Sub
 * attribute {@value #TIMESTAMP_ATTRIBUTE}; with none of them the entry is {@link
 * RejectReason#NO_TIMESTAMP}. {@code severity} may be a LogSeverity name (any case), its number,
 * the number as a string, or a common alias such as {@code WARN} or {@code FATAL}; anything else is
 * {@link RejectReason#WRONG_FIELD_TYPE}. Thread-safe; apart from its limits it keeps only a memo of
 * log ids, which changes only speed.
 */
public final class LogEntryParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The Pub/Sub attribute a log sink sets to the entry's timestamp. */
  public static final String TIMESTAMP_ATTRIBUTE = "logging.googleapis.com/timestamp";

  /** Four times Cloud Logging's 256 KiB entry limit, well under Pub/Sub's 10 MB message limit. */
  public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

  /** Real entries nest under 20 levels; 64 leaves room and keeps recursion shallow. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  /** The earliest entry timestamp accepted: BigQuery's smallest TIMESTAMP. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** Entry timestamps must be before this: BigQuery's largest TIMESTAMP, less a day. */
  public static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private static final Pattern LATENCY = Pattern.compile("\\s*(\\d{1,12}(?:\\.\\d{1,9})?)s\\s*");
  private static final Pattern TRACE = Pattern.compile("projects/[^/]+/traces/(.+)");
  private static final StackTraceParser STACK_TRACES = new StackTraceParser();
  private static final Set<String> TIME_MEMBERS = Set.of("timestamp", "receiveTimestamp");

  /**
   * The members {@link #entry} reads, each built whole (null) or, for {@code httpRequest}, with
   * only the fields it reads; the reader skips the rest ({@code traceSampled}, {@code operation}, a
   * request's user agent, addresses and sizes) without making their strings.
   */
  private static final Map<String, Set<String>> ENTRY_MEMBERS = entryMembers();

  private static Map<String, Set<String>> entryMembers() {
    Map<String, Set<String>> members = new HashMap<>();
    for (String whole :
        List.of(
            "timestamp",
            "receiveTimestamp",
            "labels",
            "logName",
            "textPayload",
            "jsonPayload",
            "protoPayload",
            "severity",
            "insertId",
            "resource",
            "trace",
            "spanId",
            "sourceLocation",
            "split")) {
      members.put(whole, null);
    }
    members.put("httpRequest", Set.of("requestMethod", "requestUrl", "status", "latency"));
    return Collections.unmodifiableMap(members);
  }

  private static final int LOG_ID_SLOTS = 256;

  private final int maxBytes;
  private final int maxDepth;
  private transient volatile LogIdOf[] logIds;

  /** A parser with the default limits. */
  public LogEntryParser() {
    this(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH);
  }

  /** A parser with explicit limits on payload size in bytes and on JSON nesting depth. */
  public LogEntryParser(int maxBytes, int maxDepth) {
    if (maxBytes <= 0 || maxDepth < 2) {
      throw new IllegalArgumentException(
          "maxBytes must be positive and maxDepth at least 2, got " + maxBytes + ", " + maxDepth);
    }
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
  }

  /**
   * Parses one message.
   *
   * @param payload the message bytes, one JSON object
   * @param attributes the Pub/Sub message attributes; may be empty or null
   */
  public ParseResult parse(byte[] payload, Map<String, String> attributes) {
    try {
      JsonObject root = new JsonTreeReader(maxBytes, maxDepth).readMembers(payload, ENTRY_MEMBERS);
      return new ParseResult.Parsed(entry(root, attributes == null ? Map.of() : attributes));
    } catch (PayloadRejection rejection) {
      return rejection.toResult();
    }
  }

  /**
   * The event time {@link #parse} would give the message, read without extracting anything else:
   * equal to the parsed entry's timestamp whenever {@link #parse} accepts the message, empty when
   * it rejects it for its JSON or its timestamps (it may still reject, for another field, a message
   * that has an event time here).
   */
  public Optional<Instant> eventTime(byte[] payload, Map<String, String> attributes) {
    try {
      JsonObject root = new JsonTreeReader(maxBytes, maxDepth).readMembers(payload, TIME_MEMBERS);
      return Optional.of(eventTime(root, attributes == null ? Map.of() : attributes).time());
    } catch (PayloadRejection rejection) {
      return Optional.empty();
    }
  }

  private record EventTime(Instant time, TimestampSource source, Instant receive) {}

  private static EventTime eventTime(JsonObject root, Map<String, String> attributes)
      throws PayloadRejection {
    Instant receive = timestamp(root, "receiveTimestamp");
    Instant entryTime = timestamp(root, "timestamp");
    if (entryTime != null) {
      return new EventTime(entryTime, TimestampSource.ENTRY, receive);
    }
    if (receive != null) {
      return new EventTime(receive, TimestampSource.RECEIVE_TIMESTAMP, receive);
    }
    return new EventTime(attributeTime(attributes), TimestampSource.PUBSUB_ATTRIBUTE, null);
  }

  private LogEntry entry(JsonObject root, Map<String, String> attributes) throws PayloadRejection {
    EventTime eventTime = eventTime(root, attributes);
    Instant time = eventTime.time();
    TimestampSource source = eventTime.source();
    Instant receive = eventTime.receive();
    Map<String, String> labels =
        JsonFields.labels(JsonFields.object(root, "labels", "labels"), "labels");
    String logName = JsonFields.string(root, "logName", "logName");
    HttpRequest request = httpRequest(JsonFields.object(root, "httpRequest", "httpRequest"));
    String textPayload = JsonFields.scalarText(root, "textPayload", "textPayload");
    JsonObject jsonPayload = JsonFields.object(root, "jsonPayload", "jsonPayload");
    JsonObject protoPayload = JsonFields.object(root, "protoPayload", "protoPayload");
    String message = PayloadReader.message(textPayload, jsonPayload, protoPayload, request);
    StackTrace stackTrace = null;
    for (String text : PayloadReader.traceCandidates(message, jsonPayload)) {
      Optional<StackTrace> found = STACK_TRACES.parse(text);
      if (found.isPresent()) {
        stackTrace = found.get();
        break;
      }
    }
    Severity severity = severity(root);
    boolean inferred = false;
    if (severity == Severity.DEFAULT) {
      severity = PayloadReader.inferSeverity(jsonPayload, message, stackTrace != null);
      inferred = severity != Severity.DEFAULT;
    }
    return new LogEntry(
        time,
        source,
        receive,
        JsonFields.scalarText(root, "insertId", "insertId"),
        logName,
        memoizedLogId(logName),
        severity,
        inferred,
        ServiceIdentityResolver.resolve(
            JsonFields.object(root, "resource", "resource"), labels, logName),
        labels,
        trace(JsonFields.string(root, "trace", "trace")),
        blankToNull(JsonFields.scalarText(root, "spanId", "spanId")),
        sourceLocation(JsonFields.object(root, "sourceLocation", "sourceLocation")),
        request,
        PayloadReader.logger(jsonPayload, labels),
        message,
        stackTrace,
        split(JsonFields.object(root, "split", "split")));
  }

  /**
   * A timestamp must fit BigQuery's TIMESTAMP range (years 1 to 9999) with a day to spare at the
   * top, so that the end of the event-time window holding it can be stored as well.
   */
  private static Instant storable(Instant time, String field) throws PayloadRejection {
    if (time != null && (time.isBefore(EARLIEST) || !time.isBefore(LATEST))) {
      throw new PayloadRejection(
          RejectReason.BAD_TIMESTAMP,
          field + " " + time + " is outside " + EARLIEST + " to " + LATEST + " (exclusive)");
    }
    return time;
  }

  private static Instant timestamp(JsonObject root, String field) throws PayloadRejection {
    return storable(readTimestamp(root, field), field);
  }

  private static Instant readTimestamp(JsonObject root, String field) throws PayloadRejection {
    JsonElement value = JsonFields.member(root, field);
    if (value == null) {
      return null;
    }
    if (value.isJsonObject()) {
      Long seconds = JsonFields.integer(value.getAsJsonObject(), "seconds", field + ".seconds");
      Long nanos = JsonFields.integer(value.getAsJsonObject(), "nanos", field + ".nanos");
      try {
        return Instant.ofEpochSecond(seconds == null ? 0 : seconds, nanos == null ? 0 : nanos);
      } catch (DateTimeException | ArithmeticException e) {
        throw new PayloadRejection(RejectReason.BAD_TIMESTAMP, field + " is out of range");
      }
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw JsonFields.wrongType(field, "an RFC 3339 string", value);
    }
    return Rfc3339.parse(value.getAsString())
        .orElseThrow(
            () ->
                new PayloadRejection(
                    RejectReason.BAD_TIMESTAMP,
                    field + " is not an RFC 3339 timestamp: " + excerpt(value.getAsString())));
  }

  private static Instant attributeTime(Map<String, String> attributes) throws PayloadRejection {
    String attribute = attributes.get(TIMESTAMP_ATTRIBUTE);
    if (attribute == null) {
      throw new PayloadRejection(
          RejectReason.NO_TIMESTAMP,
          "no timestamp, receiveTimestamp or attribute " + TIMESTAMP_ATTRIBUTE);
    }
    return storable(
        Rfc3339.parse(attribute)
            .orElseThrow(
                () ->
                    new PayloadRejection(
                        RejectReason.BAD_TIMESTAMP,
                        "attribute "
                            + TIMESTAMP_ATTRIBUTE
                            + " is not an RFC 3339 timestamp: "
                            + excerpt(attribute))),
        "attribute " + TIMESTAMP_ATTRIBUTE);
  }

  private static Severity severity(JsonObject root) throws PayloadRejection {
    JsonElement value = JsonFields.member(root, "severity");
    if (value == null) {
      return Severity.DEFAULT;
    }
    Optional<Severity> severity = Optional.empty();
    if (value.isJsonPrimitive() && !value.getAsJsonPrimitive().isBoolean()) {
      Long number = JsonFields.lenientInteger(root, "severity");
      severity =
          number != null
              ? (number % 100 == 0 && number >= 0 && number <= 800
                  ? Severity.fromNumber(number.intValue())
                  : Optional.empty())
              : PayloadReader.severityName(value.getAsString());
    }
    if (severity.isEmpty()) {
      throw JsonFields.wrongType("severity", "a LogSeverity name or number", value);
    }
    return severity.get();
  }

  private static HttpRequest httpRequest(JsonObject request) throws PayloadRejection {
    if (request == null) {
      return null;
    }
    Long status = JsonFields.integer(request, "status", "httpRequest.status");
    if (status != null && (status < 0 || status > 999)) {
      throw new PayloadRejection(
          RejectReason.WRONG_FIELD_TYPE, "httpRequest.status must be 0-999, got " + status);
    }
    return new HttpRequest(
        blankToNull(JsonFields.scalarText(request, "requestMethod", "httpRequest.requestMethod")),
        path(JsonFields.string(request, "requestUrl", "httpRequest.requestUrl")),
        status == null ? null : status.intValue(),
        latencyMillis(request));
  }

  private static Double latencyMillis(JsonObject request) throws PayloadRejection {
    JsonElement value = JsonFields.member(request, "latency");
    if (value == null) {
      return null;
    }
    if (value.isJsonObject()) {
      Long seconds = JsonFields.integer(value.getAsJsonObject(), "seconds", "httpRequest.latency");
      Long nanos = JsonFields.integer(value.getAsJsonObject(), "nanos", "httpRequest.latency");
      return (seconds == null ? 0 : seconds) * 1000.0 + (nanos == null ? 0 : nanos) / 1e6;
    }
    Matcher m =
        value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
            ? LATENCY.matcher(value.getAsString())
            : null;
    if (m == null || !m.matches()) {
      throw JsonFields.wrongType("httpRequest.latency", "a duration like \"0.45s\"", value);
    }
    return new BigDecimal(m.group(1)).movePointRight(3).doubleValue();
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

  private static SourceLocation sourceLocation(JsonObject location) throws PayloadRejection {
    if (location == null) {
      return null;
    }
    return new SourceLocation(
        blankToNull(JsonFields.string(location, "file", "sourceLocation.file")),
        JsonFields.lenientInteger(location, "line"),
        blankToNull(JsonFields.scalarText(location, "function", "sourceLocation.function")));
  }

  private static Split split(JsonObject split) throws PayloadRejection {
    if (split == null) {
      return null;
    }
    Long index = JsonFields.integer(split, "index", "split.index");
    Long total = JsonFields.integer(split, "totalSplits", "split.totalSplits");
    if ((index != null && (index < 0 || index > Integer.MAX_VALUE))
        || (total != null && (total < 0 || total > Integer.MAX_VALUE))) {
      throw new PayloadRejection(
          RejectReason.WRONG_FIELD_TYPE, "split.index and split.totalSplits must be 0 or more");
    }
    String uid = JsonFields.scalarText(split, "uid", "split.uid");
    return new Split(
        uid == null ? "" : uid,
        index == null ? 0 : index.intValue(),
        total == null ? 0 : total.intValue());
  }

  private static String trace(String trace) {
    if (trace == null || trace.isBlank()) {
      return null;
    }
    Matcher m = TRACE.matcher(trace.trim());
    return m.matches() ? m.group(1) : trace.trim();
  }

  /** A log name and its log id. */
  private record LogIdOf(String logName, String logId) {}

  /**
   * {@link #logId}, remembered per log name: a stream carries a handful of log names, and decoding
   * one costs a byte buffer and a pass per code point. Slots hold immutable pairs, so a racing
   * thread sees a whole pair or recomputes.
   */
  private String memoizedLogId(String logName) {
    if (logName == null) {
      return null;
    }
    LogIdOf[] known = logIds;
    if (known == null) {
      known = new LogIdOf[LOG_ID_SLOTS];
      logIds = known;
    }
    int slot = logName.hashCode() & (LOG_ID_SLOTS - 1);
    LogIdOf pair = known[slot];
    if (pair == null || !pair.logName().equals(logName)) {
      pair = new LogIdOf(logName, logId(logName));
      known[slot] = pair;
    }
    return pair.logId();
  }

  /** The log id after {@code /logs/}, percent-decoded as UTF-8. */
  private static String logId(String logName) {
    if (logName == null) {
      return null;
    }
    int at = logName.indexOf("/logs/");
    String encoded = at < 0 ? logName : logName.substring(at + "/logs/".length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    int i = 0;
    while (i < encoded.length()) {
      int hi = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
      int lo = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
      if (encoded.charAt(i) == '%' && hi >= 0 && lo >= 0) {
        bytes.write(hi * 16 + lo);
        i += 3;
      } else {
        int end = i + Character.charCount(encoded.codePointAt(i));
        byte[] raw = encoded.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
        i = end;
      }
    }
    return JsonFields.clean(bytes.toString(StandardCharsets.UTF_8));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String excerpt(String text) {
    String cleaned = JsonFields.clean(text);
    return cleaned.length() > 60 ? cleaned.substring(0, 60) + "..." : cleaned;
  }
}
