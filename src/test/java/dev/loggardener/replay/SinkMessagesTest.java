package dev.loggardener.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SinkMessagesTest {
  private static final String ENTRY =
      "{\"insertId\":\"a1\",\"jsonPayload\":{\"message\":\"x < y & \\\"q\\\" \u2705\"},"
          + "\"receiveTimestamp\":\"2025-09-11T17:21:00.123456789Z\","
          + "\"timestamp\":\"2025-09-11T17:20:59.892139Z\"}";

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keepsTheLineByteForByteAndSetsTheTimestampAttributeFromTheEntry() {
    PubsubMessage message = new SinkMessages(Duration.ZERO).toMessage(bytes(ENTRY));
    assertThat(message.data()).isEqualTo(bytes(ENTRY));
    assertThat(message.attributes())
        .containsExactly(
            Map.entry(PubsubMessage.TIMESTAMP_ATTRIBUTE, "2025-09-11T17:20:59.892139Z"));
  }

  @Test
  void fallsBackToTheReceiveTimestamp() {
    String line = "{\"insertId\":\"a1\",\"receiveTimestamp\":\"2025-09-11T17:21:00.5Z\"}";
    assertThat(new SinkMessages(Duration.ZERO).toMessage(bytes(line)).attributes())
        .containsEntry(PubsubMessage.TIMESTAMP_ATTRIBUTE, "2025-09-11T17:21:00.5Z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Traceback (most recent call last):",
        "{\"insertId\":\"a1\",\"jsonPayload\":{\"mess",
        "{\"insertId\":\"a1\",\"jsonPayload\":{}}",
        "{\"insertId\":\"a1\",\"timestamp\":\"yesterday\"}",
        "{\"insertId\":\"a1\",\"timestamp\":1757611259}",
        "[1, 2, 3]",
      })
  void sendsLinesWithoutAReadableTimeUntouchedAndWithoutTheAttribute(String line) {
    for (Duration shift : new Duration[] {Duration.ZERO, Duration.ofDays(400)}) {
      PubsubMessage message = new SinkMessages(shift).toMessage(bytes(line));
      assertThat(message.data()).isEqualTo(bytes(line));
      assertThat(message.attributes()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "PT1H, 2025-09-11T18:20:59.892139Z, 2025-09-11T18:21:00.123456789Z",
    "P443DT3H, 2026-11-28T20:20:59.892139Z, 2026-11-28T20:21:00.123456789Z",
    "-PT17H20M59S, 2025-09-11T00:00:00.892139Z, 2025-09-11T00:00:01.123456789Z",
  })
  void shiftsBothTimestampsAndTheAttributeByTheSameAmount(
      Duration shift, String timestamp, String receiveTimestamp) {
    PubsubMessage message = new SinkMessages(shift).toMessage(bytes(ENTRY));
    JsonObject json =
        JsonParser.parseString(new String(message.data(), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertThat(json.get("timestamp").getAsString()).isEqualTo(timestamp);
    assertThat(json.get("receiveTimestamp").getAsString()).isEqualTo(receiveTimestamp);
    assertThat(message.attributes()).containsEntry(PubsubMessage.TIMESTAMP_ATTRIBUTE, timestamp);
    assertThat(json.getAsJsonObject("jsonPayload").get("message").getAsString())
        .isEqualTo("x < y & \"q\" \u2705");
    assertThat(new String(message.data(), StandardCharsets.UTF_8))
        .contains("x < y & \\\"q\\\" \u2705");
  }

  @Test
  void findsTheLatestTimeOfALine() {
    assertThat(SinkMessages.latestTime(bytes(ENTRY)))
        .contains(Instant.parse("2025-09-11T17:20:59.892139Z"));
    assertThat(SinkMessages.latestTime(bytes("not json"))).isEmpty();
  }

  @Test
  void timesEachEntryWhenItBecomesAMessage() {
    Instant[] clock = {Instant.parse("2026-12-06T17:00:00.000000500Z")};
    SinkMessages live =
        SinkMessages.timedAtPublish(
            new Clock() {
              @Override
              public ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return clock[0];
              }
            });
    PubsubMessage first = live.toMessage(bytes(ENTRY));
    clock[0] = clock[0].plusMillis(250);
    PubsubMessage second = live.toMessage(bytes(ENTRY));

    assertThat(first.attributes())
        .containsEntry(PubsubMessage.TIMESTAMP_ATTRIBUTE, "2026-12-06T17:00:00Z");
    assertThat(second.attributes())
        .containsEntry(PubsubMessage.TIMESTAMP_ATTRIBUTE, "2026-12-06T17:00:00.250Z");
    JsonObject json =
        JsonParser.parseString(new String(second.data(), StandardCharsets.UTF_8)).getAsJsonObject();
    assertThat(json.get("timestamp").getAsString()).isEqualTo("2026-12-06T17:00:00.250Z");
    // The receive time keeps its distance from the entry's time.
    assertThat(json.get("receiveTimestamp").getAsString())
        .isEqualTo("2026-12-06T17:00:00.481317789Z");
    String untimed = "{\"insertId\":\"a1\",\"timestamp\":\"yesterday\"}";
    assertThat(live.toMessage(bytes(untimed)).attributes()).isEmpty();
  }
}
