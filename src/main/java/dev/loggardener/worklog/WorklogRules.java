package dev.loggardener.worklog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The worklog rules file ({@code pipelines/worklog-report/rules.yaml}), parsed as plain data and
 * validated in full when loaded: every problem is an {@link InvalidWorklogRulesException} whose
 * message names the file, the rule and the field.
 */
public final class WorklogRules {
  /** Classpath location of the shipped rules file. */
  public static final String DEFAULT_RESOURCE = "pipelines/worklog-report/rules.yaml";

  private static final Set<String> TOP_KEYS = Set.of("version", "rules");
  private static final Set<String> RULE_KEYS =
      Set.of(
          "id",
          "description",
          "match",
          "title",
          "impact",
          "priority_at_least",
          "priority_at_most",
          "expected",
          "tracker");
  private static final Set<String> MATCH_KEYS =
      Set.of("service", "logger", "template", "fingerprint");
  private static final Set<String> TRACKER_KEYS = Set.of("url", "label", "status");
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

  private final String version;
  private final List<WorklogRule> rules;

  private WorklogRules(String version, List<WorklogRule> rules) {
    this.version = version;
    this.rules = List.copyOf(rules);
  }

  /** No rules at all. */
  public static WorklogRules none() {
    return new WorklogRules("none", List.of());
  }

