package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.normalize.GroupingEvaluation.SystemScore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards grouping quality on the Loghub-2k ground truth (see BENCHMARKS.md for the full table): the
 * floors sit a little under the measured figures, so a regression fails the build.
 */
class GroupingQualityTest {
  private static List<SystemScore> scores;

  @BeforeAll
  static void evaluate() throws Exception {
    scores = GroupingEvaluation.evaluate(LoghubCorpus.load(), RuleSet.loadDefault());
  }

  @Test
  void mergedGroupsKeepAverageGroupingAccuracy() {
    assertThat(scores).hasSize(10);
    assertThat(GroupingEvaluation.averageGa(scores, true)).isGreaterThanOrEqualTo(0.95);
    assertThat(GroupingEvaluation.averageFga(scores, true)).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void noSystemFallsBelowTheFloor() {
    for (SystemScore s : scores) {
      assertThat(s.merged().ga()).as(s.system()).isGreaterThanOrEqualTo(0.80);
    }
  }

  @Test
  void mergingNeverMakesTheAverageWorseThanTheFineStep() {
    assertThat(GroupingEvaluation.averageGa(scores, true))
        .isGreaterThan(GroupingEvaluation.averageGa(scores, false));
  }
}
