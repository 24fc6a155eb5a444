package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FindingsTest {
  static Stream<Arguments> removedParts() {
    return Stream.of(
        Arguments.of("password=hunter2", "password=<SECRET>", "hunter2"),
        Arguments.of("sk_live_abc", "<SECRET>", "sk_live_abc"),
        Arguments.of("amqp://app:pw1@", "amqp://app:<SECRET>@", "pw1"),
        Arguments.of("same", "same", ""));
  }

  @ParameterizedTest
  @MethodSource("removedParts")
  void removedIsWhatTheReplacementDoesNotKeep(String match, String replacement, String removed) {
    assertThat(Findings.removed(match, replacement)).isEqualTo(removed);
  }

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("Zk3q9LmX2pR7vT4wYb8N", true),
        Arguments.of("'Zk3q9LmX2pR7vT4wYb8N'", true),
        Arguments.of("short9A", false),
        Arguments.of("aaaaaaaaaaaaaaaaaaaa1", false),
        Arguments.of("onlylettersbutlongenough", false),
        Arguments.of("123e4567-e89b-12d3-a456-426614174000", false),
        Arguments.of("0x14ed93111f200d2f", false),
        Arguments.of("4bf92f3577b34da6a3ce929d0e0e4736", false));
  }

  @ParameterizedTest
  @MethodSource("values")
  void looksRandomOnlyForLongMixedHighEntropyTokensThatAreNotIds(String value, boolean random) {
    assertThat(Findings.looksRandom(value)).isEqualTo(random);
  }

  @Test
  void scrubsWholeOccurrencesOfLongEnoughValuesOnly() {
    Findings findings = new Findings();
    findings.add("rule", "'hunter2x'");
    findings.add("rule", "abc");
    findings.add("rule", "<SECRET>");

    assertThat(findings.scrub("bad hunter2x; hunter2xy; abc"))
        .isEqualTo("bad <SECRET>; hunter2xy; abc");
    assertThat(findings.counts()).containsEntry("rule", 3).containsEntry("once-secret", 1);
  }

  @Test
  void scrubLeavesTextAloneWhenNothingWasFound() {
    Findings findings = new Findings();
    String text = "nothing here";
    assertThat(findings.scrub(text)).isSameAs(text);
    assertThat(findings.isEmpty()).isTrue();
  }
}
