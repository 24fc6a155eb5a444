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
 * TemplateGrouper} group within one service (templates that differ only where values vary). Request
 * lines are the exception: each method, route and status is its own problem (a 503 is not a 200,
 * {@code /cart} is not {@code /products}), so they join only when their whole template is equal, or
 * when one route shape has so many routes that its literal segments are values. Fingerprints of
 * different projects never join: an aggregated sink carries many projects, and the same error code
 * in two of them is two problems. The result depends only on the set of summaries: input is sorted
 * by fingerprint and union-find always keeps the smallest fingerprint as the root.
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
   * A request line as the fingerprint keeps it: method, route skeleton and status ({@code GET
   * /cart/<NUM> 503}, {@code "GET /api/x HTTP/<NUM>" 2xx}). Group 2 is the route.
   */
  private static final Pattern REQUEST_LINE =
      Pattern.compile(
          "(?<![\\w/])(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (/\\S*)(?=[ \"]).*?"
              + "(?<![\\w<])([1-5]xx|[45]\\d\\d)(?![\\w>])");

  /**
   * Routes of one shape (same first segment, same number of segments, same rest of the line) that
   * are told apart only above this many distinct routes: more means the literal segments are values
   * (user-named paths), so the shape is one category rather than thousands.
   */
  public static final int MAX_ROUTES_PER_SHAPE = 16;

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
    Map<String, String> requestKeys = requestKeys(sorted);
    Map<String, List<Occurrence>> byModule = new TreeMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      FingerprintSummary summary = sorted.get(i);
      int index = i;
      byTemplateGroup
          .computeIfAbsent(
              summary.service()
                  + "\u0000"
                  + requestKeys.getOrDefault(
                      summary.service() + "\u0000" + summary.template(),
                      templateGroups.get(summary.template())),
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
  public static Set<String> tokens(String template) {
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

  /**
   * The category key of every request-line template: a request is identified by method, route and
   * status, which the template groups treat as values (event types), so request lines join through
   * their own key instead: the template itself, or its route shape when the shape has more than
   * {@link #MAX_ROUTES_PER_SHAPE} routes.
   */
  private static Map<String, String> requestKeys(List<FingerprintSummary> summaries) {
    Map<String, String> shapes = new TreeMap<>();
    Map<String, Set<String>> routesByShape = new TreeMap<>();
    for (FingerprintSummary summary : summaries) {
      Matcher m = REQUEST_LINE.matcher(summary.template());
      if (!m.find()) {
        continue;
      }
      String route = m.group(2);
      int second = route.indexOf('/', 1);
      String shape =
          summary.service()
              + "\u0000"
              + summary.template().substring(0, m.start(2))
              + (second < 0 ? route : route.substring(0, second))
              + "/*"
              + route.chars().filter(c -> c == '/').count()
              + summary.template().substring(m.end(2));
      shapes.put(summary.service() + "\u0000" + summary.template(), shape);
      routesByShape.computeIfAbsent(shape, k -> new TreeSet<>()).add(route);
    }
    Map<String, String> keys = new TreeMap<>();
    shapes.forEach(
        (serviceTemplate, shape) ->
            keys.put(
                serviceTemplate,
                routesByShape.get(shape).size() > MAX_ROUTES_PER_SHAPE ? shape : serviceTemplate));
    return keys;
  }
}
