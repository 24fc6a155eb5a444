package dev.loggardener.beam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loggardener.aggregate.IssueIdentity;
import dev.loggardener.aggregate.IssueObservation;
import dev.loggardener.aggregate.Observations;
import dev.loggardener.logentry.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** The one identity record survives every coder that carries it, field for field. */
class IssueIdentityCoderTest {
  static final IssueIdentity FULL =
      new IssueIdentity(
          "f".repeat(64),
          "netra-staging",
          "cloud_run_revision",
          "netra-backend",
          "auth.client",
          "java.net.SocketTimeoutException",
          "Auth unreachable after <DURATION> – ünïcode 🌱",
          "2026.11.29-1+n2");

  static final IssueIdentity SPARSE =
      new IssueIdentity("a", null, "global", "", null, null, "t", "v");

  @Test
  void decodesEveryFieldItEncoded() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(IssueIdentityCoder.of(), FULL);
    CoderProperties.coderDecodeEncodeEqual(IssueIdentityCoder.of(), SPARSE);
    CoderProperties.coderDeterministic(IssueIdentityCoder.of(), FULL, FULL);
  }

  @Test
  void keepsTheProjectApartFromNoProject() throws Exception {
    IssueIdentity noProject =
        new IssueIdentity(
            FULL.fingerprint(),
            null,
            FULL.resourceType(),
            FULL.service(),
            FULL.logger(),
            FULL.exceptionType(),
            FULL.template(),
            FULL.ruleSetVersion());

    assertThat(CoderUtils.clone(IssueIdentityCoder.of(), noProject).projectId()).isNull();
    assertThat(CoderUtils.encodeToByteArray(IssueIdentityCoder.of(), noProject))
        .isNotEqualTo(CoderUtils.encodeToByteArray(IssueIdentityCoder.of(), FULL));
  }

  @Test
  void travelsWholeInsideObservationsAndAggregates() throws Exception {
    IssueObservation observation =
        new IssueObservation(
            FULL,
            Severity.ERROR,
            Instant.parse("2026-11-28T10:00:00Z"),
            "m",
            null,
            null,
            null,
            null,
            null,
            null);

    assertThat(CoderUtils.clone(IssueObservationCoder.of(), observation).identity())
        .isEqualTo(FULL);
    IssueObservation sample =
        Observations.of("a".repeat(64), "m", Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(CoderUtils.clone(IssueObservationCoder.of(), sample).identity())
        .isEqualTo(sample.identity());
  }

  @Test
  void refusesATruncatedIdentity() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(IssueIdentityCoder.of(), FULL);
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);

    assertThatThrownBy(() -> IssueIdentityCoder.of().decode(new ByteArrayInputStream(truncated)))
        .isInstanceOfAny(CoderException.class, IOException.class);
  }
}
