package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import dev.loggardener.aggregate.IssueIdentity;
import dev.loggardener.worklog.IssueWindow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BigQueryRowsTest {

  private static <T> T parse(String json, Class<T> type) throws IOException {
    return GsonFactory.getDefaultInstance().fromString(json, type);
  }

  @Test
  void readsARestApiRowOfTheIssueWindowsQuery() throws IOException {
    TableSchema schema;
    try (InputStream in = Files.newInputStream(Paths.get("deploy/bigquery/issue_windows.json"))) {
      schema =
          parse(
              "{\"fields\": " + new String(in.readAllBytes(), StandardCharsets.UTF_8) + "}",
              TableSchema.class);
    }
    List<String> selected =
        List.of(
            "window_start",
            "window_end",
            "fingerprint",
            "project_id",
            "resource_type",
            "service",
            "logger",
            "exception_type",
            "template",
            "rule_set_version",
            "max_severity",
            "max_severity_number",
            "entry_count",
            "first_seen",
            "last_seen",
            "examples",
            "versions",
            "source_locations",
            "trace_ids");
    schema.setFields(
        selected.stream()
            .map(
                name ->
                    schema.getFields().stream()
                        .filter(f -> f.getName().equals(name))
                        .findFirst()
                        .orElseThrow())
            .toList());
    TableRow row =
        parse(
            """
            {"f": [
              {"v": "1.7643312E9"}, {"v": "1.76433126E9"}, {"v": "abc"}, {"v": "shop-prod"},
              {"v": "cloud_run_revision"}, {"v": "backend"}, {"v": null}, {"v": null},
              {"v": "Auth unreachable after <NUM>s"}, {"v": "7"},
              {"v": "ERROR"}, {"v": "500"}, {"v": "3"},
              {"v": "1.764331201123456E9"}, {"v": "1.76433125E9"},
              {"v": [{"v": {"f": [{"v": "Auth unreachable after 0.51s"}, {"v": "1.764331201123456E9"}, {"v": null}, {"v": "t1"}]}}]},
              {"v": [{"v": "rev-1"}]},
              {"v": [{"v": {"f": [{"v": "auth.py"}, {"v": "328"}, {"v": "check"}]}}]},
              {"v": []}
            ]}
            """,
            TableRow.class);

    Map<String, Object> columns = BigQueryRows.columns(schema, row);
    IssueWindow window = IssueWindow.fromColumns(columns);

    assertThat(window.windowStart()).isEqualTo(Instant.parse("2025-11-28T12:00:00Z"));
    assertThat(window.entryCount()).isEqualTo(3);
    assertThat(window.identity())
        .isEqualTo(
            new IssueIdentity(
                "abc",
                "shop-prod",
                "cloud_run_revision",
                "backend",
                null,
                null,
                "Auth unreachable after <NUM>s",
                "7"));
    assertThat(window.firstSeen()).isEqualTo(Instant.parse("2025-11-28T12:00:01.123456Z"));
    assertThat(window.examples())
        .containsExactly(
            new IssueWindow.Example(
                "Auth unreachable after 0.51s",
                Instant.parse("2025-11-28T12:00:01.123456Z"),
                "t1"));
    assertThat(window.versions()).containsExactly("rev-1");
    assertThat(window.sourceLocations())
        .containsExactly(new IssueWindow.SourceLocation("auth.py", 328L, "check"));
    assertThat(window.traceIds()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "1.7643312E9, 2025-11-28T12:00:00Z",
    "1764331200.000001, 2025-11-28T12:00:00.000001Z",
    "-1.5, 1969-12-31T23:59:58.500Z",
    "0, 1970-01-01T00:00:00Z"
  })
  void readsTimestampsAsSecondsWithMicroseconds(String text, Instant expected) {
    assertThat(BigQueryRows.timestamp(text)).isEqualTo(expected);
  }
}
