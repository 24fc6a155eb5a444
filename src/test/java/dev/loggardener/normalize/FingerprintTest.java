package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FingerprintTest {
  private static final String VALID = "0123456789abcdef".repeat(4);

  static Stream<String> invalidIds() {
    return Stream.of(
        "",
        "0123456789abcdef",
        VALID + "0",
        VALID.substring(1),
        VALID.toUpperCase(java.util.Locale.ROOT),
        VALID.substring(0, 63) + "g",
        VALID.substring(0, 63) + "/",
        VALID.substring(0, 63) + ":",
        VALID.substring(0, 63) + "`",
        "é" + VALID.substring(1),
        " " + VALID.substring(1));
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void rejectsAnIdThatIsNotSixtyFourLowerCaseHexDigits(String id) {
    assertThatThrownBy(() -> new Fingerprint(id, "t", "m", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 lower-case hex digits");
  }

  @Test
  void acceptsTheSameIdStringAgainAndAnEqualCopyOfIt() {
    assertThat(new Fingerprint(VALID, "t", "m", "v").id()).isEqualTo(VALID);
    assertThat(new Fingerprint(VALID, "t", "m", "v").id()).isEqualTo(VALID);
    assertThat(new Fingerprint(new String(VALID.toCharArray()), "t", "m", "v").id())
        .isEqualTo(VALID);
  }

  @Test
  void rejectsAnInvalidIdWhoseHashMatchesAnIdAcceptedBefore() {
    new Fingerprint(VALID, "t", "m", "v");
    String invalid = invalidWithTheHashOf(VALID);

    assertThatThrownBy(() -> new Fingerprint(invalid, "t", "m", "v"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A 64-character non-hex string with the same {@link String#hashCode} as {@code id}. */
  private static String invalidWithTheHashOf(String id) {
    // Raising one character by 1 and lowering the next by 31 keeps 31 * a + b, hence the hash.
    String twin =
        (char) (id.charAt(0) + 1) + String.valueOf((char) (id.charAt(1) - 31)) + id.substring(2);
    assertThat(twin).hasSize(64).isNotEqualTo(id);
    assertThat(twin.hashCode()).isEqualTo(id.hashCode());
    return twin;
  }

  @Test
  void rejectsMissingFields() {
    assertThatThrownBy(() -> new Fingerprint(null, "t", "m", "v"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Fingerprint(VALID, null, "m", "v"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Fingerprint(VALID, "t", null, "v"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Fingerprint(VALID, "t", "m", null))
        .isInstanceOf(NullPointerException.class);
  }
}
