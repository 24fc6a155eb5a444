package dev.loggardener.beam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.aggregate.IssueAggregate;
import dev.loggardener.aggregate.IssueExample;
import dev.loggardener.logentry.Severity;
import dev.loggardener.logentry.SourceLocation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class IssueAggregateCoderTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123456Z");

  private static final IssueAggregate FULL =
      new IssueAggregate(
          IssueIdentityCoderTest.FULL,
          Severity.ERROR,
          42,
          T0,
          T0.plusSeconds(59),
          List.of(
              new IssueExample("first", T0, "id-1", "projects/p/traces/abc"),
              new IssueExample("second", T0.plusSeconds(1), null, null)),
          List.of("rev-00001", "rev-00002"),
          List.of("instance-a"),
          List.of(
              new SourceLocation("auth/client.py", 88L, "connect"),
              new SourceLocation(null, null, null)),
          Map.of("5xx", 40L, "2xx", 2L),
          List.of("abc"));

  private static final IssueAggregate SPARSE =
      new IssueAggregate(
          IssueIdentityCoderTest.SPARSE,
          Severity.DEFAULT,
          1,
          T0,
          T0,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          Map.of(),
          List.of());

  @Test
  void decodesEveryFieldItEncoded() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(IssueAggregateCoder.of(), FULL);
    CoderProperties.coderDecodeEncodeEqual(IssueAggregateCoder.of(), SPARSE);
  }

  @Test
  void encodesEqualAggregatesToEqualBytesWhateverTheMapOrder() throws Exception {
    IssueAggregate reordered =
        new IssueAggregate(
            FULL.identity(),
            FULL.maxSeverity(),
            FULL.entryCount(),
            FULL.firstSeen(),
            FULL.lastSeen(),
            FULL.examples(),
            FULL.versions(),
            FULL.instances(),
            FULL.sourceLocations(),
            Map.of("2xx", 2L, "5xx", 40L),
            FULL.traceIds());
    Coder<IssueAggregate> coder = IssueAggregateCoder.of();
    assertThat(CoderUtils.encodeToByteArray(coder, reordered))
        .isEqualTo(CoderUtils.encodeToByteArray(coder, FULL));
  }

  @Test
  void isMuchSmallerThanJavaSerialization() throws Exception {
    int compact = CoderUtils.encodeToByteArray(IssueAggregateCoder.of(), FULL).length;
    int serialized =
        CoderUtils.encodeToByteArray(SerializableCoder.of(IssueAggregate.class), FULL).length;
    assertThat(compact).isLessThan(serialized / 2);
  }
}
