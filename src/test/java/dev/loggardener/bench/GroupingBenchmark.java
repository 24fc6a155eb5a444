package dev.loggardener.bench;

import dev.loggardener.normalize.GroupingEvaluation;
import dev.loggardener.normalize.GroupingEvaluation.SystemScore;
import dev.loggardener.normalize.LoghubCorpus;
import dev.loggardener.normalize.RuleSet;
import java.util.List;

/**
 * Prints the per-system GA/FGA table of the fine fingerprints and of the merged groups over the ten
 * Loghub-2k systems, with the averages. Run from the project root:
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.loggardener.bench.GroupingBenchmark
 * </pre>
 */
public final class GroupingBenchmark {
  private GroupingBenchmark() {}

  public static void main(String[] args) throws Exception {
    RuleSet rules = RuleSet.loadDefault();
    List<SystemScore> scores = GroupingEvaluation.evaluate(LoghubCorpus.load(), rules);
    System.out.println("Rule set " + rules.version());
    System.out.println();
    System.out.println("| System | fine GA | fine FGA | merged GA | merged FGA | groups / truth |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (SystemScore s : scores) {
      System.out.printf(
          "| %s | %.3f | %.3f | %.3f | %.3f | %d / %d |%n",
          s.system(),
          s.fine().ga(),
          s.fine().fga(),
          s.merged().ga(),
          s.merged().fga(),
          s.merged().predictedGroups(),
          s.merged().trueGroups());
    }
    System.out.printf(
        "| **average** | %.3f | %.3f | %.3f | %.3f | |%n",
        GroupingEvaluation.averageGa(scores, false),
        GroupingEvaluation.averageFga(scores, false),
        GroupingEvaluation.averageGa(scores, true),
        GroupingEvaluation.averageFga(scores, true));
  }
}
