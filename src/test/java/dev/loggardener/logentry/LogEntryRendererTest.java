package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogEntryRendererTest {
  private final LogEntryRenderer renderer = new LogEntryRenderer();

  @Test
  void rendersFieldsInAFixedOrderAndLeavesOutAbsentOnes() {
    LogEntry entry =
        new LogEntry(
            Instant.parse("2024-01-02T03:04:05.5Z"),
            TimestampSource.RECEIVE_TIMESTAMP,
            null,
            "id-1",
            null,
            null,
            Severity.ERROR,
            true,
            new ServiceIdentity("shop-prod", "k8s_container", "ns/app", null, "pod-1", null),
            Map.of("z", "1", "a", "2"),
            null,
            null,
            null,
            new HttpRequest("GET", "/x", 500, 1.5),
            null,
            "boom \"quoted\" <tag>",
            new StackTrace("go", "panic", "x", List.of(new StackFrame("main", "f", "m.go", 3L))),
            new Split("u", 1, 2));

    assertThat(renderer.render(entry))
        .isEqualTo(
            "{\"timestamp\":\"2024-01-02T03:04:05.500Z\",\"timestampSource\":\"RECEIVE_TIMESTAMP\","
                + "\"insertId\":\"id-1\",\"severity\":\"ERROR\",\"severityInferred\":true,"
                + "\"service\":{\"projectId\":\"shop-prod\",\"resourceType\":\"k8s_container\",\"service\":\"ns/app\","
                + "\"instance\":\"pod-1\"},\"labels\":{\"a\":\"2\",\"z\":\"1\"},"
                + "\"httpRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"status\":500,"
                + "\"latencyMillis\":1.5},\"message\":\"boom \\\"quoted\\\" <tag>\","
                + "\"stackTrace\":{\"language\":\"go\",\"exceptionType\":\"panic\","
                + "\"exceptionMessage\":\"x\",\"frames\":[{\"module\":\"main\",\"function\":\"f\","
                + "\"file\":\"m.go\",\"line\":3}]},\"split\":{\"uid\":\"u\",\"index\":1,"
                + "\"totalSplits\":2}}");
  }

  @Test
  void rendersARejectionWithItsReasonCode() {
    assertThat(renderer.render(new ParseResult.Rejected(RejectReason.TOO_DEEP, "at $.a")))
        .isEqualTo("{\"rejected\":\"too_deep\",\"detail\":\"at $.a\"}");
  }
}
