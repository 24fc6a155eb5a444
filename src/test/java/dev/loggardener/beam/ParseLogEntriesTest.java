package dev.loggardener.beam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.sink.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ParseLogEntriesTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
  private static final int GOOD = 20;

  /**
   * A parser whose depth limit admits any nesting that fits in its size limit: its recursive tree
   * reader then overflows the stack on a deep enough payload, as a parser configured that way would
   * in production.
   */
  private static final LogEntryParser UNBOUNDED_DEPTH = new LogEntryParser(4 << 20, 10_000_000);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static RawMessage entry(String id) {
    String json =
        "{\"timestamp\":\"2026-12-06T10:00:00Z\",\"insertId\":\""
            + id
            + "\",\"textPayload\":\"request "
            + id
            + " failed\"}";
    return new RawMessage(json.getBytes(StandardCharsets.UTF_8), Map.of(), id);
  }

  /** Valid JSON so far, nested three million arrays deep: no thread stack holds that recursion. */
  private static RawMessage poison() {
    byte[] payload =
        ("{\"timestamp\":\"2026-12-06T10:00:00Z\",\"jsonPayload\":{\"a\":" + "[".repeat(3_000_000))
            .getBytes(StandardCharsets.UTF_8);
    return new RawMessage(payload, Map.of("k", "v"), "poison");
  }

  @Test
  public void deadLettersAMessageThatMakesTheParserThrowAndParsesTheRestOfItsBundleOnce() {
    List<RawMessage> messages = new ArrayList<>();
    List<String> goodIds = new ArrayList<>();
    for (int i = 0; i < GOOD; i++) {
      messages.add(entry("good-" + i));
      goodIds.add("good-" + i);
      if (i == GOOD / 2) {
        messages.add(poison());
        messages.add(
            new RawMessage("{not json".getBytes(StandardCharsets.UTF_8), Map.of(), "bad-json"));
      }
    }
    StageResult<ParsedEntry> parsed =
        p.apply(Create.of(messages).withCoder(RawMessageCoder.of()))
            .apply("Parse", ParseLogEntries.with(UNBOUNDED_DEPTH, "rules-1", CLOCK));

    PCollection<String> parsedIds =
        parsed
            .output()
            .apply(
                "ParsedIds",
                MapElements.into(TypeDescriptors.strings()).via(e -> e.raw().messageId()));
    PAssert.that(parsedIds).containsInAnyOrder(goodIds);
    byte[] poisonPayload = poison().payload();
    PAssert.that(parsed.failures())
        .satisfies(
            letters -> {
              Map<String, DeadLetter> byId = new HashMap<>();
              letters.forEach(letter -> byId.put(letter.messageId(), letter));
              assertThat(byId).containsOnlyKeys("poison", "bad-json");
              DeadLetter thrown = byId.get("poison");
              assertThat(thrown.stage()).isEqualTo(DeadLetter.Stage.PARSE);
              assertThat(thrown.reason()).isEqualTo("parse_failed");
              assertThat(thrown.errorClass()).isEqualTo(StackOverflowError.class.getName());
              assertThat(thrown.stackTrace()).contains("JsonTreeReader");
              assertThat(thrown.rawPayload()).isEqualTo(poisonPayload);
              assertThat(thrown.attributes()).isEqualTo(Map.of("k", "v"));
              assertThat(thrown.ruleSetVersion()).isEqualTo("rules-1");
              assertThat(byId.get("bad-json").reason()).isEqualTo("not_json");
              return null;
            });

    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    Map<String, Long> counters = CommittedCounters.in(result, "parse");
    // Each message was processed exactly once: no bundle failed and was retried.
    assertThat(counters)
        .containsEntry("read", (long) GOOD + 2)
        .containsEntry("parsed", (long) GOOD)
        .containsEntry("parse_failed", 1L)
        .containsEntry("rejected", 1L);
  }
}
