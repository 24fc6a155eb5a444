package dev.loggardener.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

  @Test
  void writesTheTimeExactlyAsInstantToStringDoes() {
    SplittableRandom random = new SplittableRandom(20261206L);
    List<Instant> times =
        new ArrayList<>(
            List.of(
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.EPOCH,
                Instant.ofEpochSecond(-1, 1),
                Instant.MIN,
                Instant.MAX));
    long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long end = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
    int[] nanoSteps = {1_000_000_000, 1_000_000, 1_000, 1};
    for (int i = 0; i < 200_000; i++) {
      int step = nanoSteps[random.nextInt(nanoSteps.length)];
      int nanos = step == 1_000_000_000 ? 0 : random.nextInt(1_000_000_000 / step) * step;
      times.add(Instant.ofEpochSecond(random.nextLong(first - 86_400, end + 86_400), nanos));
    }
    for (Instant time : times) {
      StringBuilder written = new StringBuilder();
      EntryIdentity.appendInstant(time, written);
      assertThat(written.toString()).isEqualTo(time.toString());
    }
  }
}
