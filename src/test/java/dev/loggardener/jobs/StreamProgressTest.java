package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class StreamProgressTest {
  @Test
  void progressLineNamesEveryCountTheWatermarkAndTheRate() {
    StreamProgress progress = new StreamProgress(4_000, 3_900, 6, 9, 33, 1_200, 0);
    assertThat(progress.line(75, Instant.parse("2026-12-06T12:00:00Z"), 980, null))
        .isEqualTo(
            "75 s: received 4,000, counted 3,900, dead-lettered 9, duplicates 33,"
                + " rows written 1,200, watermark 2026-12-06T12:00:00.000Z, 980 entries/s");
  }

  @Test
  void progressLineSaysWhenTheInputFailsAndTheStoreIsRetried() {
    StreamProgress progress = new StreamProgress(10, 0, 0, 0, 0, 0, 4);
    assertThat(progress.line(3, null, 0, "INPUT NOT ANSWERING for 20 s, retrying"))
        .endsWith(
            "watermark none yet, 0 entries/s, INPUT NOT ANSWERING for 20 s, retrying,"
                + " store retries 4");
  }

  @Test
  void accountingBalancesOnlyWhenEveryReceivedMessageIsAccountedFor() {
    assertThat(new StreamProgress(100, 90, 6, 6, 4, 20, 0).accounting())
        .startsWith("received 100 = counted 90 + dead-lettered 6 + duplicates 4 (balanced)");
    StreamProgress open = new StreamProgress(100, 80, 6, 6, 4, 20, 0);
    assertThat(open.pending()).isEqualTo(10);
    assertThat(open.accounting()).contains("+ 10 not counted").doesNotContain("balanced");
  }
}
