package dev.loggardener.worklog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The example worklog's rows, for tests in other packages. */
public final class WorklogTestData {
  public static final Instant END = ExampleRows.END;
  public static final Period PERIOD = ExampleRows.PERIOD;

  private WorklogTestData() {}

  /** The project of {@link #exampleRows()}. */
  public static final String PROJECT = ExampleRows.PROJECT;

  public static List<Map<String, Object>> exampleRows() {
    return ExampleRows.all();
  }

  /**
   * The example rows as another project logged them, as an aggregated sink delivers them: the same
   * messages, and (as the fingerprint includes the project) fingerprints of their own.
   */
  public static List<Map<String, Object>> exampleRowsOf(String project) {
    return ExampleRows.all().stream()
        .map(
            row -> {
              Map<String, Object> copy = new LinkedHashMap<>(row);
              copy.put("project_id", project);
              copy.put(
                  "fingerprint", ExampleRows.fingerprint(project + "/" + row.get("fingerprint")));
              return copy;
            })
        .toList();
  }
}
