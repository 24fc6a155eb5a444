package dev.loggardener.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zetasql.Analyzer;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SqlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every SQL file that runs on BigQuery (the analyst views and the worklog's queries) passes
 * BigQuery's own analyzer, ZetaSQL, against the tables of {@code deploy/bigquery/*.json}: a
 * misspelled column, a wrong type or a DuckDB-only function fails here with the file and the
 * position, instead of on the first scheduled run. Runs offline through ZetaSQL's JNI channel.
 */
class BigQuerySqlTest {
  private static final Path VIEWS = Path.of("deploy/bigquery/views");
  private static final Path REPORT = Path.of("pipelines/worklog-report");
  private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

  private static SimpleCatalog catalog;

  @BeforeAll
  static void loadCatalog() throws IOException {
    catalog = BigQueryCatalog.load();
  }

  /** The problem BigQuery would report for the statement, as "NAME: message [at line:column]". */
  static Optional<String> problem(String name, String sql) {
    try {
      Analyzer.analyzeStatement(sql, BigQueryCatalog.options(), catalog);
      return Optional.empty();
    } catch (SqlException e) {
      return Optional.of(name + ": " + e.getMessage());
    }
  }

  /** A view as Terraform's templatefile hands it to BigQuery. */
  static String asDeployed(Path view) throws IOException {
    String sql = Files.readString(view, StandardCharsets.UTF_8);
    Matcher variable = TEMPLATE_VARIABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (variable.find()) {
      String value =
          switch (variable.group(1)) {
            case "project" -> BigQueryCatalog.PROJECT;
            case "dataset" -> BigQueryCatalog.DATASET;
            default ->
                throw new IllegalArgumentException(
                    view + " uses ${" + variable.group(1) + "}, which bigquery.tf does not set");
          };
      variable.appendReplacement(out, value);
    }
    return variable.appendTail(out).toString();
  }

  private static List<Path> sqlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    }
  }

  @Test
  void catalogHoldsEverySchemaFileOfTheDeployFolder() throws IOException {
    List<String> tables = new ArrayList<>();
    for (Path file : BigQueryCatalog.schemaFiles()) {
      String table = file.getFileName().toString().replaceFirst("\\.json$", "");
      tables.add(table);
      assertThat(problem(table, "SELECT * FROM " + table)).isEmpty();
      assertThat(
              problem(
                  table,
                  "SELECT * FROM `%s.%s.%s`"
                      .formatted(BigQueryCatalog.PROJECT, BigQueryCatalog.DATASET, table)))
          .isEmpty();
    }
    assertThat(tables).contains("issue_windows", "dead_letters");
  }

  @Test
  void everyViewPassesBigQuerysAnalyzer() throws IOException {
    List<Path> views = sqlFiles(VIEWS);
    assertThat(views).isNotEmpty();
    List<String> problems = new ArrayList<>();
    for (Path view : views) {
      problem(view.toString(), asDeployed(view)).ifPresent(problems::add);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyWorklogQueryPassesBigQuerysAnalyzerWithItsParameters() throws IOException {
    List<Path> queries = sqlFiles(REPORT);
    assertThat(queries).extracting(p -> p.getFileName().toString()).contains("issue_windows.sql");
    List<String> problems = new ArrayList<>();
    for (Path query : queries) {
      problem(query.toString(), Files.readString(query, StandardCharsets.UTF_8))
          .ifPresent(problems::add);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aMisspelledColumnFailsWithFileAndPosition() {
    assertThat(problem("inline.sql", "SELECT fingerprint,\n  tempalte\nFROM issue_windows"))
        .hasValueSatisfying(
            p ->
                assertThat(p).startsWith("inline.sql: ").contains("tempalte").contains("[at 2:3]"));
  }

  @Test
  void aDuckDbOnlyFunctionFailsWithFileAndPosition() {
    assertThat(
            problem(
                "inline.sql",
                "SELECT fingerprint, arg_max(template, last_seen) AS template\n"
                    + "FROM issue_windows GROUP BY fingerprint"))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("inline.sql: ")
                    .containsIgnoringCase("function not found: arg_max")
                    .contains("[at 1:21]"));
  }

  @Test
  void anUndeclaredParameterOrAWrongTypeFails() {
    assertThat(problem("inline.sql", "SELECT 1 FROM issue_windows WHERE window_start < @until"))
        .hasValueSatisfying(p -> assertThat(p).contains("until"));
    assertThat(problem("inline.sql", "SELECT 1 FROM issue_windows WHERE project_id = @from"))
        .hasValueSatisfying(p -> assertThat(p).contains("[at 1:35]"));
  }

  @Test
  void aViewNamingAVariableTerraformDoesNotSetIsRefused() throws IOException {
    Path view = Files.createTempFile("view", ".sql");
    try {
      Files.writeString(view, "SELECT 1 FROM `${project}.${env}.issue_windows`");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> asDeployed(view))
          .hasMessageContaining("${env}");
    } finally {
      Files.delete(view);
    }
  }
}
