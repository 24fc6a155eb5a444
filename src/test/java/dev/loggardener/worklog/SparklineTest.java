package dev.loggardener.worklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparklineTest {

  private static List<Long> counts(String text) {
    return Arrays.stream(text.split(" ")).map(Long::valueOf).toList();
  }

  @ParameterizedTest
  @CsvSource({
    "0 0 0, 10, ▁▁▁",
    "0 1 2 3 4 5 6 7, 10, ▁▂▃▄▅▆▇█",
    "1 1000, 10, ▂█",
    "5, 10, █",
    "1 1 1 1 0 0 0 8, 4, ▃▃▁█",
    "1 2 3, 2, ██"
  })
  void drawsCountsScaledToTheLargest(String counts, int width, String expected) {
    assertThat(Sparkline.of(counts(counts), width)).isEqualTo(expected);
  }

  @Test
  void rejectsANonPositiveWidth() {
    assertThatThrownBy(() -> Sparkline.of(List.of(1L), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
