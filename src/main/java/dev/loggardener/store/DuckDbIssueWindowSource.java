package dev.loggardener.store;

import dev.loggardener.worklog.IssueWindowSource;
import dev.loggardener.worklog.Period;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBStruct;

/**
 * Reads the worklog's input from a DuckDB store with the same SQL files analysts run on BigQuery
 * ({@code pipelines/worklog-report/*.sql}), binding {@code @from}, {@code @to} and
 * {@code @project}.
 */
public final class DuckDbIssueWindowSource implements IssueWindowSource, AutoCloseable {
  /** Classpath folder of the report's SQL files. */
  public static final String SQL_FOLDER = "pipelines/worklog-report/";

  private static final Pattern PARAMETER = Pattern.compile("@(from|to|project)\\b");

  private final DuckDbStore store;
  private final String project;

  private DuckDbIssueWindowSource(DuckDbStore store, String project) {
    this.store = store;
    this.project = project;
  }

  /** Opens an existing store read-only, with the rows of every project. */
  public static DuckDbIssueWindowSource open(Path file) throws SQLException {
    return open(file, null);
  }

  /**
   * Opens an existing store read-only.
   *
   * @param project the only project whose rows are read, or null for every project
   * @throws IllegalArgumentException if the file or its {@code issue_windows} table is missing, or
   *     the table predates the {@code project_id} column (SCHEMA.md gives the migration)
   */
  public static DuckDbIssueWindowSource open(Path file, String project) throws SQLException {
    DuckDbStore store = DuckDbStore.openReadOnly(file);
    try {
      requireProjectColumn(store, file);
    } catch (SQLException | RuntimeException e) {
      store.close();
      throw e;
    }
    return new DuckDbIssueWindowSource(store, project);
  }

  private static void requireProjectColumn(DuckDbStore store, Path file) throws SQLException {
    try (ResultSet tables =
        store.connection().getMetaData().getTables(null, null, "issue_windows", null)) {
      if (!tables.next()) {
        throw new IllegalArgumentException(file + " has no issue_windows table");
      }
    }
    try (ResultSet columns =
        store.connection().getMetaData().getColumns(null, null, "issue_windows", "project_id")) {
      if (!columns.next()) {
        throw new IllegalArgumentException(
            file
                + " was written before issue_windows had project_id: open it once for writing"
                + " (run or stream) or run ALTER TABLE issue_windows ADD COLUMN project_id VARCHAR");
      }
    }
  }

  /** Loads a SQL file of the report from the classpath. */
  public static String sql(String name) {
    try (InputStream in =
        DuckDbIssueWindowSource.class.getClassLoader().getResourceAsStream(SQL_FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + SQL_FOLDER + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String describe() {
    return "DuckDB " + store.file().getFileName();
  }

  @Override
  public String project() {
    return project;
  }

  @Override
  public List<Map<String, Object>> query(String file, Period period) throws SQLException {
    // Comments mention the parameters too; only the statement's own get bound.
    String statementText = sql(file).replaceAll("(?m)^\\s*--.*$", "");
    Matcher matcher = PARAMETER.matcher(statementText);
    List<String> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      if (name.equals("project")) {
        parameters.add(project);
        matcher.appendReplacement(sql, "CAST(? AS VARCHAR)");
      } else {
        parameters.add((name.equals("from") ? period.from() : period.to()).toString());
        matcher.appendReplacement(sql, "CAST(? AS TIMESTAMPTZ)");
      }
    }
    matcher.appendTail(sql);
    List<Map<String, Object>> rows = new ArrayList<>();
    try (PreparedStatement statement = store.connection().prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setString(i + 1, parameters.get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnLabel(c), plain(rs.getObject(c)));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** JDBC values as plain Java: arrays to lists, structs to maps, timestamps to instants. */
  private static Object plain(Object value) throws SQLException {
    if (value instanceof Array array) {
      List<Object> list = new ArrayList<>();
      for (Object item : (Object[]) array.getArray()) {
        list.add(plain(item));
      }
      return list;
    }
    if (value instanceof DuckDBStruct struct) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, Object> field : struct.getMap().entrySet()) {
        map.put(field.getKey(), plain(field.getValue()));
      }
      return map;
    }
    if (value instanceof Struct struct) {
      throw new SQLException("unexpected struct type " + struct.getClass().getName());
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    return value;
  }

  @Override
  public void close() throws SQLException {
    store.close();
  }
}
