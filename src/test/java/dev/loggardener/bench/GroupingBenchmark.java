package dev.loggardener.bench;

import dev.loggardener.normalize.GroupingEvaluation;
import dev.loggardener.normalize.GroupingEvaluation.SystemScore;
import dev.loggardener.normalize.LoghubCorpus;
import dev.loggardener.normalize.RuleSet;
import java.util.List;

/**
 * Prints the per-system GA/FGA table of the fine fingerprints and of the merged groups over the
 * Loghub-2k systems of {@link LoghubCorpus#directory()}, with the averages, and the
 * leave-one-system-out table beside the all-in scores. Run from the project root:
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.loggardener.bench.GroupingBenchmark \
 *   -Dloghub.dir=PATH
 * </pre>
 */
public final class GroupingBenchmark {
  private GroupingBenchmark() {}

  public static void main(String[] args) throws Exception {
    RuleSet rules = RuleSet.loadDefault();
    List<LoghubCorpus.LabelledLog> logs = LoghubCorpus.load();
    List<SystemScore> scores = GroupingEvaluation.evaluate(logs, rules);
    System.out.print(GroupingEvaluation.table(rules.version(), scores));
    System.out.println();
    System.out.print(
        GroupingEvaluation.looTable(
            rules.version(), GroupingEvaluation.leaveOneSystemOut(logs, rules)));
  }
}
