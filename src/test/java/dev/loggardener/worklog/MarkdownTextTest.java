package dev.loggardener.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownTextTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '¦',
      value = {
        "plain words 1.2s - ok ¦ plain words 1.2s - ok",
        "<script>alert(1)</script> ¦ &lt;script&gt;alert(1)&lt;/script&gt;",
        "[click](https://evil.test) ¦ \\[click\\](https://evil.test)",
        "![img](x) ¦ \\!\\[img\\](x)",
        "## heading ¦ \\#\\# heading",
        "a | b ¦ a \\| b",
        "**bold** _it_ ~~s~~ ¦ \\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~",
        "`code` ¦ \\`code\\`",
        "a & b ¦ a &amp; b",
        "back\\slash ¦ back\\\\slash"
      })
  void escapesInlineText(String raw, String expected) {
    assertThat(MarkdownText.text(raw)).isEqualTo(expected);
  }

  @Test
  void turnsLineBreaksAndControlsIntoOneLine() {
    assertThat(MarkdownText.text("one\r\ntwo\nthree\tfour\u0007"))
        .isEqualTo("one two three four\uFFFD");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '¦',
      value = {
        "plain ¦ `plain`",
        "has ` one ¦ ``has ` one``",
        "has `` two ¦ ```has `` two```",
        "`starts ¦ `` `starts ``"
      })
  void fencesInlineCodeLongerThanAnyBacktickRun(String raw, String expected) {
    assertThat(MarkdownText.code(raw)).isEqualTo(expected);
  }

  @Test
  void keepsInlineCodeOnOneLine() {
    assertThat(MarkdownText.code("line\nbreak")).isEqualTo("`line break`");
  }

  @Test
  void fencesCodeBlocksLongerThanAnyBacktickRunInside() {
    String block = MarkdownText.codeBlock(List.of("before\n```\n# not a heading\n`````", "x"));

    assertThat(block).isEqualTo("``````\nbefore\n```\n# not a heading\n`````\nx\n``````\n");
  }

  @Test
  void usesThreeBackticksForOrdinaryCodeBlocks() {
    assertThat(MarkdownText.codeBlock(List.of("Auth unreachable after 0.51s")))
        .isEqualTo("```\nAuth unreachable after 0.51s\n```\n");
  }
}
