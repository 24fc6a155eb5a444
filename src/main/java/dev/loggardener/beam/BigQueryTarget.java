package dev.loggardener.beam;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;

/**
 * Where and how to write one BigQuery table.
 *
 * @param tableSpec {@code project:dataset.table}
 * @param method {@code STORAGE_WRITE_API} (exactly once), {@code STORAGE_API_AT_LEAST_ONCE} or
 *     {@code STREAMING_INSERTS}
 * @param testServices fake BigQuery services for tests, or null for the real service
 */
public record BigQueryTarget(String tableSpec, Method method, BigQueryServices testServices)
    implements Serializable {
  public BigQueryTarget {
    Objects.requireNonNull(tableSpec, "tableSpec");
    Objects.requireNonNull(method, "method");
    if (method != Method.STORAGE_WRITE_API
        && method != Method.STORAGE_API_AT_LEAST_ONCE
        && method != Method.STREAMING_INSERTS) {
      throw new IllegalArgumentException("unsupported BigQuery write method " + method);
    }
  }
}
