package dev.loggardener.normalize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grouping accuracy (GA) and its F1 variant (FGA) of predicted groups against ground-truth groups,
 * as defined in the Loghub-2.0 evaluation.
 *
 * @param ga share of lines whose predicted group equals their true group as a set of lines
 * @param fga harmonic mean of precision and recall of exactly-formed groups
 * @param predictedGroups how many groups were predicted
 * @param trueGroups how many groups the ground truth has
 */
public record GroupingScore(double ga, double fga, int predictedGroups, int trueGroups) {

  /** Scores per-line predicted labels against per-line true labels (same length and order). */
  public static GroupingScore of(List<String> predicted, List<String> truth) {
    if (predicted.size() != truth.size()) {
      throw new IllegalArgumentException(
          "predicted " + predicted.size() + " labels for " + truth.size() + " lines");
    }
    Map<String, List<Integer>> byPredicted = index(predicted);
    Map<String, List<Integer>> byTruth = index(truth);
    int correctLines = 0;
    int correctGroups = 0;
    for (List<Integer> group : byPredicted.values()) {
      String label = truth.get(group.get(0));
      if (Objects.equals(byTruth.get(label), group)) {
        correctLines += group.size();
        correctGroups++;
      }
    }
    double precision = byPredicted.isEmpty() ? 0 : (double) correctGroups / byPredicted.size();
    double recall = byTruth.isEmpty() ? 0 : (double) correctGroups / byTruth.size();
    double fga = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    double ga = truth.isEmpty() ? 0 : (double) correctLines / truth.size();
    return new GroupingScore(ga, fga, byPredicted.size(), byTruth.size());
  }

  private static Map<String, List<Integer>> index(List<String> labels) {
    Map<String, List<Integer>> groups = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      groups.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(i);
    }
    return groups;
  }
}
