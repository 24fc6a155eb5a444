package dev.loggardener.beam;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The committed counters of a finished pipeline: what a stage counted once per element, with no
 * retried bundle counted twice.
 */
final class CommittedCounters {
  private CommittedCounters() {}

  /** Each counter of {@code namespace} by name. */
  static Map<String, Long> in(PipelineResult result, String namespace) {
    Map<String, Long> counters = new HashMap<>();
    for (MetricResult<Long> counter :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(namespace))
                    .build())
            .getCounters()) {
      counters.put(counter.getName().getName(), counter.getCommitted());
    }
    return counters;
  }
}
