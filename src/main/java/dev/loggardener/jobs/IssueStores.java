package dev.loggardener.jobs;

import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.worklog.IssueWindowSource;
import java.nio.file.Paths;

/**
 * Resolves a store location as the worklog takes it: {@code bigquery:PROJECT.DATASET} or the path
 * of a local DuckDB file.
 */
public final class IssueStores {
  /** Prefix of a BigQuery store location. */
  public static final String BIGQUERY = "bigquery:";

  private IssueStores() {}

  /**
   * Opens the store for reading.
   *
   * @param project the only project whose rows are read, or null for every project
   */
  public static IssueWindowSource open(String store, String project) throws Exception {
    if (store.startsWith(BIGQUERY)) {
      return BigQueryIssueWindowSource.open(store.substring(BIGQUERY.length()), project);
    }
    return DuckDbIssueWindowSource.open(Paths.get(store), project);
  }
}