  /** The rules file shipped in the jar. */
  public static WorklogRules loadDefault() {
    try (InputStream in =
        WorklogRules.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new InvalidWorklogRulesException("missing classpath resource " + DEFAULT_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new InvalidWorklogRulesException(DEFAULT_RESOURCE + ": cannot read: " + e.getMessage());
    }
  }

  /** A rules file on disk. */
  public static WorklogRules load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidWorklogRulesException(file + ": cannot read rules file (" + e + ")");
    }
    return parse(text, file.toString());
  }

  /** Parses rules from YAML text; {@code source} names it in error messages. */
  public static WorklogRules parse(String yamlText, String source) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (YAMLException e) {
      throw new InvalidWorklogRulesException(
          source + ": not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").trim());
    }
    Map<?, ?> top = map(root, source, "the file");
    unknownKeys(top, TOP_KEYS, source, "the file");
    Object version = top.get("version");
    if (version == null || version.toString().isBlank()) {
      throw new InvalidWorklogRulesException(source + ": missing top-level 'version'");
    }
    Object list = top.get("rules");
    if (!(list instanceof List<?> items)) {
      throw new InvalidWorklogRulesException(source + ": 'rules' must be a list of rules");
    }
    List<WorklogRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      WorklogRule rule = rule(items.get(i), source, "rule #" + (i + 1));
      if (!ids.add(rule.id())) {
        throw new InvalidWorklogRulesException(source + ": duplicate rule id '" + rule.id() + "'");
      }
      rules.add(rule);
    }
    return new WorklogRules(version.toString(), rules);
  }

  private static WorklogRule rule(Object item, String source, String position) {
    Map<?, ?> rule = map(item, source, position);
    String id = text(rule, "id", source, position);
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidWorklogRulesException(
          source + ": " + position + ": 'id' must be kebab-case, e.g. health-check-traffic");
    }
    String where = "rule '" + id + "'";
    unknownKeys(rule, RULE_KEYS, source, where);
    String description = text(rule, "description", source, where);
    if (description == null || description.isBlank()) {
      throw new InvalidWorklogRulesException(source + ": " + where + ": missing 'description'");
    }
    Map<?, ?> match = map(rule.get("match"), source, where + ": 'match'");
    unknownKeys(match, MATCH_KEYS, source, where + ": 'match'");
    if (match.isEmpty()) {
      throw new InvalidWorklogRulesException(
          source + ": " + where + ": 'match' needs service, logger, template or fingerprint");
    }
    String fingerprint = text(match, "fingerprint", source, where);
    if (fingerprint != null && !FINGERPRINT.matcher(fingerprint).matches()) {
      throw new InvalidWorklogRulesException(
          source + ": " + where + ": 'fingerprint' must be 64 lowercase hex digits");
    }
    Priority atLeast = priority(rule, "priority_at_least", source, where);
    Priority atMost = priority(rule, "priority_at_most", source, where);
    if (atLeast != null && atMost != null && atMost.ordinal() > atLeast.ordinal()) {
      throw new InvalidWorklogRulesException(
          source
              + ": "
              + where
              + ": priority_at_most "
              + atMost
              + " is less urgent than"
              + " priority_at_least "
              + atLeast);
    }
    Object expected = rule.get("expected");
    if (expected != null && !(expected instanceof Boolean)) {
      throw new InvalidWorklogRulesException(
          source + ": " + where + ": 'expected' must be true or false");
    }
    boolean isExpected = Boolean.TRUE.equals(expected);
    if (isExpected && (atLeast != null || atMost != null)) {
      throw new InvalidWorklogRulesException(
          source + ": " + where + ": an expected rule is always P4; remove its priority bounds");
    }
    return new WorklogRule(
        id,
        description,
        regex(match, "service", source, where),
        regex(match, "logger", source, where),
        regex(match, "template", source, where),
        fingerprint,
        text(rule, "title", source, where),
        text(rule, "impact", source, where),
        atLeast,
        atMost,
        isExpected,
        tracker(rule.get("tracker"), source, where));
  }

  private static WorklogRule.Tracker tracker(Object value, String source, String where) {
    if (value == null) {
      return null;
    }
    Map<?, ?> tracker = map(value, source, where + ": 'tracker'");
    unknownKeys(tracker, TRACKER_KEYS, source, where + ": 'tracker'");
    String url = text(tracker, "url", source, where);
    if (url == null || !url.matches("https?://[^\\s<>\"'`()\\[\\]]+")) {
      throw new InvalidWorklogRulesException(
          source + ": " + where + ": tracker 'url' must be an http(s) URL without spaces");
    }
    return new WorklogRule.Tracker(
        url, text(tracker, "label", source, where), text(tracker, "status", source, where));
  }

  private static Priority priority(Map<?, ?> rule, String key, String source, String where) {
    String value = text(rule, key, source, where);
    if (value == null) {
      return null;
    }
    Priority priority = Priority.parse(value);
    if (priority == null) {
      throw new InvalidWorklogRulesException(
          source + ": " + where + ": '" + key + "' must be P0..P4, got '" + value + "'");
    }
    return priority;
  }

  private static Pattern regex(Map<?, ?> match, String key, String source, String where) {
    String value = text(match, key, source, where);
    if (value == null) {
      return null;
    }
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new InvalidWorklogRulesException(
          source
              + ": "
              + where
              + ": '"
              + key
              + "' is not a valid regex: "
              + e.getDescription()
              + " near index "
              + e.getIndex());
    }
  }

  private static String text(Map<?, ?> map, String key, String source, String where) {
    Object value = map.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Map || value instanceof List) {
      throw new InvalidWorklogRulesException(
          source + ": " + where + ": '" + key + "' must be a single value");
    }
    return value.toString();
  }

  private static Map<?, ?> map(Object value, String source, String where) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidWorklogRulesException(source + ": " + where + " must be a mapping");
    }
    return map;
  }

  private static void unknownKeys(Map<?, ?> map, Set<String> allowed, String source, String where) {
    for (Object key : map.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        throw new InvalidWorklogRulesException(
            source
                + ": "
                + where
                + ": unknown key '"
                + key
                + "' (allowed: "
                + String.join(", ", new TreeSet<>(allowed))
                + ")");
      }
    }
  }

  public String version() {
    return version;
  }

  public List<WorklogRule> rules() {
    return rules;
  }

  /** The first rule, in file order, that matches the fingerprint. */
  public Optional<WorklogRule> firstMatch(FingerprintSummary summary) {
    return rules.stream().filter(r -> r.matches(summary)).findFirst();
  }
}
