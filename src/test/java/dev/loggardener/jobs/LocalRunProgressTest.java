package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalRunProgressTest {
  @Test
  void progressLineShowsHowFarEachStageHasCome() {
    assertThat(LocalRun.progressLine(125, 1_000_000, 2_100, 997_900, 450_000, 0))
        .isEqualTo(
            "125 s: read 1,000,000 entries (2,100 rejected), fingerprinted 997,900,"
                + " deduplicated 450,000, issue rows 0");
  }
}
