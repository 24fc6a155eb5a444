package dev.loggardener.beam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.sink.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NormalizeEntriesTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  /**
   * A rules file a team might write: a mask rule for separator lines whose group repetition Java's
   * regex engine runs by recursion, one level per repetition.
   */
  private static final String SEPARATOR_RULES =
      """
      version: "separators-1"
      rules:
        - id: separator-line
          description: Runs of dashes or equals signs drawn as separators.
          stage: mask
          triggers: ['--', '==']
          pattern: '(?:-|=){2,}'
          replace_with: '<SEP>'
          examples:
            - input: 'batch done ---- next'
              output: 'batch done <SEP> next'
      """;

  private static RawMessage message(String id, String text) {
    String json =
        "{\"timestamp\":\"2026-12-06T10:00:00Z\",\"insertId\":\""
            + id
            + "\",\"textPayload\":\""
            + text
            + "\"}";
    return new RawMessage(json.getBytes(StandardCharsets.UTF_8), Map.of(), id);
  }

  @Test
  public void countsEveryRedactionClassAndPassesOnlyRedactedText() {
    RuleSet rules = RuleSet.loadDefault();
    StageResult<ParsedEntry> parsed =
        p.apply(
                Create.of(
                        List.of(
                            message("a", "Invalid API Key provided: sk_live_4eC39HqLyjWDarjtT1zd"),
                            message("b", "login pass=Hunter2pass and again Hunter2pass"),
                            message("c", "nothing secret here")))
                    .withCoder(RawMessageCoder.of()))
            .apply("Parse", ParseLogEntries.with(new LogEntryParser(), rules.version(), CLOCK));
    StageResult<NormalizedEntry> normalized =
        parsed.output().apply("Normalize", NormalizeEntries.with(rules, CLOCK));
    PCollection<String> messages =
        normalized
            .output()
            .apply(MapElements.into(TypeDescriptors.strings()).via(e -> e.observation().message()));
    PAssert.that(messages)
        .containsInAnyOrder(
            "Invalid API Key provided: <SECRET>",
            "login pass=<SECRET> and again <SECRET>",
            "nothing secret here");
    PAssert.that(normalized.failures()).empty();

    PipelineResult result = p.run();
    result.waitUntilFinish();

    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace("normalize"))
                    .build());
    Map<String, Long> counters = new HashMap<>();
    for (MetricResult<Long> counter : metrics.getCounters()) {
      counters.put(counter.getName().getName(), counter.getAttempted());
    }
    assertThat(counters)
        .containsEntry("fingerprinted", 3L)
        .containsEntry(NormalizeEntries.REDACTED_PREFIX + "stripe-secret-key", 1L)
        .containsEntry(NormalizeEntries.REDACTED_PREFIX + "secret-name-value", 1L)
        .containsEntry(NormalizeEntries.REDACTED_PREFIX + "once-secret", 1L);
    assertThat(counters.keySet()).noneMatch(name -> name.contains("Hunter2pass"));
  }

  @Test
  public void deadLettersAnEntryOnWhichARuleOverflowsTheStackAndFingerprintsTheRestOnce()
      throws Exception {
    Path file = temp.newFolder("rules").toPath().resolve("normalize.yaml");
    Files.writeString(file, SEPARATOR_RULES);
    RuleSet rules = RuleSet.load(file);
    List<RawMessage> messages =
        List.of(
            message("a", "batch 1 done ---- next"),
            message("poison", "dump " + "-".repeat(200_000)),
            message("b", "batch 2 done ==== next"),
            message("c", "nothing to mask"));
    StageResult<ParsedEntry> parsed =
        p.apply(Create.of(messages).withCoder(RawMessageCoder.of()))
            .apply("Parse", ParseLogEntries.with(new LogEntryParser(), rules.version(), CLOCK));
    StageResult<NormalizedEntry> normalized =
        parsed.output().apply("Normalize", NormalizeEntries.with(rules, CLOCK));
    PAssert.that(
            normalized
                .output()
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            e ->
                                e.raw().messageId() + " " + e.observation().identity().template())))
        .containsInAnyOrder(
            "a batch <NUM> done <SEP> next", "b batch <NUM> done <SEP> next", "c nothing to mask");
    byte[] poison = messages.get(1).payload();
    PAssert.that(normalized.failures())
        .satisfies(
            letters -> {
              assertThat(letters).hasSize(1);
              DeadLetter letter = letters.iterator().next();
              assertThat(letter.messageId()).isEqualTo("poison");
              assertThat(letter.stage()).isEqualTo(DeadLetter.Stage.NORMALIZE);
              assertThat(letter.reason()).isEqualTo("fingerprint_failed");
              assertThat(letter.errorClass()).isEqualTo(StackOverflowError.class.getName());
              assertThat(letter.rawPayload()).isEqualTo(poison);
              assertThat(letter.ruleSetVersion()).startsWith("separators-1");
              return null;
            });
    PAssert.that(parsed.failures()).empty();

    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    Map<String, Long> counters = CommittedCounters.in(result, "normalize");
    // Each entry was fingerprinted once: no bundle failed and was retried.
    assertThat(counters).containsEntry("fingerprinted", 3L).containsEntry("failed", 1L);
  }
}
