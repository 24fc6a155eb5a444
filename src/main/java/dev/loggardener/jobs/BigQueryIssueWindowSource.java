package dev.loggardener.jobs;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.bigquery.Bigquery;
import com.google.api.services.bigquery.BigqueryScopes;
import com.google.api.services.bigquery.model.DatasetReference;
import com.google.api.services.bigquery.model.GetQueryResultsResponse;
import com.google.api.services.bigquery.model.QueryParameter;
import com.google.api.services.bigquery.model.QueryParameterType;
import com.google.api.services.bigquery.model.QueryParameterValue;
import com.google.api.services.bigquery.model.QueryRequest;
import com.google.api.services.bigquery.model.QueryResponse;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.worklog.IssueWindowSource;
import dev.loggardener.worklog.Period;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the worklog's input from BigQuery with the report's SQL files, through the BigQuery REST
 * client that Beam's GCP IO brings along, using application default credentials. Queries run in the
 * dataset's project with the dataset as default, so the files' unqualified {@code issue_windows}
 * resolves there.
 */
public final class BigQueryIssueWindowSource implements IssueWindowSource {
  private static final Pattern DATASET =
      Pattern.compile("[a-z][a-z0-9-]{4,61}[a-z0-9]\\.\\w{1,1024}");
  private static final long TIMEOUT_MS = 60_000;

  private final Bigquery client;
  private final String project;
  private final String dataset;

  private BigQueryIssueWindowSource(Bigquery client, String project, String dataset) {
    this.client = client;
    this.project = project;
    this.dataset = dataset;
  }

  /**
   * Connects to {@code PROJECT.DATASET} with application default credentials.
   *
   * @throws IllegalArgumentException for a malformed dataset name
   */
  public static BigQueryIssueWindowSource open(String projectDotDataset) throws IOException {
    if (!DATASET.matcher(projectDotDataset).matches()) {
      throw new IllegalArgumentException(
          "--store bigquery: needs PROJECT.DATASET, e.g. bigquery:my-project.log_gardener, got '"
              + projectDotDataset
              + "'");
    }
    int dot = projectDotDataset.indexOf('.');
    GoogleCredentials credentials =
        GoogleCredentials.getApplicationDefault().createScoped(BigqueryScopes.BIGQUERY);
    Bigquery client =
        new Bigquery.Builder(
                new NetHttpTransport(),
                GsonFactory.getDefaultInstance(),
                new HttpCredentialsAdapter(credentials))
            .setApplicationName("log-gardener-worklog")
            .build();
    return new BigQueryIssueWindowSource(
        client, projectDotDataset.substring(0, dot), projectDotDataset.substring(dot + 1));
  }

  @Override
  public String describe() {
    return "BigQuery " + project + "." + dataset;
  }

  @Override
  public List<Map<String, Object>> query(String file, Period period) throws IOException {
    QueryRequest request =
        new QueryRequest()
            .setQuery(DuckDbIssueWindowSource.sql(file))
            .setUseLegacySql(false)
            .setParameterMode("NAMED")
            .setQueryParameters(
                period == null
                    ? List.of()
                    : List.of(timestamp("from", period.from()), timestamp("to", period.to())))
            .setDefaultDataset(new DatasetReference().setProjectId(project).setDatasetId(dataset))
            .setTimeoutMs(TIMEOUT_MS);
    QueryResponse response = client.jobs().query(project, request).execute();
    String jobId = response.getJobReference().getJobId();
    String location = response.getJobReference().getLocation();
    TableSchema schema = response.getSchema();
    List<TableRow> rows = new ArrayList<>();
    boolean complete = Boolean.TRUE.equals(response.getJobComplete());
    String pageToken = null;
    if (complete) {
      rows.addAll(nonNull(response.getRows()));
      pageToken = response.getPageToken();
    }
    while (!complete || pageToken != null) {
      GetQueryResultsResponse page =
          client
              .jobs()
              .getQueryResults(project, jobId)
              .setLocation(location)
              .setPageToken(pageToken)
              .setTimeoutMs(TIMEOUT_MS)
              .execute();
      complete = Boolean.TRUE.equals(page.getJobComplete());
      if (complete) {
        schema = page.getSchema();
        rows.addAll(nonNull(page.getRows()));
        pageToken = page.getPageToken();
      }
    }
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (TableRow row : rows) {
      out.add(BigQueryRows.columns(schema, row));
    }
    return out;
  }

  private static List<TableRow> nonNull(List<TableRow> rows) {
    return rows == null ? List.of() : rows;
  }

  private static QueryParameter timestamp(String name, Instant value) {
    return new QueryParameter()
        .setName(name)
        .setParameterType(new QueryParameterType().setType("TIMESTAMP"))
        .setParameterValue(new QueryParameterValue().setValue(value.toString()));
  }

  @Override
  public void close() {
    // The REST client holds no connection that needs closing.
  }
}
