package dev.loggardener.worklog;

import dev.loggardener.normalize.TemplateGrouper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups fingerprints that describe one problem into categories, deterministically.
 *
 * <p>Two fingerprints of severity WARNING or above join one category when they share an error code
 * token (a snake_case or UPPER_SNAKE word such as {@code auth_service_unreachable}, shared by at
 * most {@link #MAX_TOKEN_FINGERPRINTS} fingerprints so that common words do not glue everything
 * together), share a trace id (with at most {@link #MAX_TRACE_FINGERPRINTS} others), or come from
 * the same service and logger within {@link #TOGETHER} of each other (in a module with at most
 * {@link #MAX_MODULE_FINGERPRINTS} such fingerprints). Fingerprints of any severity join one
 * category when the same titled rule matches them, or when their templates fall into one {@link
 * TemplateGrouper} group within one service (templates that differ only where values vary; HTTP
 * request lines with different literal paths stay apart, since each endpoint is its own problem).
 * Fingerprints of different projects never join: an aggregated sink carries many projects, and the
 * same error code in two of them is two problems. The result depends only on the set of summaries:
 * input is sorted by fingerprint and union-find always keeps the smallest fingerprint as the root.
 */
public final class Categorizer {
  /** Occurrences of one module this close in time count as firing together. */
  public static final Duration TOGETHER = Duration.ofSeconds(5);

  /** A token shared by more fingerprints than this is too common to mean one problem. */
  public static final int MAX_TOKEN_FINGERPRINTS = 8;

  /**
   * A module with more WARNING-or-worse fingerprints than this is too busy for firing together to
   * mean one problem (a shared logger such as Python's {@code logging}).
   */
  public static final int MAX_MODULE_FINGERPRINTS = 8;

  /** A trace shared by more fingerprints than this is a busy request, not one problem. */
  public static final int MAX_TRACE_FINGERPRINTS = 20;

  private static final long WARNING = 400;
  private static final Pattern CODE_TOKEN =
      Pattern.compile(
          "(?<![\\w<])([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\\w>])");

  /**
   * An HTTP request line with a literal path: each endpoint is its own problem, even where the
   * template groups merge paths because many of them occur in one position.
   */
  private static final Pattern REQUEST_LINE =
      Pattern.compile("\"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /");

  private Categorizer() {}

  /** A set of fingerprints that form one category, and why they were put together. */
  public record Group(List<FingerprintSummary> members, List<String> links) {
    public Group {
      members = List.copyOf(members);
      links = List.copyOf(links);
    }
  }

  /** The categories, each listing its members by fingerprint; groups in order of their root. */
  public static List<Group> group(List<FingerprintSummary> summaries, WorklogRules rules) {
    Map<String, List<FingerprintSummary>> byProject = new TreeMap<>();
    for (FingerprintSummary summary : summaries) {
      String project = summary.projectId() == null ? "" : summary.projectId();
      byProject.computeIfAbsent(project, k -> new ArrayList<>()).add(summary);
    }
    List<Group> out = new ArrayList<>();
    byProject.values().forEach(members -> out.addAll(groupWithinProject(members, rules)));
    out.sort(Comparator.comparing(g -> g.members().get(0).fingerprint()));
    return out;
  }

  private static List<Group> groupWithinProject(
      List<FingerprintSummary> summaries, WorklogRules rules) {
    List<FingerprintSummary> sorted =
        summaries.stream().sorted(Comparator.comparing(FingerprintSummary::fingerprint)).toList();
    int[] parent = new int[sorted.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    Map<Integer, Set<String>> links = new TreeMap<>();
    Map<String, List<Integer>> byToken = new TreeMap<>();
    Map<String, List<Integer>> byTrace = new TreeMap<>();
    Map<String, List<Integer>> byRule = new TreeMap<>();
    Map<String, List<Integer>> byTemplateGroup = new TreeMap<>();
    Map<String, Long> countsByTemplate = new TreeMap<>();
    sorted.forEach(s -> countsByTemplate.merge(s.template(), s.total(), Long::sum));
    Map<String, String> templateGroups = TemplateGrouper.groups(countsByTemplate);
    Map<String, List<Occurrence>> byModule = new TreeMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      FingerprintSummary summary = sorted.get(i);
      int index = i;
      byTemplateGroup
          .computeIfAbsent(
              summary.service() + "\u0000" + templateGroupOf(summary.template(), templateGroups),
              k -> new ArrayList<>())
          .add(i);
      rules
          .firstMatch(summary)
          .filter(rule -> rule.title() != null)
          .ifPresent(rule -> byRule.computeIfAbsent(rule.id(), k -> new ArrayList<>()).add(index));
      if (summary.maxSeverityNumber() < WARNING) {
        continue;
      }
      for (String token : tokens(summary.template())) {
        byToken.computeIfAbsent(token, k -> new ArrayList<>()).add(i);
      }
      for (String trace : summary.traceIds()) {
        byTrace.computeIfAbsent(trace, k -> new ArrayList<>()).add(i);
      }
      if (summary.logger() != null) {
        String module = summary.service() + "\u0000" + summary.logger();
        for (Instant at : summary.occurrences()) {
          byModule.computeIfAbsent(module, k -> new ArrayList<>()).add(new Occurrence(at, i));
        }
      }
    }
    byRule.forEach((id, members) -> unite(parent, links, members, "matched rule " + id));
    byTemplateGroup.forEach(
        (group, members) -> unite(parent, links, members, "same template group"));
    byToken.forEach(
        (token, members) -> {
          if (members.size() <= MAX_TOKEN_FINGERPRINTS) {
            unite(parent, links, members, "same error code " + token);
          }
        });
    byTrace.forEach(
        (trace, members) -> {
          if (members.size() <= MAX_TRACE_FINGERPRINTS) {
            unite(parent, links, members, "same trace");
          }
        });
    byModule.forEach(
        (module, occurrences) -> {
          if (occurrences.stream().map(Occurrence::index).distinct().count()
              > MAX_MODULE_FINGERPRINTS) {
            return;
          }
          occurrences.sort(Comparator.comparing(Occurrence::at).thenComparing(Occurrence::index));
          for (int k = 1; k < occurrences.size(); k++) {
            Occurrence before = occurrences.get(k - 1);
            Occurrence after = occurrences.get(k);
            if (before.index() != after.index()
                && Duration.between(before.at(), after.at()).compareTo(TOGETHER) <= 0) {
              unite(
                  parent,
                  links,
                  List.of(before.index(), after.index()),
                  "same module firing together");
            }
          }
        });
    Map<Integer, List<FingerprintSummary>> groups = new TreeMap<>();
    Map<Integer, Set<String>> groupLinks = new TreeMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      int root = find(parent, i);
      groups.computeIfAbsent(root, k -> new ArrayList<>()).add(sorted.get(i));
      groupLinks
          .computeIfAbsent(root, k -> new TreeSet<>())
          .addAll(links.getOrDefault(i, Set.of()));
    }
    List<Group> out = new ArrayList<>();
    groups.forEach(
        (root, members) -> out.add(new Group(members, List.copyOf(groupLinks.get(root)))));
    return out;
  }

  /** The error-code-like tokens of a template, outside placeholders such as {@code <NUM>}. */
  static Set<String> tokens(String template) {
    Set<String> tokens = new TreeSet<>();
    Matcher matcher = CODE_TOKEN.matcher(template);
    while (matcher.find()) {
      tokens.add(matcher.group(1).toLowerCase(Locale.ROOT));
    }
    return tokens;
  }

  private record Occurrence(Instant at, int index) {}

  private static void unite(
      int[] parent, Map<Integer, Set<String>> links, List<Integer> members, String why) {
    if (members.size() < 2) {
      return;
    }
    int first = members.get(0);
    for (int member : members.subList(1, members.size())) {
      int a = find(parent, first);
      int b = find(parent, member);
      if (a != b) {
        parent[Math.max(a, b)] = Math.min(a, b);
      }
      links.computeIfAbsent(member, k -> new TreeSet<>()).add(why);
      links.computeIfAbsent(first, k -> new TreeSet<>()).add(why);
    }
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static String templateGroupOf(String template, Map<String, String> templateGroups) {
    return REQUEST_LINE.matcher(template).find() ? template : templateGroups.get(template);
  }
}
