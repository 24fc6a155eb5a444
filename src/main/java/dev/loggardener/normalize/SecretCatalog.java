package dev.loggardener.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The secrets rules file ({@code secrets.yaml}): the catalog of credential formats (one {@link
 * Detector} per documented format) and the context rules that redact values standing after
 * secret-like words, in headers, flags, environment dumps and connection strings.
 *
 * <p>The detectors run in groups of at most {@link GuardedRules#MAX_RULES} ({@link #steps()}), each
 * group one redact step whose triggers are those of its detectors: a message that holds none costs
 * nothing beyond the stage's one trigger scan, and in a message that holds one, the group's own
 * trigger index lets only the detectors whose triggers occur try their regex. Loading checks every
 * detector (kebab-case unique id, description, an https source, a compiling pattern, triggers) and
 * runs every example through the detector alone and through the whole catalog; any failure is an
 * {@link InvalidRulesException} naming the file and the entry.
 */
public final class SecretCatalog implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the shipped file lives on the classpath (copied from {@code pipelines/}). */
  public static final String DEFAULT_RESOURCE = "pipelines/log-stream/rules/secrets.yaml";

  /** What every detector puts in place of a credential. */
  static final String PLACEHOLDER = "<SECRET>";

  /** A detector's replacement that keeps the context its pattern's first group matched. */
  static final String KEEP_CONTEXT = "$1" + PLACEHOLDER;

  /** The redaction class of a value that is secret by the name of the label holding it. */
  static final String SECRET_FIELD = "secret-field";

  /** In a context rule's pattern, stands for the file's {@code secret_words} alternation. */
  static final String SECRET_WORDS = "{{secret_words}}";

  /**
   * Detectors per group: fewer than {@link GuardedRules#MAX_RULES}, so that a group whose triggers
   * are common words runs few regexes, and a rare group is skipped by the stage's scan.
   */
  private static final int GROUP_SIZE = 32;

  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  /**
   * One documented credential format.
   *
   * @param id stable kebab-case id, also the redaction class its matches are counted under
   * @param description one line naming the credential
   * @param source the public page that documents the format
   * @param rule the detector as a redact rule: its pattern and triggers
   * @param examples credentials as they appear in a log, with the context the format names
   * @param secrets per example, the part the detector removes from it
   */
  public record Detector(
      String id,
      String description,
      URI source,
      Rule rule,
      List<String> examples,
      List<String> secrets)
      implements java.io.Serializable {
    public Detector {
      examples = List.copyOf(examples);
      secrets = List.copyOf(secrets);
    }
  }

  /** The fewest characters a detector's match may remove from an example. */
  static final int MIN_SECRET_LENGTH = 8;

  private final String version;

  /**
   * The text and its source, for {@link RuleSet}, which records them when it is parsed and travels
   * as them. Not serialized: a copy of the catalog (inside a serialized {@link Fingerprinter}) is
   * never parsed into a rule set again, and the text would double its size.
   */
  private final transient String text;

  private final transient String source;
  private final Pattern secretName;
  private final List<Detector> detectors;
  private final List<Rule> contextRules;
  private final List<DetectorGroup> groups;

  private SecretCatalog(
      String version,
      String text,
      String source,
      String secretWords,
      List<Detector> detectors,
      List<Rule> contextRules) {
    this.version = version;
    this.text = text;
    this.source = source;
    this.secretName = Pattern.compile("(?i)(?:.*[^a-z0-9])?(?:" + secretWords + ")s?");
    this.detectors = List.copyOf(detectors);
    this.contextRules = List.copyOf(contextRules);
    List<DetectorGroup> grouped = new ArrayList<>();
    for (int from = 0; from < detectors.size(); from += GROUP_SIZE) {
      grouped.add(
          new DetectorGroup(
              detectors.subList(from, Math.min(from + GROUP_SIZE, detectors.size())).stream()
                  .map(Detector::rule)
                  .toList()));
    }
    this.groups = List.copyOf(grouped);
  }

  /** Loads the file shipped in the jar. */
  public static SecretCatalog loadDefault() {
    try (InputStream in =
        SecretCatalog.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new InvalidRulesException(
            "rules resource " + DEFAULT_RESOURCE + " is not on the classpath; rebuild the jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "jar secrets.yaml");
    } catch (IOException e) {
      throw new InvalidRulesException("cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage());
    }
  }

  /** Loads and validates a secrets file. */
  public static SecretCatalog load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new InvalidRulesException("cannot read secrets file " + file + ": " + e.getMessage());
    }
  }

  /** Parses and validates a secrets file's text; {@code source} names it in error messages. */
  static SecretCatalog parse(String text, String source) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      String reason = e.getMessage() == null ? "" : e.getMessage().replace('\n', ' ');
      throw new InvalidRulesException(source + ": not valid YAML: " + reason);
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new InvalidRulesException(
          source + ": expected a mapping with 'version', 'context' and 'detectors'");
    }
    if (!(top.get("version") instanceof String version) || version.isBlank()) {
      throw new InvalidRulesException(source + ": 'version' must be a non-empty quoted string");
    }
    if (!(top.get("context") instanceof List<?> contextItems) || contextItems.isEmpty()) {
      throw new InvalidRulesException(source + ": 'context' must be a non-empty list of rules");
    }
    if (!(top.get("detectors") instanceof List<?> detectorItems) || detectorItems.isEmpty()) {
      throw new InvalidRulesException(source + ": 'detectors' must be a non-empty list");
    }
    if (!(top.get("secret_words") instanceof String secretWords) || secretWords.isBlank()) {
      throw new InvalidRulesException(
          source + ": 'secret_words' must be a regex alternation of secret-like words");
    }
    try {
      Pattern.compile(secretWords);
    } catch (PatternSyntaxException e) {
      throw new InvalidRulesException(
          source + ": 'secret_words' does not compile: " + e.getDescription());
    }
    Set<String> ids = new HashSet<>();
    List<Rule> context = new ArrayList<>();
    for (int i = 0; i < contextItems.size(); i++) {
      Object item = contextItems.get(i);
      if (item instanceof Map<?, ?> map && map.get("pattern") instanceof String pattern) {
        Map<Object, Object> expanded = new java.util.LinkedHashMap<>(map);
        expanded.put("pattern", pattern.replace(SECRET_WORDS, "(?:" + secretWords + ")"));
        item = expanded;
      }
      Rule rule = RuleSet.parseRule(item, source + ": context rule #" + (i + 1));
      if (rule.stage() != Rule.Stage.REDACT) {
        throw new InvalidRulesException(
            source + ": context rule '" + rule.id() + "' must have stage 'redact'");
      }
      if (!ids.add(rule.id())) {
        throw new InvalidRulesException(source + ": duplicate id '" + rule.id() + "'");
      }
      RuleSet.checkExamples(rule, source);
      context.add(rule);
    }
    List<Detector> detectors = new ArrayList<>();
    for (int i = 0; i < detectorItems.size(); i++) {
      Detector detector = parseDetector(detectorItems.get(i), source + ": detector #" + (i + 1));
      if (!ids.add(detector.id())) {
        throw new InvalidRulesException(source + ": duplicate id '" + detector.id() + "'");
      }
      detectors.add(detector);
    }
    SecretCatalog catalog =
        new SecretCatalog(version, text, source, secretWords, detectors, context);
    for (Detector detector : detectors) {
      for (int e = 0; e < detector.examples().size(); e++) {
        String credential = detector.examples().get(e);
        String input = "rejected " + credential + " here";
        String actual = new GuardedRules(catalog.steps()).apply(input);
        if (actual.contains(detector.secrets().get(e))) {
          throw new InvalidRulesException(
              source
                  + ": detector '"
                  + detector.id()
                  + "' example is left in clear by the catalog (check its triggers): '"
                  + credential
                  + "'");
        }
      }
    }
    return catalog;
  }

  private static Detector parseDetector(Object item, String where) {
    if (!(item instanceof Map<?, ?> map)) {
      throw new InvalidRulesException(where + ": expected a mapping");
    }
    String id = RuleSet.requireString(map, "id", where);
    if (!KEBAB.matcher(id).matches()) {
      throw new InvalidRulesException(where + ": id '" + id + "' must be kebab-case");
    }
    String at = where + " '" + id + "'";
    String description = RuleSet.requireString(map, "description", at);
    URI source = source(RuleSet.requireString(map, "source", at), at);
    String regex = RuleSet.requireString(map, "pattern", at);
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidRulesException(
          at + ": pattern does not compile: " + e.getDescription() + " near index " + e.getIndex());
    }
    List<String> triggers = new ArrayList<>();
    if (!(map.get("triggers") instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidRulesException(at + ": 'triggers' must be a non-empty list of strings");
    }
    for (Object t : list) {
      if (!(t instanceof String s) || s.length() < 3 || !s.equals(s.toLowerCase(Locale.ROOT))) {
        throw new InvalidRulesException(
            at + ": triggers must be lower-case strings of three or more characters");
      }
      triggers.add(s);
    }
    if (!(map.get("examples") instanceof List<?> raw) || raw.isEmpty()) {
      throw new InvalidRulesException(at + ": needs at least one example credential");
    }
    String replacement = replacement(map, pattern, at);
    Rule rule =
        new Rule(
            id,
            description,
            Rule.Stage.REDACT,
            pattern,
            replacement,
            triggers,
            0,
            Rule.Check.NONE,
            List.of());
    List<String> examples = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    for (Object example : raw) {
      if (!(example instanceof String credential) || credential.isEmpty()) {
        throw new InvalidRulesException(at + ": each example must be a credential as a string");
      }
      String lower = credential.toLowerCase(Locale.ROOT);
      if (triggers.stream().noneMatch(lower::contains)) {
        throw new InvalidRulesException(
            at + ": example '" + credential + "' contains none of the triggers " + triggers);
      }
      examples.add(credential);
      secrets.add(secretOf(rule, credential, at));
    }
    return new Detector(id, description, source, rule, examples, secrets);
  }

  /**
   * {@value #PLACEHOLDER}, or {@value #KEEP_CONTEXT} when the pattern's first group is context that
   * stays: a group, unlike a lookbehind of varying length, gives the regex a literal to start at
   * instead of trying the lookbehind back from every character of the text.
   */
  private static String replacement(Map<?, ?> map, Pattern pattern, String at) {
    Object replaceWith = map.get("replace_with");
    if (replaceWith == null || PLACEHOLDER.equals(replaceWith)) {
      return PLACEHOLDER;
    }
    if (!KEEP_CONTEXT.equals(replaceWith)) {
      throw new InvalidRulesException(
          at + ": 'replace_with' must be '" + PLACEHOLDER + "' or '" + KEEP_CONTEXT + "'");
    }
    if (pattern.matcher("").groupCount() < 1) {
      throw new InvalidRulesException(
          at + ": 'replace_with' '" + KEEP_CONTEXT + "' needs a group in the pattern to keep");
    }
    return KEEP_CONTEXT;
  }

  /**
   * The part of {@code credential} the detector removes: standing between two words, the example
   * must give one match, inside the example, of at least {@value #MIN_SECRET_LENGTH} characters.
   */
  private static String secretOf(Rule rule, String credential, String at) {
    String prefix = "rejected ";
    String suffix = " here";
    String output = rule.apply(prefix + credential + suffix);
    int placeholder = output.indexOf(PLACEHOLDER);
    String secret =
        output.startsWith(prefix) && output.endsWith(suffix)
            ? Findings.removed(
                credential, output.substring(prefix.length(), output.length() - suffix.length()))
            : "";
    if (placeholder < 0
        || output.indexOf(PLACEHOLDER, placeholder + 1) >= 0
        || secret.length() < MIN_SECRET_LENGTH) {
      throw new InvalidRulesException(
          at
              + ": example fails: 'rejected "
              + credential.replace("\n", "\\n")
              + " here' gave '"
              + output.replace("\n", "\\n")
              + "', expected one match of "
              + MIN_SECRET_LENGTH
              + " or more characters inside the example");
    }
    return secret;
  }

  private static URI source(String text, String at) {
    try {
      URI uri = new URI(text);
      if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, with what is expected
    }
    throw new InvalidRulesException(at + ": 'source' must be the https URL documenting the format");
  }

  /** The file's {@code version}, recorded in {@link RuleSet#version()}. */
  /** The text this catalog was read from. */
  String text() {
    return text;
  }

  /** Where the text came from, as error messages name it. */
  String source() {
    return source;
  }

  public String version() {
    return version;
  }

  /**
   * Whether a field, label or parameter name is secret-like: it is, or ends in, one of the file's
   * {@code secret_words} (maybe plural) after a non-alphanumeric character or a lower-case to
   * upper-case step ({@code DB_PASSWORD}, {@code x-api-key}, {@code clientSecret}).
   */
  public boolean isSecretName(String name) {
    if (name == null || name.isEmpty() || name.length() > 128) {
      return false;
    }
    return secretName.matcher(CAMEL_STEP.matcher(name).replaceAll("$1_$2")).matches();
  }

  private static final Pattern CAMEL_STEP = Pattern.compile("([a-z0-9])([A-Z])");

  /** The detectors in file order. */
  public List<Detector> detectors() {
    return detectors;
  }

  /** The context rules in file order; they run after the detectors. */
  public List<Rule> contextRules() {
    return contextRules;
  }

  /** The detectors as redact steps, in file order: one per group. */
  List<GuardedStep> steps() {
    return List.copyOf(groups);
  }

  /** Detectors run together behind the union of their triggers, then each behind its own. */
  private static final class DetectorGroup implements GuardedStep {
    private static final long serialVersionUID = 1L;

    private final GuardedRules rules;
    private final List<String> triggers;

    DetectorGroup(List<Rule> detectors) {
      this.rules = new GuardedRules(detectors);
      Set<String> all = new LinkedHashSet<>();
      detectors.forEach(rule -> all.addAll(rule.triggers()));
      this.triggers = List.copyOf(all);
    }

    @Override
    public List<String> triggers() {
      return triggers;
    }

    @Override
    public int minDigitRun() {
      return 0;
    }

    @Override
    public MatchStarts matchStarts() {
      return null;
    }

    /** A detector's replacement is {@link #PLACEHOLDER} or {@link #KEEP_CONTEXT}. */
    @Override
    public Set<String> placeholders() {
      return Set.of(PLACEHOLDER);
    }

    /**
     * Applies the detectors whose triggers stand in the text; those whose matches begin with a word
     * holding a trigger are tried only around the triggers the group's scan found, as the steps of
     * a stage are ({@link GuardedRules#apply(String, long, TriggerSpan, Findings)}).
     */
    @Override
    public String apply(String text, MatchStarts matchStarts, Findings findings) {
      TriggerSpan span = new TriggerSpan();
      long guards = rules.runnable(text, text.toCharArray(), text.length(), span);
      return guards == 0 ? text : rules.apply(text, guards, span, findings);
    }
  }
}
