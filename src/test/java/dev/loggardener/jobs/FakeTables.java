package dev.loggardener.jobs;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import dev.loggardener.beam.TableRows;
import java.util.List;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;

/** The stream's two tables in one of Beam's fake datasets, as the deploy files create them. */
final class FakeTables {
  private FakeTables() {}

  /** Creates {@code project:dataset} with {@code issue_windows} and {@code dead_letters}. */
  static <T extends FakeDatasetService> T create(T datasets, String project, String dataset)
      throws Exception {
    datasets.createDataset(project, dataset, "", "", null);
    for (String table : List.of("issue_windows", "dead_letters")) {
      datasets.createTable(
          new Table()
              .setTableReference(
                  new TableReference()
                      .setProjectId(project)
                      .setDatasetId(dataset)
                      .setTableId(table))
              .setSchema(TableRows.schema(table)));
    }
    return datasets;
  }
}
