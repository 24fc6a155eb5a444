package dev.loggardener.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A versioned, validated list of normalization rules read from a YAML rules file, with the secrets
 * file ({@link SecretCatalog}) that the redact stage runs before its rules.
 *
 * <p>The file is parsed as plain data (maps, lists, strings; no type tags). Loading checks that
 * every rule has an id, a known stage, a compiling pattern and a replacement, that ids are unique
 * and kebab-case, and that every example gives its expected output; any failure is an {@link
 * InvalidRulesException} naming the file and the rule.
 */
public final class RuleSet implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the shipped rules live on the classpath (copied from {@code pipelines/}). */
  public static final String DEFAULT_RESOURCE = "pipelines/log-stream/rules/normalize.yaml";

  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  /** Rule sets compiled in this JVM from their texts; a handful at most in a running job. */
  private static final Map<Texts, RuleSet> COMPILED =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Texts, RuleSet> eldest) {
          return size() > 8;
        }
      };

  private final String version;
  private final List<Rule> rules;
  private final SecretCatalog secrets;
  private final Texts texts;

  /**
   * What a rule set is read from, and the form in which it is serialized. Reading it back compiles
   * the rules once per JVM and hands every later copy the same immutable rule set: the DirectRunner
   * serializes and deserializes a DoFn's fields for every bundle it runs, and compiling some 300
   * patterns and their guards each time made each small bundle of a stream cost tens of
   * milliseconds.
   *
   * @param without ids of rules left out ({@link #without})
   */
  private record Texts(
      String rules, String rulesSource, String secrets, String secretsSource, Set<String> without)
      implements Serializable {
    private Object readResolve() {
      synchronized (COMPILED) {
        RuleSet compiled = COMPILED.get(this);
        if (compiled == null) {
          compiled =
              parse(rules, rulesSource, SecretCatalog.parse(secrets, secretsSource))
                  .without(without);
          COMPILED.put(this, compiled);
        }
        return compiled;
      }
    }
  }

  private RuleSet(String fileVersion, List<Rule> rules, SecretCatalog secrets, Texts texts) {
    this(
        rules,
        fileVersion + "+s" + secrets.version() + "+" + Normalizer.CODE_VERSION,
        secrets,
        texts);
  }

  private RuleSet(List<Rule> rules, String version, SecretCatalog secrets, Texts texts) {
    this.version = version;
    this.rules = List.copyOf(rules);
    this.secrets = secrets;
    this.texts = texts;
  }

  private Object writeReplace() {
    return texts;
  }

  /**
   * These rules without the ones named, under a version that says which were left out; for
   * measuring what each rule contributes, never for the pipeline.
   */
  RuleSet without(Set<String> ids) {
    if (ids.isEmpty()) {
      return this;
    }
    if (!texts.without().isEmpty()) {
      throw new IllegalStateException("rules " + texts.without() + " are already left out");
    }
    return new RuleSet(
        rules.stream().filter(r -> !ids.contains(r.id())).toList(),
        version + "-without-" + String.join(",", new TreeSet<>(ids)),
        secrets,
        new Texts(
            texts.rules(),
            texts.rulesSource(),
            texts.secrets(),
            texts.secretsSource(),
            Set.copyOf(ids)));
  }

  /** Loads the rules shipped in the jar. */
  public static RuleSet loadDefault() {
    try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new InvalidRulesException(
            "rules resource " + DEFAULT_RESOURCE + " is not on the classpath; rebuild the jar");
      }
      return parse(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "jar",
          SecretCatalog.loadDefault());
    } catch (IOException e) {
      throw new InvalidRulesException("cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage());
    }
  }

  /**
   * Loads and validates a rules file, with the {@code secrets.yaml} beside it, or the shipped one
   * when there is none there (an override of the normalization rules never loses the catalog).
   */
  public static RuleSet load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidRulesException("cannot read rules file " + file + ": " + e.getMessage());
    }
    Path secrets = file.resolveSibling("secrets.yaml");
    return parse(
        text,
        file.toString(),
        Files.isRegularFile(secrets) ? SecretCatalog.load(secrets) : SecretCatalog.loadDefault());
  }

  /** Parses and validates rules text with the shipped secrets file. */
  static RuleSet parse(String text, String source) {
    return parse(text, source, SecretCatalog.loadDefault());
  }

  /** Parses and validates rules text; {@code source} names it in error messages. */
  static RuleSet parse(String text, String source, SecretCatalog secrets) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      String reason = e.getMessage() == null ? "" : e.getMessage().replace('\n', ' ');
      throw new InvalidRulesException(source + ": not valid YAML: " + reason);
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new InvalidRulesException(source + ": expected a mapping with 'version' and 'rules'");
    }
    Object version = top.get("version");
    if (!(version instanceof String v) || v.isBlank()) {
      throw new InvalidRulesException(source + ": 'version' must be a non-empty quoted string");
    }
    if (!(top.get("rules") instanceof List<?> items) || items.isEmpty()) {
      throw new InvalidRulesException(source + ": 'rules' must be a non-empty list");
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Rule rule = parseRule(items.get(i), source + ": rule #" + (i + 1));
      if (!ids.add(rule.id())) {
        throw new InvalidRulesException(source + ": duplicate rule id '" + rule.id() + "'");
      }
      checkExamples(rule, source);
      rules.add(rule);
    }
    for (Rule rule : rules) {
      if (secrets.contextRules().stream().anyMatch(r -> r.id().equals(rule.id()))
          || secrets.detectors().stream().anyMatch(d -> d.id().equals(rule.id()))) {
        throw new InvalidRulesException(
            source + ": rule id '" + rule.id() + "' is also an id in the secrets file");
      }
    }
    for (Rule.Stage stage : Rule.Stage.values()) {
      long count = rules.stream().filter(r -> r.stage() == stage).count();
      if (stage == Rule.Stage.REDACT) {
        count += secrets.steps().size() + secrets.contextRules().size();
      }
      if (count > GuardedRules.MAX_RULES) {
        throw new InvalidRulesException(
            source
                + ": at most "
                + GuardedRules.MAX_RULES
                + " "
                + stage.name().toLowerCase(Locale.ROOT)
                + " rules, got "
                + count);
      }
    }
    return new RuleSet(
        v, rules, secrets, new Texts(text, source, secrets.text(), secrets.source(), Set.of()));
  }

  static Rule parseRule(Object item, String where) {
    if (!(item instanceof Map<?, ?> map)) {
      throw new InvalidRulesException(where + ": expected a mapping");
    }
    String id = requireString(map, "id", where);
    if (!KEBAB.matcher(id).matches()) {
      throw new InvalidRulesException(where + ": id '" + id + "' must be kebab-case");
    }
    String at = where + " '" + id + "'";
    String description = requireString(map, "description", at);
    Rule.Stage stage = Rule.Stage.parse(optionalString(map, "stage", at));
    if (stage == null) {
      throw new InvalidRulesException(at + ": 'stage' must be 'redact' or 'mask'");
    }
    String regex = requireString(map, "pattern", at);
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidRulesException(
          at + ": pattern does not compile: " + e.getDescription() + " near index " + e.getIndex());
    }
    String replaceWith = requireString(map, "replace_with", at);
    List<String> triggers = new ArrayList<>();
    if (map.get("triggers") != null) {
      if (!(map.get("triggers") instanceof List<?> list)) {
        throw new InvalidRulesException(at + ": 'triggers' must be a list of strings");
      }
      for (Object t : list) {
        if (!(t instanceof String s) || s.isEmpty() || !s.equals(s.toLowerCase(Locale.ROOT))) {
          throw new InvalidRulesException(at + ": triggers must be non-empty lower-case strings");
        }
        triggers.add(s);
      }
    }
    int minDigitRun = 0;
    if (map.get("min_digit_run") != null) {
      if (!(map.get("min_digit_run") instanceof Integer n) || n < 1) {
        throw new InvalidRulesException(at + ": 'min_digit_run' must be a positive integer");
      }
      minDigitRun = n;
    }
    Rule.Check check = Rule.Check.parse(optionalString(map, "check", at));
    if (check == null) {
      throw new InvalidRulesException(
          at + ": unknown check '" + map.get("check") + "' (known: luhn, entropy)");
    }
    return new Rule(
        id,
        description,
        stage,
        pattern,
        replaceWith,
        triggers,
        minDigitRun,
        check,
        parseExamples(map.get("examples"), at));
  }

  private static List<Rule.Example> parseExamples(Object raw, String at) {
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidRulesException(at + ": needs at least one example (input and output)");
    }
    List<Rule.Example> examples = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> map)
          || !(map.get("input") instanceof String input)
          || !(map.get("output") instanceof String output)) {
        throw new InvalidRulesException(at + ": each example needs string 'input' and 'output'");
      }
      examples.add(new Rule.Example(input, output));
    }
    return examples;
  }

  static void checkExamples(Rule rule, String source) {
    for (Rule.Example example : rule.examples()) {
      String actual;
      try {
        actual = rule.apply(example.input());
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new InvalidRulesException(
            source + ": rule '" + rule.id() + "' has a bad replace_with: " + e.getMessage());
      }
      if (!actual.equals(example.output())) {
        throw new InvalidRulesException(
            source
                + ": rule '"
                + rule.id()
                + "' example fails: input '"
                + oneLine(example.input())
                + "' gave '"
                + oneLine(actual)
                + "', expected '"
                + oneLine(example.output())
                + "'");
      }
    }
  }

  private static String oneLine(String text) {
    return text.replace("\n", "\\n").replace("\r", "\\r");
  }

  static String requireString(Map<?, ?> map, String key, String where) {
    String value = optionalString(map, key, where);
    if (value == null || value.isEmpty()) {
      throw new InvalidRulesException(where + ": '" + key + "' is required");
    }
    return value;
  }

  private static String optionalString(Map<?, ?> map, String key, String where) {
    Object value = map.get(key);
    if (value != null && !(value instanceof String)) {
      throw new InvalidRulesException(where + ": '" + key + "' must be a quoted string");
    }
    return (String) value;
  }

  /**
   * The version every fingerprint and dead letter records: the rules file's {@code version}, {@code
   * +s} and the secrets file's, a {@code +}, and {@link Normalizer#CODE_VERSION}, so that a change
   * of either file or of the tokenizer code shows in the stored rows (e.g. {@code
   * 2026.11.29-1+s2026.12.06-1+n1}).
   */
  public String version() {
    return version;
  }

  /** The rules in file order. */
  public List<Rule> rules() {
    return rules;
  }

  /** The rules of one stage, in file order. */
  List<Rule> rules(Rule.Stage stage) {
    return rules.stream().filter(r -> r.stage() == stage).toList();
  }

  /** The catalog of credential formats and the context rules of the secrets file. */
  public SecretCatalog secrets() {
    return secrets;
  }

  /**
   * What the redact stage runs, in order: the catalog of credential formats, the context rules of
   * the secrets file, then this file's redact rules.
   */
  List<GuardedStep> redactSteps() {
    List<GuardedStep> steps = new ArrayList<>();
    steps.addAll(secrets.steps());
    steps.addAll(secrets.contextRules());
    steps.addAll(rules(Rule.Stage.REDACT));
    return steps;
  }
}
