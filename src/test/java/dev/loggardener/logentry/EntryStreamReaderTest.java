package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed reading of an entry takes the shapes Cloud Logging writes, and whatever it takes or
 * declines, {@link LogEntryParser#parse} gives exactly what the tree reading gives, and the event
 * time read alone is the parsed entry's.
 */
class EntryStreamReaderTest {
  private static final String BUNDLED_SAMPLE =
      "/pipelines/samples/netra-staging-2025-09-11.jsonl.gz";
  private static final Map<String, String> SINK_ATTRIBUTES =
      Map.of(LogEntryParser.TIMESTAMP_ATTRIBUTE, "2025-09-11T12:00:00Z");
  private static final String BASE =
      "{\"timestamp\":\"2025-09-11T10:00:00.123Z\","
          + "\"logName\":\"projects/p/logs/run.googleapis.com%2Fstderr\"";

  private final LogEntryParser parser = new LogEntryParser();
  private final EntryStreamReader reader =
      new EntryStreamReader(
          new JsonTreeReader(LogEntryParser.DEFAULT_MAX_BYTES, LogEntryParser.DEFAULT_MAX_DEPTH));

  @Test
  void takesEveryPublicAndBundledSampleCompactAndPrettyPrinted() throws IOException {
    List<String> entries = new ArrayList<>(PublicSamples.lines());
    entries.addAll(bundledSample());
    for (String entry : entries) {
      for (String shape : List.of(entry, prettyPrinted(entry))) {
        byte[] payload = shape.getBytes(StandardCharsets.UTF_8);
        for (Map<String, String> attributes : List.of(Map.<String, String>of(), SINK_ATTRIBUTES)) {
          ParseResult tree = parser.parseTree(payload, attributes);
          // A sample without a timestamp is rejected without the sink's attribute.
          assertThat(reader.read(payload, attributes) != null)
              .as(shape)
              .isEqualTo(tree instanceof ParseResult.Parsed);
          assertThat(parser.parse(payload, attributes)).as(shape).isEqualTo(tree);
          if (tree instanceof ParseResult.Parsed parsed) {
            assertThat(reader.eventTime(payload, attributes))
                .as(shape)
                .isEqualTo(parsed.entry().timestamp());
          }
        }
      }
    }
    assertThat(entries).hasSizeGreaterThan(4_000);
  }

  /** Shapes the streamed reading takes, some of them unusual; each parses as the tree parses it. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        BASE
            + ",\"severity\":\"ERROR\",\"textPayload\":\"db timeout\",\"labels\":{\"i\":\"1\"},"
            + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"api\"}}}",
        BASE + ",\"severity\":null,\"textPayload\":null}",
        BASE + ",\"unknown\":{\"deep\":[1,[2,[3]]]},\"traceSampled\":true}",
        BASE + ",\"insertId\":12345,\"spanId\":\"  \"}",
        BASE + ",\"sourceLocation\":{\"file\":\"a.py\",\"line\":\"12\",\"function\":7}}",
        BASE + ",\"sourceLocation\":{\"line\":{\"x\":1},\"column\":3}}",
        BASE + ",\"sourceLocation\":{\"line\":true}}",
        BASE
            + ",\"httpRequest\":{\"requestMethod\":\"GET\",\"status\":\"503\",\"latency\":\"0.5s\"}}",
        BASE
            + ",\"httpRequest\":{\"requestUrl\":\"https://h/a?b\",\"status\":200.0,\"userAgent\":1}}",
        BASE + ",\"resource\":{\"labels\":{\"project_id\":\"p2\"}}}",
        BASE + ",\"resource\":{\"type\":null,\"labels\":null,\"other\":[]}}",
        BASE + ",\"trace\":\"projects/p/traces/abc\",\"split\":{\"uid\":\"u\",\"index\":1}}",
        BASE + ",\"jsonPayload\":{\"message\":\"m\",\"level\":50}}",
        BASE
            + ",\"labels\":{\"n\":3,\"b\":\"x\\u0007y\",\"d\":\"x\\u007fy\",\"c1\":\"x\\u0085y\"}}",
        BASE + ",\"textPayload\":\"bell \\u0007 backspace \\b form \\f del \u007f c1 \u0085\"}",
        BASE + ",\"textPayload\":\"escaped \\\\u0007 is text\"}",
        BASE + ",\"severity\":\"warn\"}",
        BASE + ",\"severity\":500}",
        BASE + ",\"severity\":\"٥٠٠\"}",
        "{\"receiveTimestamp\":\"2025-09-11T10:00:00Z\",\"textPayload\":\"x\"}",
        "{\"textPayload\":\"only the sink's attribute dates this\"}",
        "{\n\t\"timestamp\": \"2025-09-11T10:00:00Z\",\r\n  \"textPayload\": \"pretty\"\n}",
        "\uFEFF{\"timestamp\":\"2025-09-11T10:00:00Z\",\"textPayload\":\"é after a BOM\"}",
      })
  void takenShapesParseAsTheTreeParsesThem(String entry) {
    byte[] payload = entry.getBytes(StandardCharsets.UTF_8);
    assertThat(reader.read(payload, SINK_ATTRIBUTES)).isNotNull();
    ParseResult tree = parser.parseTree(payload, SINK_ATTRIBUTES);
    assertThat(parser.parse(payload, SINK_ATTRIBUTES)).isEqualTo(tree);
    assertThat(reader.eventTime(payload, SINK_ATTRIBUTES))
        .isEqualTo(((ParseResult.Parsed) tree).entry().timestamp());
  }

  /** Shapes the streamed reading declines; each still parses, or is rejected, as by the tree. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        BASE + ",\"textPayload\":\"once\",\"textPayload\":\"twice\"}",
        BASE + ",\"labels\":{\"a\":\"1\",\"a\":\"2\"}}",
        BASE + ",\"labels\":{\"a\\u0001\":\"1\",\"a\":\"2\"}}",
        BASE + ",\"labels\":{\"a\":null}}",
        BASE + ",\"labels\":{\"a\":true}}",
        BASE + ",\"labels\":{\"a\":{}}}",
        BASE + ",\"labels\":[]}",
        BASE + ",\"timestamp\":{\"seconds\":1757584800,\"nanos\":5}}",
        BASE + ",\"timestamp\":\"yesterday\"}",
        BASE + ",\"timestamp\":\"0000-12-31T23:59:59Z\"}",
        BASE + ",\"textPayload\":true}",
        BASE + ",\"textPayload\":\"raw\ttab\"}",
        BASE + ",\"severity\":true}",
        BASE + ",\"severity\":\"LOUD\"}",
        BASE + ",\"severity\":150}",
        BASE + ",\"httpRequest\":{\"status\":1000}}",
        BASE + ",\"httpRequest\":{\"status\":\"x\"}}",
        BASE + ",\"httpRequest\":{\"latency\":0.5}}",
        BASE + ",\"httpRequest\":{\"latency\":{\"seconds\":1}}}",
        BASE + ",\"httpRequest\":{\"status\":200,\"status\":500}}",
        BASE + ",\"httpRequest\":\"GET /\"}",
        BASE + ",\"resource\":{\"type\":7}}",
        BASE + ",\"sourceLocation\":{\"file\":3}}",
        BASE + ",\"jsonPayload\":[\"m\"]}",
        BASE + ",\"split\":{\"index\":-1}}",
        BASE + "} trailing",
        BASE + ",\"unknown\":tru}",
        "[" + BASE + "}]",
        "{\"textPayload\":\"no time at all\"}",
      })
  void declinedShapesParseAsTheTreeParsesThem(String entry) {
    byte[] payload = entry.getBytes(StandardCharsets.UTF_8);
    Map<String, String> attributes = entry.contains("no time at all") ? Map.of() : SINK_ATTRIBUTES;
    assertThat(reader.read(payload, attributes)).isNull();
    ParseResult tree = parser.parseTree(payload, attributes);
    assertThat(parser.parse(payload, attributes)).isEqualTo(tree);
    if (tree instanceof ParseResult.Parsed parsed) {
      // The event time read alone may come from the streamed reading, which reads fewer members.
      assertThat(parser.eventTime(payload, attributes)).contains(parsed.entry().timestamp());
    }
  }

  @Test
  void declinesEmptyAndInvalidUtf8Payloads() {
    byte[] invalid = {
      '{',
      '"',
      't',
      'e',
      'x',
      't',
      'P',
      'a',
      'y',
      'l',
      'o',
      'a',
      'd',
      '"',
      ':',
      '"',
      (byte) 0xC3,
      '"',
      '}'
    };
    for (byte[] payload :
        new byte[][] {null, new byte[0], "  ".getBytes(StandardCharsets.UTF_8), invalid}) {
      assertThat(reader.read(payload, SINK_ATTRIBUTES)).isNull();
      assertThat(parser.parse(payload, SINK_ATTRIBUTES))
          .isEqualTo(parser.parseTree(payload, SINK_ATTRIBUTES))
          .isInstanceOf(ParseResult.Rejected.class);
    }
  }

  /**
   * The entry as {@code gcloud logging read --format=json} prints it; a malformed line as it is.
   */
  private static String prettyPrinted(String entry) {
    try {
      return new GsonBuilder()
          .setPrettyPrinting()
          .disableHtmlEscaping()
          .create()
          .toJson(JsonParser.parseString(entry));
    } catch (JsonParseException e) {
      return entry;
    }
  }

  private static List<String> bundledSample() throws IOException {
    try (InputStream in = EntryStreamReaderTest.class.getResourceAsStream(BUNDLED_SAMPLE);
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      return lines.lines().filter(line -> !line.isBlank()).toList();
    }
  }
}
