package dev.loggardener.logentry;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 *
 * <p>An entry is read from gson's streaming reader straight into its fields ({@link
 * EntryStreamReader}). A payload that reading declines, and every payload that is rejected is among
 * those, is read again from a gson tree, which gives the same entry or says what is wrong.
 */
public final class LogEntryParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The Pub/Sub attribute a log sink sets to the entry's timestamp. */
  public static final String TIMESTAMP_ATTRIBUTE = "logging.googleapis.com/timestamp";

  /** Four times Cloud Logging's 256 KiB entry limit, well under Pub/Sub's 10 MB message limit. */
  public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

  /** Real entries nest under 20 levels; 64 leaves room and keeps recursion shallow. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  private static final StackTraceParser STACK_TRACES = new StackTraceParser();
  private static final Set<String> TIME_MEMBERS = Set.copyOf(EntryStreamReader.TIME_MEMBERS);

  /**
   * The members the tree reading builds, each whole (null) or, for {@code httpRequest}, with only
   * the fields it reads; the reader skips the rest ({@code traceSampled}, {@code operation}, a
   * request's user agent, addresses and sizes) without making their strings.
   */
  private static final Map<String, Set<String>> ENTRY_MEMBERS = entryMembers();

  private static Map<String, Set<String>> entryMembers() {
    Map<String, Set<String>> members = new HashMap<>();
    for (String member : EntryStreamReader.ENTRY_MEMBERS) {
      members.put(member, null);
    }
    members.put("httpRequest", Set.copyOf(EntryStreamReader.REQUEST_MEMBERS));
    return Collections.unmodifiableMap(members);
  }

  private static final int LOG_ID_SLOTS = 256;

  private final int maxBytes;
  private final int maxDepth;
  private transient volatile LogIdOf[] logIds;
  private transient volatile EntryStreamReader streamReader;

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
    Map<String, String> known = attributes == null ? Map.of() : attributes;
    EntryFields streamed = streamReader().read(payload, known);
    return streamed != null ? new ParseResult.Parsed(entry(streamed)) : parseTree(payload, known);
  }

  /**
   * Parses one message as {@link #parse} does, from a gson tree of the entry: the way every payload
   * the streamed reading declines is read, so that its rejection says what is wrong.
   */
  ParseResult parseTree(byte[] payload, Map<String, String> attributes) {
    try {
      JsonObject root = new JsonTreeReader(maxBytes, maxDepth).readMembers(payload, ENTRY_MEMBERS);
      return new ParseResult.Parsed(entry(fields(root, attributes)));
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
    Map<String, String> known = attributes == null ? Map.of() : attributes;
    Instant streamed = streamReader().eventTime(payload, known);
    if (streamed != null) {
      return Optional.of(streamed);
    }
    try {
      JsonObject root = new JsonTreeReader(maxBytes, maxDepth).readMembers(payload, TIME_MEMBERS);
      return Optional.of(eventTime(root, known).time());
    } catch (PayloadRejection rejection) {
      return Optional.empty();
    }
  }

  private EntryStreamReader streamReader() {
    EntryStreamReader reader = streamReader;
    if (reader == null) {
      reader = new EntryStreamReader(new JsonTreeReader(maxBytes, maxDepth));
      streamReader = reader;
    }
    return reader;
  }

  private static EntryFields.EventTime eventTime(JsonObject root, Map<String, String> attributes)
      throws PayloadRejection {
    Instant receive = timestamp(root, "receiveTimestamp");
    Instant entryTime = timestamp(root, "timestamp");
    return EntryValues.eventTime(entryTime, receive, attributes);
  }

  /** The entry's members read from its tree, checked in the order that decides a rejection. */
  private static EntryFields fields(JsonObject root, Map<String, String> attributes)
      throws PayloadRejection {
    EntryFields.EventTime eventTime = eventTime(root, attributes);
    Map<String, String> labels =
        JsonFields.labels(JsonFields.object(root, "labels", "labels"), "labels");
    String logName = JsonFields.string(root, "logName", "logName");
    HttpRequest request = httpRequest(JsonFields.object(root, "httpRequest", "httpRequest"));
    String textPayload = JsonFields.scalarText(root, "textPayload", "textPayload");
    JsonObject jsonPayload = JsonFields.object(root, "jsonPayload", "jsonPayload");
    JsonObject protoPayload = JsonFields.object(root, "protoPayload", "protoPayload");
    Severity severity = severity(root);
    String insertId = JsonFields.scalarText(root, "insertId", "insertId");
    ServiceIdentity service =
        ServiceIdentityResolver.resolve(
            JsonFields.object(root, "resource", "resource"), labels, logName);
    String trace = EntryValues.trace(JsonFields.string(root, "trace", "trace"));
    String spanId = EntryValues.blankToNull(JsonFields.scalarText(root, "spanId", "spanId"));
    SourceLocation location =
        sourceLocation(JsonFields.object(root, "sourceLocation", "sourceLocation"));
    return new EntryFields(
        eventTime,
        labels,
        logName,
        request,
        textPayload,
        jsonPayload,
        protoPayload,
        severity,
        insertId,
        service,
        trace,
        spanId,
        location,
        split(JsonFields.object(root, "split", "split")));
  }

  /** The entry: its members, and the message with what follows from it. */
  private LogEntry entry(EntryFields fields) {
    String message =
        PayloadReader.message(
            fields.textPayload(), fields.jsonPayload(), fields.protoPayload(), fields.request());
    StackTrace stackTrace = null;
    for (String text : PayloadReader.traceCandidates(message, fields.jsonPayload())) {
      Optional<StackTrace> found = STACK_TRACES.parse(text);
      if (found.isPresent()) {
        stackTrace = found.get();
        break;
      }
    }
    Severity severity = fields.severity();
    boolean inferred = false;
    if (severity == Severity.DEFAULT) {
      severity = PayloadReader.inferSeverity(fields.jsonPayload(), message, stackTrace != null);
      inferred = severity != Severity.DEFAULT;
    }
    EntryFields.EventTime eventTime = fields.eventTime();
    return new LogEntry(
        eventTime.time(),
        eventTime.source(),
        eventTime.receive(),
        fields.insertId(),
        fields.logName(),
        memoizedLogId(fields.logName()),
        severity,
        inferred,
        fields.service(),
        fields.labels(),
        fields.trace(),
        fields.spanId(),
        fields.sourceLocation(),
        fields.request(),
        PayloadReader.logger(fields.jsonPayload(), fields.labels()),
        message,
        stackTrace,
        fields.split());
  }

  private static Instant timestamp(JsonObject root, String field) throws PayloadRejection {
    JsonElement value = JsonFields.member(root, field);
    if (value == null) {
      return null;
    }
    if (value.isJsonObject()) {
      Long seconds = JsonFields.integer(value.getAsJsonObject(), "seconds", field + ".seconds");
      Long nanos = JsonFields.integer(value.getAsJsonObject(), "nanos", field + ".nanos");
      try {
        return EntryValues.storable(
            Instant.ofEpochSecond(seconds == null ? 0 : seconds, nanos == null ? 0 : nanos), field);
      } catch (DateTimeException | ArithmeticException e) {
        throw new PayloadRejection(RejectReason.BAD_TIMESTAMP, field + " is out of range");
      }
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw JsonFields.wrongType(field, "an RFC 3339 string", value);
    }
    return EntryValues.timestamp(value.getAsString(), field);
  }

  private static Severity severity(JsonObject root) throws PayloadRejection {
    JsonElement value = JsonFields.member(root, "severity");
    if (value == null) {
      return Severity.DEFAULT;
    }
    Optional<Severity> severity =
        value.isJsonPrimitive() && !value.getAsJsonPrimitive().isBoolean()
            ? EntryValues.severity(value.getAsString())
            : Optional.empty();
    if (severity.isEmpty()) {
      throw JsonFields.wrongType("severity", "a LogSeverity name or number", value);
    }
    return severity.get();
  }

  private static HttpRequest httpRequest(JsonObject request) throws PayloadRejection {
    if (request == null) {
      return null;
    }
    Long status = EntryValues.status(JsonFields.integer(request, "status", "httpRequest.status"));
    String method = JsonFields.scalarText(request, "requestMethod", "httpRequest.requestMethod");
    String url = JsonFields.string(request, "requestUrl", "httpRequest.requestUrl");
    return EntryValues.request(method, url, status, latencyMillis(request));
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
    Double millis =
        value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
            ? EntryValues.latencyMillis(value.getAsString())
            : null;
    if (millis == null) {
      throw JsonFields.wrongType("httpRequest.latency", "a duration like \"0.45s\"", value);
    }
    return millis;
  }

  private static SourceLocation sourceLocation(JsonObject location) throws PayloadRejection {
    if (location == null) {
      return null;
    }
    return new SourceLocation(
        EntryValues.blankToNull(JsonFields.string(location, "file", "sourceLocation.file")),
        JsonFields.lenientInteger(location, "line"),
        EntryValues.blankToNull(
            JsonFields.scalarText(location, "function", "sourceLocation.function")));
  }

  /** The split marker of a split entry; the streamed reading builds it from its tree as well. */
  static Split split(JsonObject split) throws PayloadRejection {
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
}
