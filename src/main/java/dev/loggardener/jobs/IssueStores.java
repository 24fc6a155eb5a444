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

  /** Opens the store for reading. */
  public static IssueWindowSource open(String store) throws Exception {
    if (store.startsWith(BIGQUERY)) {
      return BigQueryIssueWindowSource.open(store.substring(BIGQUERY.length()));
    }
    return DuckDbIssueWindowSource.open(Paths.get(store));
  }

  /** The project name a store stands for: the GCP project, or the file name without extension. */
  public static String projectOf(String store) {
    if (store.startsWith(BIGQUERY)) {
      String dataset = store.substring(BIGQUERY.length());
      int dot = dataset.indexOf('.');
      return dot < 0 ? dataset : dataset.substring(0, dot);
    }
    String file = Paths.get(store).getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot <= 0 ? file : file.substring(0, dot);
  }
}
