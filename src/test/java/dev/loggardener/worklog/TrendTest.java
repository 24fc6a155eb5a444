package dev.loggardener.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrendTest {

  @ParameterizedTest
  @CsvSource({
    "5, 0, false, NEW, ",
    "5, 0, true, RETURNING, ",
    "15, 10, true, RISING, 50",
    "14, 10, true, STEADY, 40",
    "10, 10, false, STEADY, 0",
    "7, 10, true, STEADY, -30",
    "6, 10, true, FALLING, -40",
    "0, 10, true, FALLING, -100"
  })
  void comparesTheCountWithThePreviousPeriod(
      long current, long previous, boolean seenBefore, Trend expected, Long change) {
    assertThat(Trend.of(current, previous, seenBefore)).isEqualTo(expected);
    assertThat(Trend.changePercent(current, previous)).isEqualTo(change);
  }
}
