package dev.loggardener.beam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.aggregate.EntryDigest;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class EntryDigestCoderTest {
  @Test
  public void roundTripsInSixteenDeterministicBytes() throws Exception {
    for (EntryDigest digest :
        new EntryDigest[] {
          EntryDigest.of("log\u001f2026-11-28T10:00:00Z\u001fi:abc"),
          new EntryDigest(Long.MIN_VALUE, -1L),
          new EntryDigest(0, 0)
        }) {
      CoderProperties.coderDecodeEncodeEqual(EntryDigestCoder.of(), digest);
      CoderProperties.coderDeterministic(EntryDigestCoder.of(), digest, digest);
      assertThat(CoderUtils.encodeToByteArray(EntryDigestCoder.of(), digest)).hasSize(16);
    }
  }
}
