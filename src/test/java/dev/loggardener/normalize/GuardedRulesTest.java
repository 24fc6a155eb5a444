package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GuardedRulesTest {
  static Stream<Arguments> oneCharacterTriggers() {
    return Stream.of(
        Arguments.of("mail me at a@b", true),
        Arguments.of("nothing to see", false),
        Arguments.of("x marks", true),
        Arguments.of("X marks", true),
        Arguments.of("Ｘ is a full-width letter", false));
  }

  @ParameterizedTest
  @MethodSource("oneCharacterTriggers")
  void runsARuleWithAOneCharacterTriggerWhenTheTextHasItInEitherCase(String text, boolean runs) {
    GuardedRules rules =
        new GuardedRules(List.of(rule("at", "@", List.of("@")), rule("ex", "(?i)x", List.of("x"))));

    assertThat(rules.runnable(text) != 0).isEqualTo(runs);
  }

  static Stream<Arguments> shortTriggers() {
    return Stream.of(
        Arguments.of("xAbx", true),
        Arguments.of("a b", false),
        Arguments.of("ab", true),
        Arguments.of("the ñU herd", true),
        Arguments.of("the NU herd", false));
  }

  @ParameterizedTest
  @MethodSource("shortTriggers")
  void runsARuleWithATwoCharacterOrNonAsciiTriggerWhenTheTextHasIt(String text, boolean runs) {
    GuardedRules rules =
        new GuardedRules(
            List.of(rule("ab", "(?i)ab", List.of("ab")), rule("nu", "ñu", List.of("ñu"))));

    assertThat(rules.runnable(text) != 0).isEqualTo(runs);
  }

  static Stream<Arguments> longTriggers() {
    return Stream.of(
        Arguments.of("an abcd here", true),
        Arguments.of("an ABCD here", true),
        Arguments.of("an abce here", false),
        Arguments.of("ends in abc", false),
        Arguments.of("three abx", true),
        Arguments.of("abxy", true),
        Arguments.of("a verb", false),
        Arguments.of("on Vercel", true),
        Arguments.of("abc\u212a, the Kelvin sign, folds to k", true),
        Arguments.of("ABC\u00c9 folds to the trigger's \u00e9", true),
        Arguments.of("abc\u00e8 does not", false));
  }

  /**
   * A hit of a trigger's first three characters is compared only when the fourth may be the
   * trigger's too; a three-character trigger, a non-ASCII fourth in the text or in the trigger are
   * always compared.
   */
  @ParameterizedTest
  @MethodSource("longTriggers")
  void findsLongTriggersWhateverTheirFourthCharacter(String text, boolean runs) {
    GuardedRules rules =
        new GuardedRules(
            List.of(
                rule("abcd", "(?i)abcd", List.of("abcd", "abck")),
                rule("abx", "abx", List.of("abx")),
                rule("vercel", "(?i)vercel", List.of("vercel")),
                rule("abce-acute", "(?i)abc\u00e9", List.of("abc\u00e9"))));

    assertThat(rules.runnable(text) != 0).as(text).isEqualTo(runs);
  }

  @Test
  void triesLaterRulesOnTheChangedTextButNeverAnEarlierRuleAgain() {
    GuardedRules rules =
        new GuardedRules(
            List.of(
                rule("baz-to-qux", "baz", "qux", List.of("baz")),
                rule("foo-to-bar", "foo", "bar", List.of("foo")),
                rule("bar-to-baz", "bar", "baz", List.of("bar"))));

    assertThat(rules.apply("foo")).isEqualTo("baz");
    assertThat(rules.apply("baz foo")).isEqualTo("qux baz");
  }

  /**
   * A rule whose matches begin with a trigger-holding word is tried only within the span where the
   * scan saw triggers, widened at the start by how deep in a word a trigger may stand; after an
   * earlier rule shortened the text, the span is that of the new text, or the word it moved would
   * be missed.
   */
  @Test
  void aRuleTriedWithinTheTriggerSpanFindsAMatchThatAnEarlierRuleMoved() {
    Rule digits =
        new Rule(
            "long-number",
            "",
            Rule.Stage.REDACT,
            Pattern.compile("\\d{20,}"),
            "<N>",
            List.of(),
            20,
            Rule.Check.NONE,
            List.of());
    GuardedRules rules =
        new GuardedRules(
            List.of(
                digits,
                rule("token", "(?<![a-z])(?:token|api key)=\\w+", List.of("token", "key"))));
    String text = "12345678901234567890123456789012345 token=abc";
    TriggerSpan span = new TriggerSpan();
    long guards = rules.runnable(text, text.toCharArray(), text.length(), span);

    assertThat(span.first).isEqualTo(text.indexOf("token"));
    assertThat(rules.apply(text, guards, span, null)).isEqualTo("<N> <X>");

    String deeper = "see api key=abc";
    guards = rules.runnable(deeper, deeper.toCharArray(), deeper.length(), span);

    assertThat(span.first).as("the trigger inside the word").isEqualTo(deeper.indexOf("key"));
    assertThat(rules.apply(deeper, guards, span, null)).isEqualTo("see <X>");
  }

  /**
   * The redact stage given the guards and trigger span of the scan of both stages, as the
   * fingerprinter runs it, removes what it removes given nothing, on random edits of every rule's
   * and detector's examples.
   */
  @Test
  void redactionWithinTriggerSpansAgreesWithRedactionOfWholeTexts() {
    BothStages stages = BothStages.shipped();
    List<String> seeds = exampleSeeds(stages.ruleSet());
    String pool = "aAkKsS09_-.:=\"' \t\\{}\u00e9\u212a";
    Random random = new Random(20261207L);
    for (int round = 0; round < 5_000; round++) {
      String text = randomJoin(seeds, List.of(), pool, random);

      assertThat(stages.redactAsFingerprinted(text))
          .as(text)
          .isEqualTo(stages.redactor().redact(text));
    }
  }

  /**
   * The shipped redact steps followed by the mask rules, guarded by one scan as the fingerprinter
   * has them.
   */
  private record BothStages(
      RuleSet ruleSet,
      Redactor redactor,
      List<GuardedStep> steps,
      long redactBits,
      GuardedRules guarded) {
    static BothStages shipped() {
      RuleSet ruleSet = RuleSet.loadDefault();
      List<GuardedStep> steps = new ArrayList<>(ruleSet.redactSteps());
      long redactBits = (1L << steps.size()) - 1;
      steps.addAll(ruleSet.rules(Rule.Stage.MASK));
      return new BothStages(
          ruleSet, new Redactor(ruleSet), steps, redactBits, new GuardedRules(steps));
    }

    /** The redact stage given the guards and spans of the scan of both stages. */
    String redactAsFingerprinted(String text) {
      TriggerSpan span = new TriggerSpan();
      long guards = guarded.runnable(text, text.toCharArray(), text.length(), span);
      return redactor.redact(text, guards & redactBits, span, null);
    }
  }

  /**
   * The card-number rule is tried only within the stretches of digits, spaces and dashes that hold
   * a long digit run; it removes there what it removes looking at every digit: card numbers of
   * every grouping, at the start and the end of the text, beside other long numbers and glued to
   * punctuation.
   */
  @Test
  void cardNumbersAreFoundWithinDigitStretchesAsInWholeTexts() {
    BothStages stages = BothStages.shipped();
    int cardRule =
        IntStream.range(0, stages.steps().size())
            .filter(
                r -> stages.steps().get(r) instanceof Rule rule && rule.id().equals("card-number"))
            .findFirst()
            .orElseThrow();
    assertThat(stages.guarded().triedInDigitStretches(cardRule)).isTrue();
    List<String> pieces =
        List.of(
            "4111 1111 1111 1111",
            "4111-1111-1111-1111",
            "378282246310005",
            "5555555555554444",
            "6011 1111 1111 1117",
            "blk_-1608999687919862906",
            "12345678901234",
            "10.250.19.102:50010",
            "charge",
            "at");
    String pool = "0123456789 -.:,;=(";
    Random random = new Random(20261209L);
    int changed = 0;
    for (int round = 0; round < 5_000; round++) {
      StringBuilder built = new StringBuilder();
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        built.append(pieces.get(random.nextInt(pieces.size())));
        for (int glue = random.nextInt(3); glue >= 0; glue--) {
          built.append(pool.charAt(random.nextInt(pool.length())));
        }
      }
      String text = built.toString();
      String whole = stages.redactor().redact(text);
      changed += whole.contains("<CARD>") ? 1 : 0;

      assertThat(stages.redactAsFingerprinted(text)).as(text).isEqualTo(whole);
    }
    assertThat(changed).isGreaterThan(1_000);
  }

  /**
   * The redact stage as it runs, behind guards and with the placeholders it wrote blanked for the
   * scan after each change, removes what every step applied in order without guards removes (and
   * then, as redaction does, every other place of what they removed), on random joins of the
   * examples with placeholders of every kind planted among them.
   */
  @Test
  void guardedRedactionAgreesWithEveryStepAppliedInOrder() {
    RuleSet ruleSet = RuleSet.loadDefault();
    Redactor redactor = new Redactor(ruleSet);
    List<Rule> everyStep = new ArrayList<>();
    ruleSet.secrets().detectors().forEach(d -> everyStep.add(d.rule()));
    everyStep.addAll(ruleSet.secrets().contextRules());
    everyStep.addAll(ruleSet.rules(Rule.Stage.REDACT));
    List<String> seeds = exampleSeeds(ruleSet);
    List<String> placeholders =
        everyStep.stream().flatMap(rule -> rule.placeholders().stream()).distinct().toList();
    assertThat(placeholders).contains("<SECRET>", "<CREDENTIALS>", "<EMAIL>");
    String pool = "aAkKsS09_-.:=\"' \t\\{}<>[]\u00e9";
    Random random = new Random(20261208L);
    for (int round = 0; round < 3_000; round++) {
      String text = randomJoin(seeds, placeholders, pool, random);
      String expected = text;
      Findings found = new Findings();
      for (Rule rule : everyStep) {
        expected = rule.apply(expected, null, found);
      }
      expected = expected.equals(text) ? text : found.scrub(expected);

      assertThat(redactor.redact(text, (Findings) null)).as(text).isEqualTo(expected);
    }
  }

  /**
   * A rule runs only where one of its triggers stands, so every text it changes must hold one: on
   * every example, with a space made a tab, a newline or two spaces, or a quote escaped as JSON
   * inside a string escapes it, a rule that changes the text finds one of its triggers there.
   */
  @Test
  void everyTextAShippedRuleChangesHoldsOneOfItsTriggers() {
    RuleSet ruleSet = RuleSet.loadDefault();
    List<Rule> shipped = new ArrayList<>(ruleSet.rules());
    shipped.addAll(ruleSet.secrets().contextRules());
    ruleSet.secrets().detectors().forEach(d -> shipped.add(d.rule()));
    List<String> seeds = exampleSeeds(ruleSet);
    List<String> texts = new ArrayList<>();
    for (String seed : seeds) {
      texts.add(seed);
      for (String space : List.of("\t", "\n", "  ", " \t")) {
        for (int at = seed.indexOf(' '); at >= 0; at = seed.indexOf(' ', at + 1)) {
          texts.add(seed.substring(0, at) + space + seed.substring(at + 1));
        }
      }
      texts.add(seed.replace("\"", "\\\""));
      texts.add(seed.replace("'", "\\'"));
    }
    List<String> untriggered = new ArrayList<>();
    for (Rule rule : shipped) {
      for (String text : texts) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!rule.triggers().isEmpty()
            && rule.triggers().stream().noneMatch(lower::contains)
            && !rule.apply(text).equals(text)) {
          untriggered.add(rule.id() + ": " + text);
        }
      }
    }
    assertThat(untriggered).isEmpty();
  }

  /** Every rule's and detector's example input, a detector's after a word as in a message. */
  private static List<String> exampleSeeds(RuleSet ruleSet) {
    List<String> seeds = new ArrayList<>();
    ruleSet.secrets().detectors().forEach(d -> d.examples().forEach(e -> seeds.add("key " + e)));
    ruleSet.secrets().contextRules().forEach(r -> r.examples().forEach(e -> seeds.add(e.input())));
    ruleSet.rules().forEach(r -> r.examples().forEach(e -> seeds.add(e.input())));
    return seeds;
  }

  /**
   * One to three seeds joined by spaces, up to two of {@code planted} inserted anywhere, then up to
   * three characters of {@code pool}.
   */
  private static String randomJoin(
      List<String> seeds, List<String> planted, String pool, Random random) {
    StringBuilder edited = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
    for (int k = random.nextInt(3); k > 0; k--) {
      edited.insert(0, seeds.get(random.nextInt(seeds.size())) + " ");
    }
    for (int k = planted.isEmpty() ? 0 : random.nextInt(3); k > 0; k--) {
      edited.insert(
          random.nextInt(edited.length() + 1), planted.get(random.nextInt(planted.size())));
    }
    for (int edit = random.nextInt(4); edit > 0; edit--) {
      edited.insert(
          random.nextInt(edited.length() + 1), pool.charAt(random.nextInt(pool.length())));
    }
    return edited.toString();
  }

  private static Rule rule(String id, String regex, String replaceWith, List<String> triggers) {
    return new Rule(
        id,
        id,
        Rule.Stage.REDACT,
        Pattern.compile(regex),
        replaceWith,
        triggers,
        0,
        Rule.Check.NONE,
        List.of());
  }

  private static Rule rule(String id, String regex, List<String> triggers) {
    return new Rule(
        id,
        id,
        Rule.Stage.REDACT,
        Pattern.compile(regex),
        "<X>",
        triggers,
        0,
        Rule.Check.NONE,
        List.of());
  }
}
