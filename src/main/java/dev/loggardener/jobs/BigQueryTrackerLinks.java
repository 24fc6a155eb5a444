package dev.loggardener.jobs;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.bigquery.Bigquery;
import com.google.api.services.bigquery.BigqueryScopes;
import com.google.api.services.bigquery.model.DatasetReference;
import com.google.api.services.bigquery.model.QueryParameter;
import com.google.api.services.bigquery.model.QueryParameterType;
import com.google.api.services.bigquery.model.QueryParameterValue;
import com.google.api.services.bigquery.model.QueryRequest;
import com.google.api.services.bigquery.model.QueryResponse;
import com.google.api.services.bigquery.model.TableDataInsertAllRequest;
import com.google.api.services.bigquery.model.TableDataInsertAllResponse;
import com.google.api.services.bigquery.model.TableRow;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import dev.loggardener.tracker.TrackerLink;
import dev.loggardener.tracker.TrackerLinks;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tracker_links} table of the BigQuery issue dataset (schema {@code
 * deploy/bigquery/tracker_links.json}, created by Terraform), read with a query and appended to
 * with streaming inserts whose insert ids make a retried append write each row once.
 */
public final class BigQueryTrackerLinks implements TrackerLinks {
  private static final long TIMEOUT_MS = 60_000;

  /** The current link per fingerprint, as analysts would query it. */
  static final String LATEST =
      """
      SELECT fingerprint, repository, issue_number, issue_url, state, action,
             period_start, period_end, updated_at
      FROM tracker_links
      WHERE repository = @repository
      QUALIFY ROW_NUMBER() OVER (
        PARTITION BY fingerprint ORDER BY updated_at DESC, issue_number DESC) = 1""";

  private final Bigquery client;
  private final String project;
  private final String dataset;

  private BigQueryTrackerLinks(Bigquery client, String project, String dataset) {
    this.client = client;
    this.project = project;
    this.dataset = dataset;
  }

  /** Connects to {@code PROJECT.DATASET} with application default credentials. */
  public static BigQueryTrackerLinks open(String projectDotDataset) throws IOException {
    int dot = projectDotDataset.indexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("needs PROJECT.DATASET, got '" + projectDotDataset + "'");
    }
    GoogleCredentials credentials =
        GoogleCredentials.getApplicationDefault().createScoped(BigqueryScopes.BIGQUERY);
    Bigquery client =
        new Bigquery.Builder(
                new NetHttpTransport(),
                GsonFactory.getDefaultInstance(),
                new HttpCredentialsAdapter(credentials))
            .setApplicationName("log-gardener-worklog")
            .build();
    return new BigQueryTrackerLinks(
        client, projectDotDataset.substring(0, dot), projectDotDataset.substring(dot + 1));
  }

  @Override
  public Map<String, TrackerLink> latest(String repository) throws IOException {
    QueryRequest request =
        new QueryRequest()
            .setQuery(LATEST)
            .setUseLegacySql(false)
            .setParameterMode("NAMED")
            .setQueryParameters(
                List.of(
                    new QueryParameter()
                        .setName("repository")
                        .setParameterType(new QueryParameterType().setType("STRING"))
                        .setParameterValue(new QueryParameterValue().setValue(repository))))
            .setDefaultDataset(new DatasetReference().setProjectId(project).setDatasetId(dataset))
            .setTimeoutMs(TIMEOUT_MS);
    QueryResponse response = client.jobs().query(project, request).execute();
    if (!Boolean.TRUE.equals(response.getJobComplete())) {
      throw new IOException("reading tracker_links did not finish within " + TIMEOUT_MS + " ms");
    }
    Map<String, TrackerLink> links = new LinkedHashMap<>();
    List<TableRow> rows = response.getRows() == null ? List.of() : response.getRows();
    for (TableRow row : rows) {
      Map<String, Object> c = BigQueryRows.columns(response.getSchema(), row);
      TrackerLink link =
          new TrackerLink(
              (String) c.get("fingerprint"),
              (String) c.get("repository"),
              ((Number) c.get("issue_number")).longValue(),
              (String) c.get("issue_url"),
              (String) c.get("state"),
              (String) c.get("action"),
              (Instant) c.get("period_start"),
              (Instant) c.get("period_end"),
              (Instant) c.get("updated_at"));
      links.put(link.fingerprint(), link);
    }
    return links;
  }

  @Override
  public void record(List<TrackerLink> links) throws IOException {
    if (links.isEmpty()) {
      return;
    }
    List<TableDataInsertAllRequest.Rows> rows = new ArrayList<>();
    for (TrackerLink link : links) {
      rows.add(
          new TableDataInsertAllRequest.Rows()
              .setInsertId(link.fingerprint() + "/" + link.issueNumber() + "/" + link.updatedAt())
              .setJson(row(link)));
    }
    TableDataInsertAllResponse response =
        client
            .tabledata()
            .insertAll(
                project, dataset, "tracker_links", new TableDataInsertAllRequest().setRows(rows))
            .execute();
    if (response.getInsertErrors() != null && !response.getInsertErrors().isEmpty()) {
      throw new IOException(
          "BigQuery refused "
              + response.getInsertErrors().size()
              + " tracker_links rows: "
              + response.getInsertErrors().get(0));
    }
  }

  static Map<String, Object> row(TrackerLink link) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("fingerprint", link.fingerprint());
    row.put("repository", link.repository());
    row.put("issue_number", link.issueNumber());
    row.put("issue_url", link.issueUrl());
    row.put("state", link.state());
    row.put("action", link.action());
    row.put("period_start", link.periodFrom().toString());
    row.put("period_end", link.periodTo().toString());
    row.put("updated_at", link.updatedAt().toString());
    return row;
  }
}
