package dev.loggardener.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryIdentityTest {
  private static final Instant T = Instant.parse("2026-11-28T10:00:00.123456Z");

  @ParameterizedTest
  @CsvSource({
    "log,ins-1,m-1,log,ins-1,m-2,true",
    "log,ins-1,m-1,log,ins-2,m-1,false",
    "log,,m-1,log,,m-1,true",
    "log,,m-1,log,,m-2,false",
    "log,ins-1,m-1,other,ins-1,m-1,false",
    "log,'',m-1,log,'',m-1,true",
  })
  void identifiesCopiesOfTheSameEntry(
      String log1, String ins1, String msg1, String log2, String ins2, String msg2, boolean same) {
    assertThat(EntryIdentity.of(log1, T, ins1, msg1).equals(EntryIdentity.of(log2, T, ins2, msg2)))
        .isEqualTo(same);
  }

  @Test
  void entriesAtDifferentTimesAreDifferent() {
    assertThat(EntryIdentity.of("log", T, "i", null))
        .isNotEqualTo(EntryIdentity.of("log", T.plusNanos(1000), "i", null));
  }

  @Test
  void refusesAnEntryWithNeitherInsertIdNorMessageId() {
    assertThatThrownBy(() -> EntryIdentity.of("log", T, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
