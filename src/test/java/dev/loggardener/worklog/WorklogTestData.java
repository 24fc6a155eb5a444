package dev.loggardener.worklog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The example worklog's rows, for tests in other packages. */
public final class WorklogTestData {
  public static final Instant END = ExampleRows.END;
  public static final Period PERIOD = ExampleRows.PERIOD;

  private WorklogTestData() {}

  public static List<Map<String, Object>> exampleRows() {
    return ExampleRows.all();
  }
}
