package dev.loggardener.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkersTest {
  @Test
  void findsTheFingerprintPeriodAndRelatedMarkersItWrites() {
    String text =
        "intro\n"
            + Markers.fingerprint("f".repeat(64))
            + "\n"
            + Markers.period(Problems.DAY_1)
            + "\n"
            + Markers.related("e".repeat(64));

    assertThat(Markers.fingerprintOf(text)).contains("f".repeat(64));
    assertThat(Markers.hasPeriod(text, Problems.DAY_1)).isTrue();
    assertThat(Markers.hasPeriod(text, Problems.DAY_2)).isFalse();
    assertThat(Markers.relatedIn(text)).containsExactly("e".repeat(64));
  }

  @Test
  void findsNothingInAnUnmarkedOrEmptyBody() {
    assertThat(Markers.fingerprintOf(null)).isEmpty();
    assertThat(Markers.fingerprintOf("fingerprint=abc")).isEmpty();
    assertThat(Markers.hasPeriod(null, Problems.DAY_1)).isFalse();
    assertThat(Markers.relatedIn("")).isEmpty();
  }
}
