package dev.loggardener.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PubsubRestPublisherTest {

  @Test
  void encodesDataInBase64AndSendsAttributesOnlyWhenThereAreSome() {
    byte[] entry = "{\"message\":\"\u2705\"}".getBytes(StandardCharsets.UTF_8);
    JsonObject body =
        PubsubRestPublisher.body(
            List.of(
                new PubsubMessage(
                    entry, Map.of(PubsubMessage.TIMESTAMP_ATTRIBUTE, "2025-09-11T17:20:59Z")),
                new PubsubMessage("oops".getBytes(StandardCharsets.UTF_8), Map.of())));
    JsonObject first = body.getAsJsonArray("messages").get(0).getAsJsonObject();
    JsonObject second = body.getAsJsonArray("messages").get(1).getAsJsonObject();
    assertThat(Base64.getDecoder().decode(first.get("data").getAsString())).isEqualTo(entry);
    assertThat(
            first
                .getAsJsonObject("attributes")
                .get(PubsubMessage.TIMESTAMP_ATTRIBUTE)
                .getAsString())
        .isEqualTo("2025-09-11T17:20:59Z");
    assertThat(second.has("attributes")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"my-topic", "projects/p/subscriptions/s", "projects//topics/t"})
  void refusesATopicThatIsNotAFullTopicName(String topic) {
    assertThatThrownBy(() -> new PubsubRestPublisher("http://127.0.0.1:1", topic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("projects/P/topics/T");
  }
}
