package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchStartsTest {
  static Stream<Arguments> patterns() {
    return Stream.of(
        Arguments.of("(?<![\\w.+-])[2-6](?:[ -]?\\d){12,18}(?![\\w-]|\\.\\d)", "23456"),
        Arguments.of("\\beyJ[A-Za-z0-9_-]{4,}", "e"),
        Arguments.of("\\d+x", "0123456789"),
        Arguments.of("(?=ab)[a-c_]+", "_abc"),
        Arguments.of("[A-Za-z0-9._%+-]+@", null),
        Arguments.of(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@",
            "%+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_" + "abcdefghijklmnopqrstuvwxyz"),
        Arguments.of("(?i)a[bc]", "Aa"),
        Arguments.of("(?i)\\b(bearer|basic)\\s", "Bb"),
        Arguments.of("a(?i)bc", null),
        Arguments.of("(?i:a)bc", null),
        Arguments.of("ab|cd", "ac"),
        Arguments.of("a?b", "ab"),
        Arguments.of("a*b", "ab"),
        Arguments.of("a{0,2}b", "ab"),
        Arguments.of("(?:x-)?(?:request|trace)id", "rtx"),
        Arguments.of("(?<name>ab)c", "a"),
        Arguments.of("\\.x", "."),
        Arguments.of("\\s*x", "\t\n\u000b\f\r x"),
        Arguments.of("a?", null),
        Arguments.of("(?:ab)?", null),
        Arguments.of("[^a]b", null),
        Arguments.of("[a&&b]", null),
        Arguments.of("[\\w]x", null),
        Arguments.of("[\\]\\\\]x", "\\]"),
        Arguments.of("[a\\-]x", "-a"),
        Arguments.of("[\\!-#]x", null),
        Arguments.of("(?:ab)c", "a"),
        Arguments.of("\\Qab\\E", null),
        Arguments.of("\\Gab", null),
        Arguments.of("(a)\\1", null),
        Arguments.of("\\1", null),
        Arguments.of("\\tx", null),
        Arguments.of(".b", null),
        Arguments.of("-b", "-"));
  }

  @ParameterizedTest
  @MethodSource("patterns")
  void readsTheCharactersEveryMatchStartsWithFromTheRegexText(String regex, String expected) {
    MatchStarts starts = MatchStarts.of(Pattern.compile(regex));
    if (expected == null) {
      assertThat(starts).isNull();
      return;
    }
    StringBuilder actual = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      if (starts.mayStartWith(c)) {
        actual.append(c);
      }
    }
    assertThat(actual).hasToString(expected);
  }

  static Stream<Arguments> lookbehinds() {
    return Stream.of(
        Arguments.of(
            "(?<![\\w.+-])[2-6]",
            "+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"),
        Arguments.of("(?<![\\d])x", "0123456789"),
        Arguments.of("(?<![a-c%])x", "%abc"),
        Arguments.of("(?<![^a])x", ""),
        Arguments.of("(?<![\\s])x", "\t\n\u000b\f\r "),
        Arguments.of("(?<![\\S])x", ""),
        Arguments.of("(?<!ab)x", ""),
        Arguments.of("(?<=a)x", ""),
        Arguments.of("(?<=[a]b)x", ""),
        Arguments.of("(?<![a])b|c", ""),
        Arguments.of("\\bfoo", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"),
        Arguments.of(
            "\\b(?:x-)?id", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"),
        Arguments.of("\\bfoo|bar", ""),
        Arguments.of("\\b[a.]", ""),
        Arguments.of("(?i)(?<![a])b", "Aa"),
        Arguments.of(
            "(?i)(?<![a-z0-9])(?:pass|token)",
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        Arguments.of("x", ""));
  }

  @ParameterizedTest
  @MethodSource("lookbehinds")
  void aLeadingLookbehindOrWordBoundaryGivesTheCharactersAMatchNeverFollows(
      String regex, String expected) {
    MatchStarts starts = MatchStarts.of(Pattern.compile(regex));
    StringBuilder actual = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      if (starts.neverFollows(c)) {
        actual.append(c);
      }
    }
    assertThat(actual).hasToString(expected);
  }

  @Test
  void aMatchMayStartAtTheTextStartAndAfterNonAsciiDespiteTheLookbehind() {
    MatchStarts starts = MatchStarts.of(Pattern.compile("(?<![\\w])a"));
    assertThat(starts.next("ab", 0)).isZero();
    assertThat(starts.next("ba", 0)).as("after a word character").isEqualTo(2);
    assertThat(starts.next("ba a", 1)).as("looks at the character before from").isEqualTo(3);
    assertThat(starts.next(" a", 0)).isEqualTo(1);
    assertThat(starts.next("\u00e9a", 0)).isEqualTo(1);
    assertThat(starts.next(" b", 0)).isEqualTo(2);
  }

  @Test
  void aLeadingPositiveLookbehindLetsAMatchStartOnlyAfterOneOfItsCharacters() {
    MatchStarts starts = MatchStarts.of(Pattern.compile("(?<=[a-z0-9])Token"));
    assertThat(starts.neverFollows('a')).isFalse();
    assertThat(starts.neverFollows('A')).isTrue();
    assertThat(starts.neverFollows(' ')).isTrue();
    assertThat(starts.next("Token", 0)).as("at the text's start").isEqualTo(5);
    assertThat(starts.next(" Token xToken", 0)).isEqualTo(8);
    assertThat(starts.next("\u00e9Token", 0)).as("after a non-ASCII character").isEqualTo(6);
    assertThat(starts.next("\u00e9Token", 1)).as("from after a non-ASCII one").isEqualTo(6);
    assertThat(starts.next("aToken", 1)).as("looks at the character before from").isEqualTo(1);
    MatchStarts folded = MatchStarts.of(Pattern.compile("(?i)(?<=[a-c])x"));
    assertThat(folded.next("dx Bx", 0)).as("either case of a class letter").isEqualTo(4);
    assertThat(folded.next("\u212ax", 1)).as("after a non-ASCII character").isEqualTo(2);
    for (String text : List.of("Token", "xToken", "\u00e9Token", " Token", "9Token")) {
      agreesWithAFullSearch("(?<=[a-z0-9])Token", text);
    }
    for (String text : List.of("bx", "Bx", "x", "\u212ax", "\u0130x", "dx Cx")) {
      agreesWithAFullSearch("(?i)(?<=[a-c])x", text);
    }
  }

  @Test
  void flagsOtherThanCaseInsensitiveGiveNoAnswer() {
    assertThat(MatchStarts.of(Pattern.compile("abc", Pattern.COMMENTS))).isNull();
    MatchStarts starts = MatchStarts.of(Pattern.compile("abc", Pattern.CASE_INSENSITIVE));
    assertThat(starts.mayStartWith('A')).isTrue();
    assertThat(starts.mayStartWith('a')).isTrue();
    assertThat(starts.mayStartWith('b')).isFalse();
    assertThat(starts.mayStartWith('\u212a')).as("any non-ASCII character may fold").isTrue();
  }

  /** Inputs where the rules match, almost match, and match next to each other. */
  private static final List<String> TEXTS =
      List.of(
          "charge 4111 1111 1111 1111 declined",
          "cards 4111111111111111,5500-0000-0000-0004 and 4111-1111-1111-1112",
          "blk_-1608999687919862906 and 24111111111111111 and x4111111111111111",
          "3530111333300000 4111111111111111",
          "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVP rejected eyJab.cd",
          "mail jane.doe+x@example.co.uk, a@b.cc; com.foo.Bar@1a2b3c x@y",
          "key AIzaSyA1234567890abcdefghijklmnopqrstuv and AIzaSyA12",
          "PRIVATE-TOKEN glpat-xxxxxxxxxxxxxxxxxxxx1234 glpat-short",
          "$1 \\ $ replacement characters 4111 1111 1111 1111",
          "");

  @Test
  void searchingOnlyAtMatchStartsGivesWhatAFullSearchGivesForEveryShippedRule() {
    RuleSet ruleSet = RuleSet.loadDefault();
    List<Rule> shipped = new ArrayList<>(ruleSet.rules());
    shipped.addAll(ruleSet.secrets().contextRules());
    List<String> inputs = new ArrayList<>(TEXTS);
    for (SecretCatalog.Detector detector : ruleSet.secrets().detectors()) {
      shipped.add(detector.rule());
      detector.examples().forEach(example -> inputs.add("rejected " + example + " here"));
    }
    for (Rule rule : shipped) {
      rule.examples().forEach(example -> inputs.add(example.input()));
    }
    for (Rule rule : shipped) {
      MatchStarts starts = MatchStarts.of(rule.pattern());
      for (String input : inputs) {
        assertThat(rule.apply(input, starts, null)).as(rule.id()).isEqualTo(rule.apply(input));
      }
    }
  }

  /**
   * A rule whose match starts are not known is searched for with its regex at every position of
   * every message whose guards it passes; the context rules' triggers are common words, and a
   * construct the reading does not know (a back reference, say) would make one of them that.
   */
  @Test
  void everyShippedRuleOfTheStagesHasKnownMatchStarts() {
    RuleSet ruleSet = RuleSet.loadDefault();
    List<Rule> shipped = new ArrayList<>(ruleSet.rules());
    shipped.addAll(ruleSet.secrets().contextRules());
    assertThat(shipped.stream().filter(rule -> MatchStarts.of(rule.pattern()) == null))
        .extracting(Rule::id)
        .isEmpty();
  }

  @Test
  void searchingOnlyAtMatchStartsAgreesWithAFullSearchOnRandomEditsOfTheExamples() {
    List<String> seeds = new ArrayList<>(TEXTS);
    for (Rule rule : RuleSet.loadDefault().rules()) {
      rule.examples().forEach(example -> seeds.add(example.input()));
    }
    agreesWithAFullSearchOnRandomEdits(
        RuleSet.loadDefault().rules(),
        seeds,
        "aAzZ09_-.+@:/=\"' \t\n$\\[](){}|\u00e9\u212a\u0130\ud83d\ude00",
        new Random(20261129L),
        3_000);
  }

  /**
   * The value rule's separators include a quoted bracket ({@code [password] => v}); read as any
   * character, it let every word that begins with a secret-like word through to the regex.
   */
  @Test
  void theSecretValueRuleSkipsSecretLikeWordsInsideLongerWords() {
    Rule value =
        RuleSet.loadDefault().secrets().contextRules().stream()
            .filter(r -> r.id().equals("secret-name-value"))
            .findFirst()
            .orElseThrow();
    MatchStarts starts = MatchStarts.of(value.pattern());
    String text = "pam_unix(sshd:auth): authentication failure; passwords tokenizer keys";
    assertThat(starts.next(text, 0)).isEqualTo(text.length());
    assertThat(starts.next("[password] => x", 0)).isEqualTo(1);
  }

  @Test
  void theCardRuleHasKnownMatchStartsAndStillRedactsACard() {
    Rule card =
        RuleSet.loadDefault().rules().stream()
            .filter(r -> r.id().equals("card-number"))
            .findFirst()
            .orElseThrow();
    MatchStarts starts = MatchStarts.of(card.pattern());
    assertThat(starts).isNotNull();
    assertThat(card.apply("pay 4111 1111 1111 1111 now", starts, null)).isEqualTo("pay <CARD> now");
  }

  static Stream<Arguments> followingDigitRegexes() {
    return Stream.of(
        Arguments.of("(?<![\\w.+-])[2-6](?:[ -]?\\d){12,18}(?![\\w-]|\\.\\d)", 12),
        Arguments.of("[1-9](?:[ ]?\\d){3}", 3),
        Arguments.of("[\\d](?:[-/]?\\d){2,}x", 2),
        Arguments.of("[2-6](?:[ -]?\\d){12,18}|foo", 0),
        Arguments.of("[2-6](?:[a-c]?\\d){12}", 0),
        Arguments.of("[2-6](?:[^ ]?\\d){12}", 0),
        Arguments.of("[2-6]+(?:[ ]?\\d){12}", 0),
        Arguments.of("(?i)[a-f](?:[ x]?\\d){4}", 0),
        Arguments.of("[2-6](?:[ -]?\\w){12}", 0),
        Arguments.of("4(?:[ -]?\\d){12}", 0));
  }

  @ParameterizedTest
  @MethodSource("followingDigitRegexes")
  void readsHowManyDigitsFollowAMatchesFirstCharacterOnlyFromAPlainSeparatorDigitGroup(
      String regex, int expected) {
    MatchStarts starts = MatchStarts.of(Pattern.compile(regex));
    assertThat(starts).isNotNull();
    assertThat(starts.followingDigits()).isEqualTo(expected);
  }

  /**
   * A match starts inside a long enough digit stretch only when it begins with a digit that enough
   * more follow, separated by nothing but single spaces or dashes.
   */
  @Test
  void startsInADigitRunOnlyWhenItsDigitsAndSeparatorsSaySo() {
    MatchStarts card =
        MatchStarts.of(Pattern.compile("(?<![\\w.+-])[2-6](?:[ -]?\\d){12,18}(?![\\w-]|\\.\\d)"));
    assertThat(card.startsInDigitRunOf(13)).isTrue();
    assertThat(card.startsInDigitRunOf(14)).as("fewer digits than the run asked for").isFalse();
    assertThat(MatchStarts.of(Pattern.compile("[\\d](?:[-/]?\\d){12,}x")).startsInDigitRunOf(13))
        .as("a slash between digits ends a stretch")
        .isFalse();
    assertThat(MatchStarts.of(Pattern.compile("(?i)[a-f](?:[ x]?\\d){12}")).startsInDigitRunOf(13))
        .as("a letter first")
        .isFalse();
    assertThat(MatchStarts.of(Pattern.compile("[1-9](?:[ ]?\\d){3}")).startsInDigitRunOf(13))
        .isFalse();
  }

  static Stream<Arguments> digitRunCandidates() {
    return Stream.of(
        Arguments.of("4 1234", 0),
        Arguments.of("4 12", 4),
        Arguments.of("41-2-3 4", 0),
        Arguments.of("4--123", 6),
        Arguments.of("4  1234", 7),
        Arguments.of("412-", 4),
        Arguments.of("412", 3),
        Arguments.of("x 412 x 51234", 8),
        Arguments.of("4\u00e9123 5123\u00e94", 3));
  }

  @ParameterizedTest
  @MethodSource("digitRunCandidates")
  void skipsAFirstCharacterNotFollowedByEnoughDigitsEachAfterAtMostOneSeparator(
      String text, int expected) {
    MatchStarts starts = MatchStarts.of(Pattern.compile("[2-6](?:[ -]?\\d){3}"));
    assertThat(starts.next(text, 0)).isEqualTo(expected);
  }

  static Stream<Arguments> prefixFilters() {
    return Stream.of(
        Arguments.of("(?i)(?<![A-Za-z0-9])(?:password|pwd|api[_ -]?key)=", "xx pwd=", 3),
        Arguments.of("(?i)(?<![A-Za-z0-9])(?:password|pwd|api[_ -]?key)=", "PWD= Api Key=", 0),
        Arguments.of("(?i)(?<![A-Za-z0-9])(?:password|pwd|api[_ -]?key)=", "pat pa api-key=", 7),
        Arguments.of("(?i)(?<![A-Za-z0-9])(?:password|pwd|api[_ -]?key)=", "apex appl ap", 12),
        Arguments.of("(?:session|sig)[:=]", "sig= set sessio", 0),
        Arguments.of("(?:session|sig)[:=]", "sign set sessio", 15),
        Arguments.of("(?:session|sig)[:=]", "Session set", 11),
        Arguments.of("ab?c+d", "acd abd", 0),
        Arguments.of("ab?c+d", "abd", 3),
        Arguments.of("x(?=y)yz", "xyz", 0),
        Arguments.of("ab[0-9]", "abx ab1", 4),
        Arguments.of("p\u00e4ss", "p\u00e4ss", 0));
  }

  /**
   * A regex whose matches begin with one of a few three-character strings is tried only where one
   * of them stands: the words it cannot begin with are skipped, case-insensitively when the regex
   * is, and a regex that can match fewer than three characters, or begins with non-ASCII ones,
   * keeps the first-character reading alone.
   */
  @ParameterizedTest
  @MethodSource("prefixFilters")
  void triesARegexOnlyWhereOneOfTheThreeCharacterBeginningsOfItsMatchesStands(
      String regex, String text, int expected) {
    MatchStarts starts = MatchStarts.of(Pattern.compile(regex));
    assertThat(starts.next(text, 0)).isEqualTo(expected);
  }

  static Stream<Arguments> leadWords() {
    String secretWords =
        "(?i)(?<![A-Za-z0-9])((?:pass|password|passwd|api[_ -]?key|sig)(?:\\\\?[\"']?\\s*[:=]|\\s+(?=[\"'])))";
    return Stream.of(
        // A word must stand whole, and be followed by what the rest may begin with.
        Arguments.of(secretWords, "passed password: x", 7),
        Arguments.of(secretWords, "passwords password= x", 10),
        Arguments.of(secretWords, "PASSWORD \"x\"", 0),
        Arguments.of(secretWords, "api key2 api_Key=1", 9),
        Arguments.of(secretWords, "api-key 'x'", 0),
        Arguments.of(secretWords, "signature sig:", 10),
        Arguments.of(secretWords, "pass\t\"", 0),
        Arguments.of(secretWords, "pass", 4),
        Arguments.of(secretWords, "pass\u00e9=", 6),
        // A quoted bracket in a class is that bracket, not any character: a word followed by a
        // letter is still skipped.
        Arguments.of(
            "(?i)((?:auth|authorization)\\\\?[\"'\\]]?\\s*(?:=>|[:=]))",
            "authentication auth]=",
            15),
        // Several words through groups, optional items and classes; case-sensitive stays so.
        Arguments.of("(?<=[a-z0-9])((?:Token|ApiKey)\\\\?[\"']?\\s*[:=])", "token= xToken =", 8),
        Arguments.of("(?<=[a-z0-9])((?:Token|ApiKey)\\\\?[\"']?\\s*[:=])", "aToken\\\"=", 1),
        // The rest may be empty: a word at the end of the text may be a match.
        Arguments.of("(?:abc|abcd)x?", "ab abc", 3),
        Arguments.of("(?:abc|abcd)(?:x*)", "zabcd", 1),
        // The group's own rest is empty, so what follows the group follows the word.
        Arguments.of("((?:abc|abcd)x*)=", "abc abcx=", 4),
        Arguments.of("((?:abc|abcd)x*)=", "abcd= abc", 0));
  }

  /**
   * A regex that starts with a finite set of words is tried only where one of them stands, followed
   * by a character its rest may begin with: a secret-like word inside a longer word, or followed by
   * a letter, is skipped.
   */
  @ParameterizedTest
  @MethodSource("leadWords")
  void triesARegexOnlyWhereOneOfItsLeadingWordsStandsBeforeWhatMayFollowIt(
      String regex, String text, int expected) {
    MatchStarts starts = MatchStarts.of(Pattern.compile(regex));
    assertThat(starts.hasLeadWords()).isTrue();
    assertThat(starts.next(text, 0)).isEqualTo(expected);
    agreesWithAFullSearch(regex, text);
  }

  /**
   * A regex whose every leading word holds a trigger begins at most that far before the first
   * trigger; the words of a case-sensitive regex are compared lower-cased, as the guards compare.
   */
  @Test
  void tellsHowFarIntoAMatchATriggerBeginsWhenEveryLeadingWordHoldsOne() {
    MatchStarts words =
        MatchStarts.of(
            Pattern.compile("(?i)(?<![a-z])(?:key|api[_ -]?key|shared access key|token)=\\S+"));

    assertThat(words.triggerReach(List.of("key", "token"))).isEqualTo(14);
    assertThat(words.triggerReach(List.of("key", "tok", "shared"))).isEqualTo(4);
    assertThat(words.triggerReach(List.of("key"))).as("token holds no trigger").isEqualTo(-1);
    assertThat(
            MatchStarts.of(Pattern.compile("(?<=[a-z0-9])(?:Token|ApiKey)="))
                .triggerReach(List.of("key", "token")))
        .isEqualTo(3);
    assertThat(
            MatchStarts.of(Pattern.compile("[2-6](?:[ -]?\\d){12,18}"))
                .triggerReach(List.of("key")))
        .as("no leading words")
        .isEqualTo(-1);
  }

  @Test
  void keepsNoLeadWordsForAlternationsLoopsShortWordsOrTooManyOfThem() {
    assertThat(hasLeadWords("abcd=|xyzw=")).isFalse();
    assertThat(hasLeadWords("(?:abcd)+=")).isFalse();
    assertThat(hasLeadWords("(?:abcd)=|x")).isFalse();
    assertThat(hasLeadWords("[2-6](?:[ -]?\\d){12}")).isFalse();
    assertThat(hasLeadWords("ab\\w{20}")).isFalse();
    assertThat(hasLeadWords("[a-z][a-z][a-z][a-z][0-9]x")).isFalse();
    assertThat(hasLeadWords("\\bghp_[A-Za-z0-9]{36}")).isTrue();
    assertThat(hasLeadWords("(?i)(?<![a-z])(?:ab|cd)x+")).isFalse();
    assertThat(hasLeadWords("(?i)(?<![a-z])(?:abc|cd)(?:ef)?x")).isTrue();
  }

  private static boolean hasLeadWords(String regex) {
    MatchStarts starts = MatchStarts.of(Pattern.compile(regex));
    return starts != null && starts.hasLeadWords();
  }

  /**
   * Random texts built from the leading words of regexes of the shapes the context rules have
   * (words that are prefixes of each other, optional separators, quotes, escapes, a rest that may
   * be empty), with and without the case-insensitive flag: the filtered search finds exactly what a
   * full search finds.
   */
  @Test
  void leadWordsAgreeWithAFullSearchOnRandomTextsOfTheirWords() {
    List<String> regexes =
        List.of(
            "(?i)(?<![A-Za-z0-9])((?:pass|password|passwd|pwd|api[_ -]?key|session[_ -]?token"
                + "|session|sig|signature)(?:\\\\?[\"']?\\s*[:=]\\s*\\\\?|(?:\\s+(?:is|was))+\\s*[:=]\\s*"
                + "|(?:\\s+(?:is|was))*\\s+(?=[\"'])))([^\\s,;]+)",
            "(?i)(?<![A-Za-z0-9])((?:session|token|api[_ -]?key)(?:\\s+(?:is|of))*\\s+)([A-Za-z0-9]{4,})",
            "(?<=[a-z0-9])((?:Password|Pwd|Token|ApiKey|Credentials?)\\\\?[\"']?\\s*[:=]\\s*\\\\?)(\\S+)",
            "((?:ab|abc)(?:de)?x*)(?:=|$)",
            "(?i)(?<=[a-k_])(?:key|token|pass)s?[:=]",
            "(?:key|keys)(?:[-_.]id)?");
    String pool =
        "pass|word|wd|pwd|api|key| |_|-|session|token|sig|nature|is|was|of|Pass|PASS"
            + "|Password|Token|ApiKey|Credential|s|=|:|\"|'|\\|\t|\u00e9|\u212a|x|ab|c|de|.|id|1";
    String[] pieces = pool.split("\\|", -1);
    Random random = new Random(20261206L);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(12); k >= 0; k--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      for (String regex : regexes) {
        agreesWithAFullSearch(regex, text.toString());
      }
    }
  }

  private static void agreesWithAFullSearch(String regex, String text) {
    Rule rule =
        new Rule(
            "lead",
            "",
            Rule.Stage.REDACT,
            Pattern.compile(regex),
            "<$0>",
            List.of(),
            0,
            Rule.Check.NONE,
            List.of());
    MatchStarts starts = MatchStarts.of(rule.pattern());
    assertThat(starts).as(regex).isNotNull();
    assertThat(rule.apply(text, starts, null))
        .as("%s on %s", regex, text)
        .isEqualTo(rule.apply(text));
  }

  @Test
  void keepsNoPrefixFilterForShortMatchesNonAsciiBeginningsOrTooManyOfThem() {
    assertThat(MatchStarts.of(Pattern.compile("ab|abcd")).hasPrefixFilter()).isFalse();
    assertThat(MatchStarts.of(Pattern.compile("ab|\u00e4bc")).hasPrefixFilter()).isFalse();
    assertThat(MatchStarts.of(Pattern.compile("[a-c][a-z0-9]{5}")).hasPrefixFilter()).isFalse();
    assertThat(MatchStarts.of(Pattern.compile("abc|abd")).hasPrefixFilter()).isTrue();
    assertThat(MatchStarts.of(Pattern.compile("ab[c-e]x+")).hasPrefixFilter()).isTrue();
  }

  @Test
  void theContextRulesAndDetectorsAgreeWithAFullSearchOnRandomEditsOfTheirExamples() {
    RuleSet ruleSet = RuleSet.loadDefault();
    List<Rule> rules = new ArrayList<>(ruleSet.secrets().contextRules());
    List<String> seeds = new ArrayList<>(TEXTS);
    for (SecretCatalog.Detector detector : ruleSet.secrets().detectors()) {
      rules.add(detector.rule());
      detector.examples().forEach(example -> seeds.add("rejected " + example + " here"));
    }
    rules.forEach(rule -> rule.examples().forEach(example -> seeds.add(example.input())));
    agreesWithAFullSearchOnRandomEdits(
        rules,
        seeds,
        "aAkKpPsStT09_-.:=\"' \t\n\\{}\u00e9\u212a\u017f",
        new Random(20261206L),
        1_500);
  }

  /**
   * Applies every rule with and without its match starts to {@code rounds} random edits of the
   * seeds (one or two seeds, up to three characters of {@code pool} inserted or replaced).
   */
  private static void agreesWithAFullSearchOnRandomEdits(
      List<Rule> rules, List<String> seeds, String pool, Random random, int rounds) {
    List<MatchStarts> starts = rules.stream().map(r -> MatchStarts.of(r.pattern())).toList();
    for (int round = 0; round < rounds; round++) {
      StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      if (random.nextBoolean()) {
        text.append(' ').append(seeds.get(random.nextInt(seeds.size())));
      }
      for (int edit = random.nextInt(4); edit > 0 && text.length() > 0; edit--) {
        int at = random.nextInt(text.length() + 1);
        char c = pool.charAt(random.nextInt(pool.length()));
        if (random.nextBoolean() || at == text.length()) {
          text.insert(at, c);
        } else {
          text.setCharAt(at, c);
        }
      }
      String input = text.toString();
      for (int i = 0; i < rules.size(); i++) {
        assertThat(rules.get(i).apply(input, starts.get(i), null))
            .as("%s on %s", rules.get(i).id(), input)
            .isEqualTo(rules.get(i).apply(input));
      }
    }
  }
}
