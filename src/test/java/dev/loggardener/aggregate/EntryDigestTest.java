package dev.loggardener.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntryDigestTest {
  @Test
  public void isTheMd5OfTheIdentitysUtf8Bytes() {
    // RFC 1321's test vectors: the digest must not change between JVMs or releases, since a
    // running job's deduplication state outlives them.
    assertThat(EntryDigest.of(""))
        .isEqualTo(new EntryDigest(0xd41d8cd98f00b204L, 0xe9800998ecf8427eL));
    assertThat(EntryDigest.of("abc"))
        .isEqualTo(new EntryDigest(0x900150983cd24fb0L, 0xd6963f7d28e17f72L));
  }

  @Test
  public void digestsEqualIdentitiesEquallyAndKeepNearIdentitiesApart() {
    Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
    Set<EntryDigest> digests = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      String identity =
          EntryIdentity.of(
              "projects/p/logs/stdout", t0.plusNanos(i % 1_000), "id-" + i / 1_000, null);
      digests.add(EntryDigest.of(identity));
      assertThat(EntryDigest.of(identity)).isEqualTo(EntryDigest.of(new String(identity)));
    }
    assertThat(digests).hasSize(200_000);
  }

  @Test
  public void digestsIdentitiesBeyondAscii() {
    assertThat(EntryDigest.of("projects/p/logs/ü\u001fi:1"))
        .isNotEqualTo(EntryDigest.of("projects/p/logs/u\u001fi:1"));
  }
}
