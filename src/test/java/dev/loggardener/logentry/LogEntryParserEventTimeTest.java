package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LogEntryParser#eventTime}: the parser's event time, read without the rest. */
class LogEntryParserEventTimeTest {
  private static final Map<String, String> ATTRIBUTE =
      Map.of(LogEntryParser.TIMESTAMP_ATTRIBUTE, "2026-11-27T10:00:03Z");
  private final LogEntryParser parser = new LogEntryParser();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"timestamp\":\"2026-11-27T10:00:01Z\",\"receiveTimestamp\":\"2026-11-27T10:00:02Z\"}"
            + "| 2026-11-27T10:00:01Z",
        "{\"receiveTimestamp\":\"2026-11-27T10:00:02Z\"}| 2026-11-27T10:00:02Z",
        "{\"timestamp\":{\"seconds\":1795773601,\"nanos\":5}}| 2026-11-27T10:00:01.000000005Z",
        "{\"textPayload\":\"no time of its own\"}| 2026-11-27T10:00:03Z",
      })
  void isTheTimestampTheParsedEntryGets(String json, String expected) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);

    assertThat(parser.eventTime(payload, ATTRIBUTE)).contains(Instant.parse(expected));
    assertThat(parser.parse(payload, ATTRIBUTE))
        .isInstanceOfSatisfying(
            ParseResult.Parsed.class,
            p -> assertThat(p.entry().timestamp()).isEqualTo(Instant.parse(expected)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"textPayload\":\"no time at all\"}",
        "{\"timestamp\":\"yesterday\"}",
        "{\"timestamp\":\"9999-12-31T12:00:00Z\"}",
        "{\"timestamp\":\"2026-11-27T10:00:01Z\",\"receiveTimestamp\":7}",
        "{\"timestamp\":\"2026-11-27T10:00:01Z\"",
        "[\"not an object\"]",
      })
  void isEmptyWhenTheParserRejectsTheJsonOrTheTimestamps(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);

    assertThat(parser.eventTime(payload, Map.of())).isEmpty();
    assertThat(parser.parse(payload, Map.of())).isInstanceOf(ParseResult.Rejected.class);
  }

  /**
   * The event time skips the members it does not need; what it skips must still be refused exactly
   * when the parser refuses it: a raw control character in a string, nesting past the limit, a
   * malformed value after the timestamp, trailing content.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "raw tab in a skipped string | `{\"timestamp\":\"2026-11-27T10:00:01Z\",\"textPayload\":\"a\tb\"}` | false",
        "raw CR in a skipped name    | `{\"timestamp\":\"2026-11-27T10:00:01Z\",\"a\rb\":1}`         | false",
        "four levels, the limit      | `{\"timestamp\":\"2026-11-27T10:00:01Z\",\"a\":{\"b\":[[1]]}}`  | true",
        "five levels, past it        | `{\"timestamp\":\"2026-11-27T10:00:01Z\",\"a\":{\"b\":[[[1]]]}}` | false",
        "malformed skipped value     | `{\"timestamp\":\"2026-11-27T10:00:01Z\",\"a\":[1,]}`         | false",
        "bad escape in skipped value | `{\"timestamp\":\"2026-11-27T10:00:01Z\",\"a\":\"\\q\"}`       | false",
        "trailing content            | `{\"timestamp\":\"2026-11-27T10:00:01Z\"} {}`                | false",
        "escaped tab is fine         | `{\"timestamp\":\"2026-11-27T10:00:01Z\",\"a\":\"a\\tb\"}`      | true",
      })
  void skipsOnlyWhatTheParserWouldAccept(String what, String json, boolean accepted) {
    LogEntryParser shallow = new LogEntryParser(LogEntryParser.DEFAULT_MAX_BYTES, 4);
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);

    assertThat(shallow.parse(payload, Map.of()) instanceof ParseResult.Parsed).isEqualTo(accepted);
    assertThat(shallow.eventTime(payload, Map.of()).isPresent()).isEqualTo(accepted);
  }

  @Test
  void isPresentForAnEntryRejectedForAnotherField() {
    byte[] payload =
        "{\"timestamp\":\"2026-11-27T10:00:01Z\",\"severity\":[\"not a severity\"]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(parser.parse(payload, Map.of())).isInstanceOf(ParseResult.Rejected.class);
    assertThat(parser.eventTime(payload, Map.of()))
        .isEqualTo(Optional.of(Instant.parse("2026-11-27T10:00:01Z")));
  }
}
