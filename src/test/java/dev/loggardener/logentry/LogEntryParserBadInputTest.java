package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogEntryParserBadInputTest {
  private static final String T = Entries.TIME;

  private static Arguments bad(String name, RejectReason reason, byte[] payload) {
    return Arguments.of(name, reason, payload);
  }

  private static Arguments bad(String name, RejectReason reason, String json) {
    return bad(name, reason, json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] join(String head, byte[] middle, String tail) {
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(h, h.length + middle.length + t.length);
    System.arraycopy(middle, 0, out, h.length, middle.length);
    System.arraycopy(t, 0, out, h.length + middle.length, t.length);
    return out;
  }

  static Stream<Arguments> badInputs() {
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    Arrays.fill(tenMegabytes, (byte) ' ');
    tenMegabytes[0] = '{';
    tenMegabytes[tenMegabytes.length - 1] = '}';
    return Stream.of(
        bad("no bytes", RejectReason.EMPTY, new byte[0]),
        bad("only whitespace", RejectReason.EMPTY, " \n\t "),
        bad("10 MB payload", RejectReason.TOO_LARGE, tenMegabytes),
        bad("arrays 10,000 deep", RejectReason.TOO_DEEP, "[".repeat(10_000) + "]".repeat(10_000)),
        bad(
            "objects 10,000 deep in jsonPayload",
            RejectReason.TOO_DEEP,
            "{" + T + ",\"jsonPayload\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001)),
        bad("unclosed nesting 10,000 deep", RejectReason.TOO_DEEP, "{\"a\":".repeat(10_000)),
        bad(
            "invalid continuation byte",
            RejectReason.INVALID_UTF8,
            join("{\"textPayload\":\"", bytes(0xC3, 0x28), "\"}")),
        bad(
            "overlong encoding",
            RejectReason.INVALID_UTF8,
            join("{\"a\":\"", bytes(0xC0, 0xAF), "\"}")),
        bad(
            "encoded surrogate",
            RejectReason.INVALID_UTF8,
            join("{\"a\":\"", bytes(0xED, 0xA0, 0x80), "\"}")),
        bad(
            "truncated sequence",
            RejectReason.INVALID_UTF8,
            join("{\"a\":\"", bytes(0xE2, 0x82), "")),
        bad("latin-1 byte", RejectReason.INVALID_UTF8, join("{\"a\":\"caf", bytes(0xE9), "\"}")),
        bad("plain text", RejectReason.NOT_JSON, "disk full on /var"),
        bad("truncated object", RejectReason.NOT_JSON, "{" + T + ",\"textPayload\":\"x"),
        bad("trailing content", RejectReason.NOT_JSON, "{" + T + "} {}"),
        bad("two NDJSON lines", RejectReason.NOT_JSON, "{" + T + "}\n{" + T + "}"),
        bad("raw NUL in string", RejectReason.NOT_JSON, "{" + T + ",\"textPayload\":\"a\u0000b\"}"),
        bad("raw control char", RejectReason.NOT_JSON, "{" + T + ",\"textPayload\":\"a\u0007b\"}"),
        bad("NUL outside strings", RejectReason.NOT_JSON, "{" + T + "}\u0000"),
        bad("single quotes", RejectReason.NOT_JSON, "{'timestamp':'2024-01-02T03:04:05Z'}"),
        bad("NaN", RejectReason.NOT_JSON, "{" + T + ",\"n\":NaN}"),
        bad("comment", RejectReason.NOT_JSON, "{" + T + "/* c */}"),
        bad("array", RejectReason.NOT_AN_OBJECT, "[{" + T + "}]"),
        bad("string", RejectReason.NOT_AN_OBJECT, "\"text\""),
        bad("number", RejectReason.NOT_AN_OBJECT, "42"),
        bad("null", RejectReason.NOT_AN_OBJECT, "null"),
        bad(
            "resource as string",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"resource\":\"gce\"}"),
        bad(
            "resource.type as number",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"resource\":{\"type\":5}}"),
        bad("labels as array", RejectReason.WRONG_FIELD_TYPE, "{" + T + ",\"labels\":[\"a\"]}"),
        bad(
            "label value as object",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"labels\":{\"a\":{}}}"),
        bad(
            "jsonPayload as string",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"jsonPayload\":\"x\"}"),
        bad(
            "textPayload as object",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"textPayload\":{}}"),
        bad(
            "protoPayload as array",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"protoPayload\":[]}"),
        bad(
            "status not a number",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"httpRequest\":{\"status\":\"ok\"}}"),
        bad(
            "status out of range",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"httpRequest\":{\"status\":70000}}"),
        bad(
            "latency as number",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"httpRequest\":{\"latency\":5}}"),
        bad(
            "latency without unit",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"httpRequest\":{\"latency\":\"5\"}}"),
        bad(
            "severity unknown name",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"severity\":\"LOUD\"}"),
        bad(
            "severity unknown number",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"severity\":450}"),
        bad("severity boolean", RejectReason.WRONG_FIELD_TYPE, "{" + T + ",\"severity\":true}"),
        bad(
            "split index text",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"split\":{\"index\":\"x\"}}"),
        bad(
            "split index negative",
            RejectReason.WRONG_FIELD_TYPE,
            "{" + T + ",\"split\":{\"index\":-1}}"),
        bad("trace as object", RejectReason.WRONG_FIELD_TYPE, "{" + T + ",\"trace\":{}}"),
        bad("timestamp as number", RejectReason.WRONG_FIELD_TYPE, "{\"timestamp\":1704164645}"),
        bad("no timestamp anywhere", RejectReason.NO_TIMESTAMP, "{\"textPayload\":\"x\"}"),
        bad("null timestamp", RejectReason.NO_TIMESTAMP, "{\"timestamp\":null}"),
        bad("timestamp not RFC 3339", RejectReason.BAD_TIMESTAMP, "{\"timestamp\":\"yesterday\"}"),
        bad("month 13", RejectReason.BAD_TIMESTAMP, "{\"timestamp\":\"2024-13-01T00:00:00Z\"}"),
        bad(
            "ten fraction digits",
            RejectReason.BAD_TIMESTAMP,
            "{\"timestamp\":\"2024-01-01T00:00:00.1234567890Z\"}"),
        bad("no offset", RejectReason.BAD_TIMESTAMP, "{\"timestamp\":\"2024-01-01T00:00:00\"}"),
        bad(
            "bad receiveTimestamp",
            RejectReason.BAD_TIMESTAMP,
            "{" + T + ",\"receiveTimestamp\":\"x\"}"),
        bad(
            "seconds out of range",
            RejectReason.BAD_TIMESTAMP,
            "{\"timestamp\":{\"seconds\":9223372036854775807}}"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("badInputs")
  void rejectsBadInputWithAStableReason(String name, RejectReason reason, byte[] payload) {
    ParseResult.Rejected rejected = Entries.rejected(payload);
    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.detail()).isNotBlank().hasSizeLessThan(500);
  }

  @Test
  void rejectsAnUnparseableTimestampAttributeOnlyWhenItIsNeeded() {
    byte[] withoutTime = "{\"textPayload\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    byte[] withTime = ("{" + T + "}").getBytes(StandardCharsets.UTF_8);
    Map<String, String> bad = Map.of(LogEntryParser.TIMESTAMP_ATTRIBUTE, "soon");
    assertThat(Entries.PARSER.parse(withoutTime, bad))
        .isEqualTo(
            new ParseResult.Rejected(
                RejectReason.BAD_TIMESTAMP,
                "attribute logging.googleapis.com/timestamp is not an RFC 3339 timestamp: soon"));
    assertThat(Entries.PARSER.parse(withTime, bad)).isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void acceptsAPayloadJustUnderTheLimitAndAUtf8ByteOrderMark() {
    LogEntryParser small = new LogEntryParser(64, 8);
    String json = "{" + T + "}";
    assertThat(small.parse(json.getBytes(StandardCharsets.UTF_8), Map.of()))
        .isInstanceOf(ParseResult.Parsed.class);
    assertThat(small.parse(join("", bytes(0xEF, 0xBB, 0xBF), json), Map.of()))
        .isInstanceOf(ParseResult.Parsed.class);
    assertThat(small.parse((json + " ".repeat(64)).getBytes(StandardCharsets.UTF_8), Map.of()))
        .isEqualTo(
            new ParseResult.Rejected(
                RejectReason.TOO_LARGE, "the payload has 100 bytes; the limit is 64"));
  }

  @Test
  void acceptsNestingUpToTheDepthLimit() {
    LogEntryParser parser = new LogEntryParser(1 << 20, 5);
    String ok = "{" + T + ",\"jsonPayload\":{\"a\":{\"b\":{\"c\":[1]}}}}";
    String deep = "{" + T + ",\"jsonPayload\":{\"a\":{\"b\":{\"c\":[[1]]}}}}";
    assertThat(parser.parse(ok.getBytes(StandardCharsets.UTF_8), Map.of()))
        .isInstanceOf(ParseResult.Parsed.class);
    assertThat(
            ((ParseResult.Rejected) parser.parse(deep.getBytes(StandardCharsets.UTF_8), null))
                .reason())
        .isEqualTo(RejectReason.TOO_DEEP);
  }

  @Test
  void refusesLimitsThatCannotParseAnEntry() {
    assertThatThrownBy(() -> new LogEntryParser(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBytes");
    assertThatThrownBy(() -> new LogEntryParser(1024, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDepth");
  }

  @Test
  void toleratesNumbersWrittenAsStringsWhereCloudLoggingDoes() {
    LogEntry entry =
        Entries.parsed(
            Entries.entry(
                "\"severity\":\"500\",\"httpRequest\":{\"status\":\"404\",\"responseSize\":\"12\"},"
                    + "\"sourceLocation\":{\"line\":\"7\"},\"insertId\":123"));
    assertThat(entry.severity()).isEqualTo(Severity.ERROR);
    assertThat(entry.httpRequest().status()).isEqualTo(404);
    assertThat(entry.sourceLocation().line()).isEqualTo(7L);
    assertThat(entry.insertId()).isEqualTo("123");
  }
}
