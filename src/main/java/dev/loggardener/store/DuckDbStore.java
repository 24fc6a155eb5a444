package dev.loggardener.store;

import dev.loggardener.aggregate.IssueIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * The embedded local store: a DuckDB file holding the same tables as BigQuery, created on first use
 * from the schema files on the classpath ({@code schemas/*.json}).
 *
 * <p>Every handle on one file in this JVM shares one database instance (DuckDB allows one writer
 * process per file); each handle gets its own {@link #connection()} for queries, and {@link
 * #insert} is thread-safe: inserts on one file are serialized and each call is one transaction.
 * Timestamps are {@code TIMESTAMPTZ} and every connection uses the UTC time zone.
 */
public final class DuckDbStore implements AutoCloseable {
  /** Tables created by {@link #open}; their schemas come from {@code schemas/NAME.json}. */
  public static final List<String> TABLES =
      List.of("issue_windows", "dead_letters", "tracker_links");

  /** View with one row per fingerprint over all stored windows. */
  public static final String CATALOG_VIEW = "fingerprint_catalog";

  private static final Map<Path, Shared> OPEN = new HashMap<>();

  private final Path file;
  private final Shared shared;
  private final Connection connection;
  private boolean closed;

  /** One database instance per file; {@code writer} serializes inserts on it. */
  private static final class Shared {
    final DuckDBConnection root;
    final boolean readOnly;
    final Map<String, TableSchema> schemas = new LinkedHashMap<>();
    int handles;

    Shared(DuckDBConnection root, boolean readOnly) {
      this.root = root;
      this.readOnly = readOnly;
    }
  }

  private DuckDbStore(Path file, Shared shared, Connection connection) {
    this.file = file;
    this.shared = shared;
    this.connection = connection;
  }

  /** Opens (creating if needed) the database file, its tables and views. */
  public static DuckDbStore open(Path file) throws SQLException {
    return open(file, false, TABLES);
  }

  /** How long {@link #openReadOnly(Path)} waits for a writer to release the file. */
  public static final Duration READ_WAIT = Duration.ofSeconds(10);

  /**
   * Opens an existing database file for reading; creates nothing. A streaming writer holds the file
   * only while it writes a batch, so a file locked by another process is retried for {@link
   * #READ_WAIT}.
   *
   * @throws IllegalArgumentException if the file does not exist
   */
  public static DuckDbStore openReadOnly(Path file) throws SQLException {
    return openReadOnly(file, READ_WAIT);
  }

  /**
   * The same, retrying for {@code wait} while another process holds the file.
   *
   * @throws SQLException if the file is still locked after {@code wait}, or cannot be read
   */
  public static DuckDbStore openReadOnly(Path file, Duration wait) throws SQLException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no DuckDB store at " + file);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = 20;
    while (true) {
      try {
        return open(file, true, List.of());
      } catch (SQLException e) {
        if (!lockedByAnotherProcess(e) || System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for the lock on " + file, e);
      }
      pause = Math.min(500, pause * 2);
    }
  }

  /** Whether DuckDB refused to open a file because another process holds its lock. */
  public static boolean lockedByAnotherProcess(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Could not set lock") || message.contains("Conflicting lock");
  }

  static DuckDbStore open(Path file, boolean readOnly, List<String> tables) throws SQLException {
    Path key = file.toAbsolutePath().normalize();
    synchronized (OPEN) {
      Shared shared = OPEN.get(key);
      if (shared == null) {
        shared = new Shared(connect(key, readOnly), readOnly);
        try {
          useUtc(shared.root);
          if (!readOnly) {
            createTables(shared, tables);
          }
        } catch (SQLException | RuntimeException e) {
          shared.root.close();
          throw e;
        }
        OPEN.put(key, shared);
      } else if (shared.readOnly && !readOnly) {
        throw new IllegalStateException(key + " is already open read-only in this process");
      }
      Connection connection = shared.root.duplicate();
      useUtc(connection);
      shared.handles++;
      return new DuckDbStore(key, shared, connection);
    }
  }

  private static DuckDBConnection connect(Path file, boolean readOnly) throws SQLException {
    Properties properties = new Properties();
    if (readOnly) {
      properties.setProperty("duckdb.read_only", "true");
    }
    return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, properties);
  }

  private static void useUtc(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
    }
  }

  private static void createTables(Shared shared, List<String> tables) throws SQLException {
    try (Statement statement = shared.root.createStatement()) {
      for (String table : tables) {
        TableSchema schema = TableSchema.load(table);
        statement.execute(schema.createStatement());
        addMissingColumns(shared.root, schema);
        shared.schemas.put(table, schema);
      }
      if (tables.contains("issue_windows")) {
        statement.execute(catalogView());
      }
    }
  }

  /**
   * Every identity column is the one of the fingerprint's latest pane (they do not vary within a
   * fingerprint, whose id is computed from them).
   */
  private static String catalogView() {
    StringBuilder identity = new StringBuilder();
    for (String column : IssueIdentity.COLUMNS) {
      if (!column.equals("fingerprint")) {
        identity.append("  arg_max(%1$s, last_seen) AS %1$s,\n".formatted(column));
      }
    }
    return """
        CREATE OR REPLACE VIEW fingerprint_catalog AS
        SELECT
          fingerprint,
        %s  min(first_seen) AS first_seen,
          max(last_seen) AS last_seen,
          max(max_severity_number) AS max_severity_number,
          arg_max(max_severity, max_severity_number) AS max_severity,
          sum(entry_count) AS total_count,
          count(*) AS pane_count
        FROM issue_windows
        GROUP BY fingerprint"""
        .formatted(identity);
  }

  /**
   * Brings a table written by an older version up to its schema: adds every missing column, which
   * old rows read as NULL (the same migration SCHEMA.md gives for BigQuery). A missing REQUIRED
   * column cannot be added that way and stops the open.
   */
  private static void addMissingColumns(Connection connection, TableSchema schema)
      throws SQLException {
    Set<String> present = new HashSet<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?")) {
      query.setString(1, schema.table());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          present.add(rows.getString(1));
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (TableSchema.Column column : schema.columns()) {
        if (present.contains(column.name())) {
          continue;
        }
        if (column.required()) {
          throw new IllegalStateException(
              "table "
                  + schema.table()
                  + " lacks the REQUIRED column "
                  + column.name()
                  + "; only NULLABLE and REPEATED columns can be added to existing rows");
        }
        statement.execute(
            "ALTER TABLE "
                + TableSchema.quote(schema.table())
                + " ADD COLUMN "
                + TableSchema.quote(column.name())
                + " "
                + column.duckDbType());
      }
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** This handle's own connection, for queries; not to be shared between threads. */
  public Connection connection() {
    return connection;
  }

  /**
   * Inserts rows into a table in one transaction: all rows or none.
   *
   * <p>Values are String, Long/Integer, Double/Float, Boolean, {@link Instant}, byte[], List (for
   * REPEATED columns) and {@code Map<String,Object>} (for RECORD columns), keyed by column name. A
   * missing key is NULL.
   *
   * @throws IllegalArgumentException for an unknown table or column, a missing required value or a
   *     value of the wrong type, before anything is written
   */
  public void insert(String table, List<Map<String, Object>> rows) throws SQLException {
    if (shared.readOnly) {
      throw new IllegalStateException(file + " is open read-only");
    }
    TableSchema schema = shared.schemas.get(table);
    if (schema == null) {
      throw new IllegalArgumentException(
          "unknown table '" + table + "'; the store has " + shared.schemas.keySet());
    }
    List<Object[]> bound = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      bound.add(ColumnValues.bind(schema, row));
    }
    if (bound.isEmpty()) {
      return;
    }
    synchronized (shared) {
      write(shared.root, schema, bound);
    }
  }

  /**
   * Rows per INSERT statement. DuckDB's driver executes a JDBC batch row by row; one statement
   * carrying many rows pays the execution once for all of them, which more than halved the time a
   * local run of 100,000 entries spent writing its 34,613 rows.
   */
  private static final int ROWS_PER_STATEMENT = 64;

  private static void write(Connection root, TableSchema schema, List<Object[]> rows)
      throws SQLException {
    root.setAutoCommit(false);
    int full = rows.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
    try {
      if (full > 0) {
        try (PreparedStatement statement =
            root.prepareStatement(insertStatement(schema, ROWS_PER_STATEMENT))) {
          for (int start = 0; start < full; start += ROWS_PER_STATEMENT) {
            bindAndRun(statement, rows.subList(start, start + ROWS_PER_STATEMENT));
          }
        }
      }
      if (full < rows.size()) {
        try (PreparedStatement statement =
            root.prepareStatement(insertStatement(schema, rows.size() - full))) {
          bindAndRun(statement, rows.subList(full, rows.size()));
        }
      }
      root.commit();
    } catch (SQLException | RuntimeException e) {
      root.rollback();
      throw e;
    } finally {
      root.setAutoCommit(true);
    }
  }

  private static void bindAndRun(PreparedStatement statement, List<Object[]> rows)
      throws SQLException {
    int parameter = 1;
    for (Object[] row : rows) {
      for (Object value : row) {
        statement.setObject(parameter++, value);
      }
    }
    statement.execute();
  }

  private static String insertStatement(TableSchema schema, int rowCount) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (TableSchema.Column column : schema.columns()) {
      names.add(TableSchema.quote(column.name()));
      values.add(
          column.nested()
              ? "CAST(CAST(? AS JSON) AS " + column.duckDbType() + ")"
              : column.type().equals("TIMESTAMP") ? "CAST(? AS TIMESTAMPTZ)" : "?");
    }
    String row = "(" + String.join(", ", values) + ")";
    return "INSERT INTO "
        + TableSchema.quote(schema.table())
        + " ("
        + String.join(", ", names)
        + ") VALUES "
        + String.join(", ", Collections.nCopies(rowCount, row));
  }

  @Override
  public void close() throws SQLException {
    synchronized (OPEN) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        connection.close();
      } finally {
        if (--shared.handles == 0) {
          OPEN.remove(file);
          shared.root.close();
        }
      }
    }
  }
}
