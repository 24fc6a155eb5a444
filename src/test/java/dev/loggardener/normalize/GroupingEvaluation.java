package dev.loggardener.normalize;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
      scores.add(evaluate(log, rules, ALL_STEPS));
    }
    return scores;
  }

  private static final Set<TemplateGrouper.Step> ALL_STEPS =
      EnumSet.allOf(TemplateGrouper.Step.class);

  private static SystemScore evaluate(
      LoghubCorpus.LabelledLog log, RuleSet rules, Set<TemplateGrouper.Step> steps) {
    Fingerprinter fingerprinter = new Fingerprinter(rules);
    List<String> fine = new ArrayList<>();
    Map<String, Long> counts = new TreeMap<>();
    for (String message : log.messages()) {
      Fingerprint f = fingerprinter.fingerprintMessage(message);
      fine.add(f.id());
      counts.merge(f.template(), 1L, Long::sum);
    }
    Map<String, String> groups = TemplateGrouper.groups(counts, steps);
    List<String> merged = new ArrayList<>();
    for (String message : log.messages()) {
      merged.add(groups.get(fingerprinter.fingerprintMessage(message).template()));
    }
    return new SystemScore(
        log.system(),
        GroupingScore.of(fine, log.eventIds()),
        GroupingScore.of(merged, log.eventIds()));
  }

  /**
   * One system's merged score with everything, and with every rule judged only on the other
   * systems.
   *
   * @param system the system's name (only used for reporting)
   * @param allIn the merged groups with every rule and merge step
   * @param leaveOneOut the merged groups without the rules and steps that fire on no other system
   * @param withheld what was left out for this system: rules files' rule ids and merge steps
   */
  public record LooScore(
      String system, GroupingScore allIn, GroupingScore leaveOneOut, List<String> withheld) {}

  /**
   * Leave-one-system-out: for each system, the score it gets when every rule has to earn its place
   * on the other systems alone. A "rule" is each rule of the rules file and each merge step of
   * {@link TemplateGrouper}; a rule fires on a system when it changes at least one of its messages
   * (rules file) or when switching it off changes the system's partition into groups (merge step).
   * For each system, the rules and steps that fire on none of the other systems are switched off
   * and the system is scored again: a rule that exists for one system's lines alone cannot help
   * that system's score here.
   */
  public static List<LooScore> leaveOneSystemOut(
      List<LoghubCorpus.LabelledLog> logs, RuleSet rules) {
    Map<String, Set<String>> firesOn = new TreeMap<>();
    for (LoghubCorpus.LabelledLog log : logs) {
      for (Rule rule : rules.rules()) {
        if (log.messages().stream().anyMatch(m -> !rule.apply(m).equals(m))) {
          firesOn.computeIfAbsent("rule " + rule.id(), k -> new TreeSet<>()).add(log.system());
        }
      }
      Fingerprinter fingerprinter = new Fingerprinter(rules);
      Map<String, Long> counts = new TreeMap<>();
      log.messages()
          .forEach(
              m -> counts.merge(fingerprinter.fingerprintMessage(m).template(), 1L, Long::sum));
      Map<String, String> all = partition(TemplateGrouper.groups(counts, ALL_STEPS));
      for (TemplateGrouper.Step step : ALL_STEPS) {
        Set<TemplateGrouper.Step> without = EnumSet.copyOf(ALL_STEPS);
        without.remove(step);
        if (!partition(TemplateGrouper.groups(counts, without)).equals(all)) {
          firesOn.computeIfAbsent("step " + step, k -> new TreeSet<>()).add(log.system());
        }
      }
    }
    List<LooScore> scores = new ArrayList<>();
    for (LoghubCorpus.LabelledLog log : logs) {
      List<String> withheld = new ArrayList<>();
      Set<String> ruleIds = new TreeSet<>();
      Set<TemplateGrouper.Step> steps = EnumSet.copyOf(ALL_STEPS);
      firesOn.forEach(
          (name, systems) -> {
            if (systems.equals(Set.of(log.system()))) {
              withheld.add(name);
              if (name.startsWith("rule ")) {
                ruleIds.add(name.substring("rule ".length()));
              } else {
                steps.remove(TemplateGrouper.Step.valueOf(name.substring("step ".length())));
              }
            }
          });
      scores.add(
          new LooScore(
              log.system(),
              evaluate(log, rules, ALL_STEPS).merged(),
              evaluate(log, rules.without(ruleIds), steps).merged(),
              withheld));
    }
    return scores;
  }

  /** Each template mapped to the smallest template of its group: the partition, without ids. */
  private static Map<String, String> partition(Map<String, String> groupByTemplate) {
    Map<String, String> first = new TreeMap<>();
    groupByTemplate.forEach((template, group) -> first.merge(group, template, (a, b) -> a));
    Map<String, String> partition = new TreeMap<>();
    groupByTemplate.forEach((template, group) -> partition.put(template, first.get(group)));
    return partition;
  }

  /** The leave-one-system-out table, all-in beside leave-one-out, with the averages. */
  public static String looTable(String ruleSetVersion, List<LooScore> scores) {
    StringBuilder table = new StringBuilder();
    table.append("Rule set ").append(ruleSetVersion).append(", leave-one-system-out\n\n");
    table.append("| System | all-in GA | all-in FGA | LOO GA | LOO FGA | withheld |\n");
    table.append("|---|---:|---:|---:|---:|---|\n");
    for (LooScore s : scores) {
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.3f | %.3f | %.3f | %s |%n",
              s.system(),
              s.allIn().ga(),
              s.allIn().fga(),
              s.leaveOneOut().ga(),
              s.leaveOneOut().fga(),
              s.withheld().isEmpty() ? "none" : String.join(", ", s.withheld())));
    }
    table.append(
        String.format(
            Locale.ROOT,
            "| **average** | %.3f | %.3f | %.3f | %.3f | |%n",
            scores.stream().mapToDouble(s -> s.allIn().ga()).average().orElse(0),
            scores.stream().mapToDouble(s -> s.allIn().fga()).average().orElse(0),
            scores.stream().mapToDouble(s -> s.leaveOneOut().ga()).average().orElse(0),
            scores.stream().mapToDouble(s -> s.leaveOneOut().fga()).average().orElse(0)));
    return table.toString();
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
