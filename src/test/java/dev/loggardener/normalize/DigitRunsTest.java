package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DigitRunsTest {
  static Stream<Arguments> digitRuns() {
    return Stream.of(
        Arguments.of("", 0),
        Arguments.of("no digits at all here", 0),
        Arguments.of("card 4111111111111111 declined", 16),
        Arguments.of("4111 1111 1111 1111", 16),
        Arguments.of("5500-0000-0000-0004", 16),
        Arguments.of("4111  1111 1111 1111", 12),
        Arguments.of("4111 -1111 1111 1111", 12),
        Arguments.of("1234567890123-", 13),
        Arguments.of("-1234567890123", 13),
        Arguments.of("123456789012", 12),
        Arguments.of("blk_-1608999687919862906 and 1234", 19),
        Arguments.of("1 2 3 4 5 6 7 8 9 0 1 2 3", 13),
        Arguments.of("1 2 3 4 5 6 7 8 9 0 1 2 x3", 12),
        Arguments.of("12345678901234567890123456789", 29),
        Arguments.of("١٢٣٤٥٦٧٨٩٠١٢٣٤ Arabic-Indic digits are not ASCII", 0));
  }

  @ParameterizedTest
  @MethodSource("digitRuns")
  void measuresEveryDigitRunOfAtLeastThirteen(String text, int longest) {
    int found = DigitRuns.longest(text.toCharArray(), text.length(), 13);

    if (longest >= 13) {
      assertThat(found).isEqualTo(longest);
    } else {
      assertThat(found).isLessThan(13);
    }
  }

  @Test
  void findsTheSameLongRunsAsACharacterByCharacterCountOnRandomText() {
    Random random = new Random(7);
    String alphabet = "0123456789 -ab:";
    for (int t = 0; t < 20_000; t++) {
      char[] text = new char[random.nextInt(80)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet.charAt(random.nextInt(random.nextBoolean() ? 10 : alphabet.length()));
      }
      int atLeast = 1 + random.nextInt(16);
      int expected = countedOneByOne(text);
      int found = DigitRuns.longest(text, text.length, atLeast);

      if (expected >= atLeast) {
        assertThat(found).as(new String(text)).isEqualTo(expected);
      } else {
        assertThat(found).as(new String(text)).isLessThan(atLeast);
      }
    }
  }

  /** The digit run as the guard is documented: a single space or dash between digits continues. */
  private static int countedOneByOne(char[] text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length; i++) {
      char c = text[i];
      boolean digit = c >= '0' && c <= '9';
      boolean nextDigit = i + 1 < text.length && text[i + 1] >= '0' && text[i + 1] <= '9';
      if (digit) {
        run++;
        longest = Math.max(longest, run);
      } else if (!((c == ' ' || c == '-') && nextDigit)) {
        run = 0;
      }
    }
    return longest;
  }

  @Test
  void recordsWhereTheStretchesHoldingLongRunsLie() {
    String text = "id 12 card 4111 1111 1111 1111, blk_-1608999687919862906 and 1234567";
    TriggerSpan span = new TriggerSpan();

    DigitRuns.longest(text.toCharArray(), text.length(), 13, span);

    // A stretch takes in the spaces and dashes around its digits; "id 12" holds no long run.
    assertThat(span.digitsFrom).isEqualTo(text.indexOf(" 4111"));
    assertThat(span.digitsTo).isEqualTo(text.indexOf("and"));
  }
}
