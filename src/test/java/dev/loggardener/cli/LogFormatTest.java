package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogFormatTest {

  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of(
            "<Date> <Time> <Level> <Component>: <Content>",
            "17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls to: yarn,curi",
            "Changing view acls to: yarn,curi"),
        Arguments.of(
            "<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>",
            "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown",
            "check pass; user unknown"),
        Arguments.of(
            "<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>",
            "Jun 15 04:06:18 combo su: session opened for user cyrus",
            "session opened for user cyrus"),
        Arguments.of(
            "<Date> <Time> <Level> <Component>: <Content>",
            "  17/06/09   20:10:40 INFO x: padded  ",
            "padded"));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void extractsTheContentField(String format, String line, String content) {
    assertThat(LogFormat.parse(format).content(line)).contains(content);
  }

  @ParameterizedTest
  @MethodSource("lines")
  void lineThatDoesNotMatchHasNoContent(String format, String line, String content) {
    assertThat(LogFormat.parse(format).content("nothing like it")).isEmpty();
  }

  static Stream<Arguments> badFormats() {
    return Stream.of(
        Arguments.of("<Date> <Time>", "no <Content> field"),
        Arguments.of("<Content> <Content>", "appears twice"),
        Arguments.of("<Date> ( <Content>", "not a valid pattern"));
  }

  @ParameterizedTest
  @MethodSource("badFormats")
  void rejectsUnusableFormats(String format, String message) {
    assertThatThrownBy(() -> LogFormat.parse(format))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
