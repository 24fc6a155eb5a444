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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
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

  private static final Pattern PARAMETER = Pattern.compile("@(from|to|project)\\b");

  private final Bigquery client;
  private final String project;
  private final String dataset;
  private final String logProject;

  private BigQueryIssueWindowSource(
      Bigquery client, String project, String dataset, String logProject) {
    this.client = client;
    this.project = project;
    this.dataset = dataset;
    this.logProject = logProject;
  }

  /**
   * Connects to {@code PROJECT.DATASET} with application default credentials.
   *
   * @param logProject the only project whose rows are read (the {@code project_id} column, not the
   *     project that holds the dataset), or null for every project
   * @throws IllegalArgumentException for a malformed dataset name
   */
  public static BigQueryIssueWindowSource open(String projectDotDataset, String logProject)
      throws IOException {
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
        client,
        projectDotDataset.substring(0, dot),
        projectDotDataset.substring(dot + 1),
        logProject);
  }

  @Override
  public String describe() {
    return "BigQuery " + project + "." + dataset;
  }

  @Override
  public String project() {
    return logProject;
  }

  @Override
  public List<Map<String, Object>> query(String file, Period period) throws IOException {
    String sql = DuckDbIssueWindowSource.sql(file);
    QueryRequest request =
        new QueryRequest()
            .setQuery(sql)
            .setUseLegacySql(false)
            .setParameterMode("NAMED")
            .setQueryParameters(parameters(sql, period, logProject))
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

  /**
   * Exactly the named parameters the statement uses (comments aside), with the types the ZetaSQL
   * check of the report's SQL declares them with.
   */
  static List<QueryParameter> parameters(String sql, Period period, String logProject) {
    Set<String> used = new TreeSet<>();
    Matcher matcher = PARAMETER.matcher(sql.replaceAll("(?m)^\\s*--.*$", ""));
    while (matcher.find()) {
      used.add(matcher.group(1));
    }
    List<QueryParameter> parameters = new ArrayList<>();
    for (String name : used) {
      switch (name) {
        case "from" -> parameters.add(timestamp(name, period.from()));
        case "to" -> parameters.add(timestamp(name, period.to()));
        default -> parameters.add(string(name, logProject));
      }
    }
    return parameters;
  }

  /** A STRING parameter; a null value is sent without a value, which BigQuery reads as NULL. */
  private static QueryParameter string(String name, String value) {
    return new QueryParameter()
        .setName(name)
        .setParameterType(new QueryParameterType().setType("STRING"))
        .setParameterValue(new QueryParameterValue().setValue(value));
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
