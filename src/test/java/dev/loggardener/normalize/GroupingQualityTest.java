package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.normalize.GroupingEvaluation.LooScore;
import dev.loggardener.normalize.GroupingEvaluation.SystemScore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The grouping quality check on the Loghub-2k ground truth (see BENCHMARKS.md for the full table):
 * the floors sit a little under the measured figures, so a regression fails the check. The data is
 * not in the repository, so the check is tagged {@value #TAG} and runs only in the {@code quality}
 * Maven profile ({@code mvn -B -Pquality test}), never in the README's test command.
 */
@Tag(GroupingQualityTest.TAG)
class GroupingQualityTest {
  static final String TAG = "loghub";

  private static List<SystemScore> scores;
  private static List<LooScore> leaveOneOut;

  @BeforeAll
  static void evaluate() throws Exception {
    RuleSet rules = RuleSet.loadDefault();
    List<LoghubCorpus.LabelledLog> logs = LoghubCorpus.load();
    scores = GroupingEvaluation.evaluate(logs, rules);
    leaveOneOut = GroupingEvaluation.leaveOneSystemOut(logs, rules);
    System.out.println("Loghub-2k grouping quality, " + LoghubCorpus.directory());
    System.out.print(GroupingEvaluation.table(rules.version(), scores));
    System.out.println();
    System.out.print(GroupingEvaluation.looTable(rules.version(), leaveOneOut));
  }

  @Test
  void everySystemKeepsTheFloorsWhenRulesAreJudgedOnTheOtherSystemsOnly() {
    assertThat(leaveOneOut).hasSize(10);
    assertThat(leaveOneOut.stream().mapToDouble(s -> s.leaveOneOut().ga()).average().orElse(0))
        .isGreaterThanOrEqualTo(0.95);
    assertThat(leaveOneOut.stream().mapToDouble(s -> s.leaveOneOut().fga()).average().orElse(0))
        .isGreaterThanOrEqualTo(0.90);
    for (LooScore s : leaveOneOut) {
      assertThat(s.leaveOneOut().ga()).as(s.system()).isGreaterThanOrEqualTo(0.80);
    }
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
