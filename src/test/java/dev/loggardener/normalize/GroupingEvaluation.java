package dev.loggardener.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Runs fingerprinting and grouping over labelled logs and scores both steps against the truth. */
public final class GroupingEvaluation {

  /**
   * One system's scores.
   *
   * @param system the system's name (only used for reporting)
   * @param fine the fine fingerprints alone
   * @param merged the groups after {@link TemplateGrouper}
   */
  public record SystemScore(String system, GroupingScore fine, GroupingScore merged) {}

  private GroupingEvaluation() {}

  /** Scores every log with one fingerprinter built from {@code rules}. */
  public static List<SystemScore> evaluate(List<LoghubCorpus.LabelledLog> logs, RuleSet rules) {
    List<SystemScore> scores = new ArrayList<>();
    for (LoghubCorpus.LabelledLog log : logs) {
      Fingerprinter fingerprinter = new Fingerprinter(rules);
      List<String> fine = new ArrayList<>();
      Map<String, Long> counts = new TreeMap<>();
      for (String message : log.messages()) {
        Fingerprint f = fingerprinter.fingerprintMessage(message);
        fine.add(f.id());
        counts.merge(f.template(), 1L, Long::sum);
      }
      Map<String, String> groups = TemplateGrouper.groups(counts);
      List<String> merged = new ArrayList<>();
      for (String message : log.messages()) {
        merged.add(groups.get(fingerprinter.fingerprintMessage(message).template()));
      }
      scores.add(
          new SystemScore(
              log.system(),
              GroupingScore.of(fine, log.eventIds()),
              GroupingScore.of(merged, log.eventIds())));
    }
    return scores;
  }

  /** The mean GA of one step over all systems. */
  public static double averageGa(List<SystemScore> scores, boolean merged) {
    return scores.stream()
        .mapToDouble(s -> (merged ? s.merged() : s.fine()).ga())
        .average()
        .orElse(0);
  }

  /** The mean FGA of one step over all systems. */
  public static double averageFga(List<SystemScore> scores, boolean merged) {
    return scores.stream()
        .mapToDouble(s -> (merged ? s.merged() : s.fine()).fga())
        .average()
        .orElse(0);
  }

  /** The per-system table of both steps with the averages, as Markdown. */
  public static String table(String ruleSetVersion, List<SystemScore> scores) {
    StringBuilder table = new StringBuilder();
    table.append("Rule set ").append(ruleSetVersion).append("\n\n");
    table.append("| System | fine GA | fine FGA | merged GA | merged FGA | groups / truth |\n");
    table.append("|---|---:|---:|---:|---:|---:|\n");
    for (SystemScore s : scores) {
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.3f | %.3f | %.3f | %d / %d |%n",
              s.system(),
              s.fine().ga(),
              s.fine().fga(),
              s.merged().ga(),
              s.merged().fga(),
              s.merged().predictedGroups(),
              s.merged().trueGroups()));
    }
    table.append(
        String.format(
            Locale.ROOT,
            "| **average** | %.3f | %.3f | %.3f | %.3f | |%n",
            averageGa(scores, false),
            averageFga(scores, false),
            averageGa(scores, true),
            averageFga(scores, true)));
    return table.toString();
  }
}
