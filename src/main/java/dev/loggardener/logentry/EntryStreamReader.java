package dev.loggardener.logentry;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a LogEntry's members from gson's streaming reader straight into {@link EntryFields},
 * without building a tree of the entry: only {@code jsonPayload}, {@code protoPayload} and {@code
 * split}, which are looked up by name later, become trees.
 *
 * <p>It takes the shapes Cloud Logging writes, compact or pretty-printed, and declines (returns
 * null) the rest: a payload with a control byte in a string or that is not strict UTF-8 and strict
 * JSON, a member given twice, a label that is null or a boolean, a timestamp or latency given as an
 * object, a boolean where text is expected, and any value the entry would be rejected for. {@link
 * LogEntryParser} reads a declined payload from its tree, so every rejection keeps its reason and
 * detail, and what is read here is equal to what the tree gives.
 *
 * <p>Text is cleaned of control characters ({@link JsonFields#clean}) where the tree's readers
 * clean it, unless the payload cannot hold one: no DEL, no UTF-8 C1 character and no escape that
 * makes either.
 */
final class EntryStreamReader {
  private static final int CONTROL_BYTE = -1;
  private static final int NON_ASCII = 1;
  private static final int NEEDS_CLEANING = 2;

  private static final Declined DECLINED = new Declined();

  /**
   * The LogEntry members read, by both ways of reading an entry; the others are skipped without
   * making their strings.
   */
  static final List<String> ENTRY_MEMBERS =
      List.of(
          "timestamp",
          "receiveTimestamp",
          "labels",
          "logName",
          "httpRequest",
          "textPayload",
          "jsonPayload",
          "protoPayload",
          "severity",
          "insertId",
          "resource",
          "trace",
          "spanId",
          "sourceLocation",
          "split");

  /** The members of {@code httpRequest} read; the others are skipped. */
  static final List<String> REQUEST_MEMBERS =
      List.of("requestMethod", "requestUrl", "status", "latency");

  private static final List<String> RESOURCE_MEMBERS = List.of("type", "labels");

  /** The members that give the event time. */
  static final List<String> TIME_MEMBERS = List.of("timestamp", "receiveTimestamp");

  private static final List<String> LOCATION_MEMBERS = List.of("file", "line", "function");

  private final JsonTreeReader trees;

  EntryStreamReader(JsonTreeReader trees) {
    this.trees = trees;
  }

  /** The entry's fields, or null when this reading declines the payload. */
  EntryFields read(byte[] payload, Map<String, String> attributes) {
    try {
      Members members = members(payload, ENTRY_MEMBERS);
      return members == null ? null : members.fields(attributes);
    } catch (PayloadRejection | Declined e) {
      return null;
    }
  }

  /**
   * The entry's event time, read without its other members, or null when this reading declines the
   * payload.
   */
  Instant eventTime(byte[] payload, Map<String, String> attributes) {
    try {
      Members members = members(payload, TIME_MEMBERS);
      return members == null ? null : members.eventTime(attributes).time();
    } catch (PayloadRejection e) {
      return null;
    }
  }

  /** The named members of the payload, or null when this reading declines it. */
  private Members members(byte[] payload, List<String> names) {
    if (payload == null || payload.length == 0) {
      return null;
    }
    int shape = shape(payload);
    if (shape == CONTROL_BYTE) {
      return null;
    }
    try {
      JsonReader reader = trees.openBounded(payload, (shape & NON_ASCII) == 0);
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        return null;
      }
      Members members = new Members(trees, (shape & NEEDS_CLEANING) != 0);
      readMembers(reader, names, members::entryMember);
      return reader.peek() == JsonToken.END_DOCUMENT ? members : null;
    } catch (IOException
        | IllegalStateException
        | NumberFormatException
        | PayloadRejection
        | Declined e) {
      return null;
    }
  }

  /**
   * {@link #CONTROL_BYTE} for a control byte inside a string (which gson's skipping would not
   * refuse) or one that is not JSON whitespace, else the flags {@link #NON_ASCII} and {@link
   * #NEEDS_CLEANING}; the line breaks and indents of a pretty-printed entry are whitespace. An
   * escaped {@code \}{@code u00} followed by 0, 1, 7, 8 or 9 counts as needing cleaning, which
   * covers every escaped control character with a few that are not.
   */
  private static int shape(byte[] payload) {
    int shape = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < payload.length; i++) {
      byte b = payload[i];
      if (b >= 0 && b < 0x20) {
        if (inString || (b != '\t' && b != '\n' && b != '\r')) {
          return CONTROL_BYTE;
        }
        continue;
      }
      if (b < 0) {
        shape |= NON_ASCII;
        if (b == (byte) 0xC2 && i + 1 < payload.length && isC1Continuation(payload[i + 1])) {
          shape |= NEEDS_CLEANING;
        }
      }
      if (escaped) {
        escaped = false;
        if (b == 'b' || b == 'f' || (b == 'u' && escapesControl(payload, i + 1))) {
          shape |= NEEDS_CLEANING;
        }
      } else if (b == '"') {
        inString = !inString;
      } else if (b == 0x7F) {
        shape |= NEEDS_CLEANING;
      } else if (b == '\\') {
        escaped = true;
      }
    }
    return shape;
  }

  /** The second byte of U+0080 to U+009F in UTF-8. */
  private static boolean isC1Continuation(byte b) {
    int unsigned = b & 0xFF;
    return unsigned >= 0x80 && unsigned <= 0x9F;
  }

  /** Whether the four hex digits of a {@code \}{@code u} escape may make a cleaned character. */
  private static boolean escapesControl(byte[] payload, int hex) {
    if (hex + 2 >= payload.length) {
      return true;
    }
    byte third = payload[hex + 2];
    return payload[hex] == '0'
        && payload[hex + 1] == '0'
        && (third == '0' || third == '1' || third == '7' || third == '8' || third == '9');
  }

  /** The members of one entry as they are read. */
  private static final class Members {
    private final JsonTreeReader trees;
    private final boolean needsCleaning;

    private String timestamp;
    private String receiveTimestamp;
    private Map<String, String> labels;
    private String logName;
    private boolean hasRequest;
    private String requestMethod;
    private String requestUrl;
    private Long status;
    private Double latencyMillis;
    private String textPayload;
    private JsonObject jsonPayload;
    private JsonObject protoPayload;
    private String severity;
    private String insertId;
    private boolean hasResource;
    private String resourceType;
    private Map<String, String> resourceLabels;
    private String trace;
    private String spanId;
    private boolean hasLocation;
    private String file;
    private Long line;
    private String function;
    private JsonObject split;

    Members(JsonTreeReader trees, boolean needsCleaning) {
      this.trees = trees;
      this.needsCleaning = needsCleaning;
    }

    void entryMember(String member, JsonReader reader)
        throws IOException, PayloadRejection, Declined {
      switch (member) {
        case "timestamp" -> timestamp = string(reader);
        case "receiveTimestamp" -> receiveTimestamp = string(reader);
        case "labels" -> labels = labels(reader);
        case "logName" -> logName = clean(string(reader));
        case "httpRequest" -> {
          hasRequest = true;
          readMembers(reader, REQUEST_MEMBERS, this::requestMember);
        }
        case "textPayload" -> textPayload = clean(scalar(reader));
        case "jsonPayload" -> jsonPayload = object(reader);
        case "protoPayload" -> protoPayload = object(reader);
        case "severity" -> severity = scalar(reader);
        case "insertId" -> insertId = clean(scalar(reader));
        case "resource" -> {
          hasResource = true;
          readMembers(reader, RESOURCE_MEMBERS, this::resourceMember);
        }
        case "trace" -> trace = clean(string(reader));
        case "spanId" -> spanId = clean(scalar(reader));
        case "sourceLocation" -> {
          hasLocation = true;
          readMembers(reader, LOCATION_MEMBERS, this::locationMember);
        }
        default -> split = object(reader);
      }
    }

    private void requestMember(String member, JsonReader reader)
        throws IOException, PayloadRejection, Declined {
      switch (member) {
        case "requestMethod" -> requestMethod = clean(scalar(reader));
        case "requestUrl" -> requestUrl = clean(string(reader));
        case "status" -> status = EntryValues.status(wholeNumber(scalar(reader)));
        default -> latencyMillis = latency(string(reader));
      }
    }

    private void resourceMember(String member, JsonReader reader) throws IOException, Declined {
      if (member.equals("type")) {
        resourceType = clean(string(reader));
      } else {
        resourceLabels = labels(reader);
      }
    }

    private void locationMember(String member, JsonReader reader) throws IOException, Declined {
      switch (member) {
        case "file" -> file = clean(string(reader));
        case "function" -> function = clean(scalar(reader));
        default -> {
          JsonToken token = reader.peek();
          if (token == JsonToken.STRING || token == JsonToken.NUMBER) {
            // Like the tree's lenient reading: a line that is not a whole number is no line.
            line = JsonFields.parseInteger(reader.nextString());
          } else {
            reader.skipValue();
          }
        }
      }
    }

    EntryFields.EventTime eventTime(Map<String, String> attributes) throws PayloadRejection {
      Instant receive =
          receiveTimestamp == null
              ? null
              : EntryValues.timestamp(receiveTimestamp, "receiveTimestamp");
      Instant entryTime = timestamp == null ? null : EntryValues.timestamp(timestamp, "timestamp");
      return EntryValues.eventTime(entryTime, receive, attributes);
    }

    EntryFields fields(Map<String, String> attributes) throws PayloadRejection, Declined {
      Map<String, String> entryLabels = labels == null ? new TreeMap<>() : labels;
      ServiceIdentity service =
          hasResource
              ? ServiceIdentityResolver.resolve(
                  resourceType,
                  resourceLabels == null ? Map.of() : resourceLabels,
                  entryLabels,
                  logName)
              : ServiceIdentity.unknown(ServiceIdentityResolver.projectOfLogName(logName));
      return new EntryFields(
          eventTime(attributes),
          entryLabels,
          logName,
          hasRequest ? EntryValues.request(requestMethod, requestUrl, status, latencyMillis) : null,
          textPayload,
          jsonPayload,
          protoPayload,
          severity == null
              ? Severity.DEFAULT
              : EntryValues.severity(severity).orElseThrow(() -> DECLINED),
          insertId,
          service,
          EntryValues.trace(trace),
          EntryValues.blankToNull(spanId),
          hasLocation
              ? new SourceLocation(
                  EntryValues.blankToNull(file), line, EntryValues.blankToNull(function))
              : null,
          LogEntryParser.split(split));
    }

    /** A label map: text values only, each name once. */
    private Map<String, String> labels(JsonReader reader) throws IOException, Declined {
      expect(reader, JsonToken.BEGIN_OBJECT);
      Map<String, String> map = new TreeMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        String name = clean(reader.nextName());
        if (map.put(name, clean(scalar(reader))) != null) {
          throw DECLINED;
        }
      }
      reader.endObject();
      return map;
    }

    private JsonObject object(JsonReader reader) throws IOException, PayloadRejection, Declined {
      expect(reader, JsonToken.BEGIN_OBJECT);
      return trees.read(reader, 1).getAsJsonObject();
    }

    private String clean(String text) {
      return needsCleaning ? JsonFields.clean(text) : text;
    }
  }

  private static String string(JsonReader reader) throws IOException, Declined {
    expect(reader, JsonToken.STRING);
    return reader.nextString();
  }

  /** A string, or a number's text. */
  private static String scalar(JsonReader reader) throws IOException, Declined {
    JsonToken token = reader.peek();
    if (token != JsonToken.STRING && token != JsonToken.NUMBER) {
      throw DECLINED;
    }
    return reader.nextString();
  }

  private static Long wholeNumber(String text) throws Declined {
    Long number = JsonFields.parseInteger(text);
    if (number == null) {
      throw DECLINED;
    }
    return number;
  }

  private static Double latency(String text) throws Declined {
    Double millis = EntryValues.latencyMillis(text);
    if (millis == null) {
      throw DECLINED;
    }
    return millis;
  }

  private static void expect(JsonReader reader, JsonToken token) throws IOException, Declined {
    if (reader.peek() != token) {
      throw DECLINED;
    }
  }

  /** Marks the member seen, declining one seen before. */
  private static int once(int seen, int member) throws Declined {
    int bit = 1 << member;
    if ((seen & bit) != 0) {
      throw DECLINED;
    }
    return seen | bit;
  }

  /**
   * Reads the object's members that {@code names} lists, each at most once and JSON null being
   * absent, and skips the others.
   */
  private static void readMembers(JsonReader reader, List<String> names, MemberReader member)
      throws IOException, PayloadRejection, Declined {
    expect(reader, JsonToken.BEGIN_OBJECT);
    int seen = 0;
    reader.beginObject();
    while (reader.hasNext()) {
      int index = names.indexOf(reader.nextName());
      if (index < 0) {
        reader.skipValue();
        continue;
      }
      seen = once(seen, index);
      if (reader.peek() == JsonToken.NULL) {
        reader.nextNull();
      } else {
        member.read(names.get(index), reader);
      }
    }
    reader.endObject();
  }

  /** Reads the value of a named member, the name being one of the list of names read. */
  @FunctionalInterface
  private interface MemberReader {
    void read(String member, JsonReader reader) throws IOException, PayloadRejection, Declined;
  }

  /** Ends the streamed reading of a payload it does not take; thrown without a stack trace. */
  private static final class Declined extends Exception {
    private static final long serialVersionUID = 1L;

    Declined() {
      super("declined", null, false, false);
    }
  }
}
