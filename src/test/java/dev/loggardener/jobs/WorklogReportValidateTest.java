package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link WorklogReport#validate}: the options a scheduled launch gets, checked together. */
class WorklogReportValidateTest {
  private static final Instant LAUNCHED = Instant.parse("2026-11-28T06:00:07.250Z");

  private static WorklogOptions options(String... overrides) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("--store", "bigquery:my-project.log_gardener_production");
    args.put("--outputPrefix", "gs://my-bucket/worklogs");
    for (String override : overrides) {
      int eq = override.indexOf('=');
      args.put(override.substring(0, eq), override.substring(eq + 1));
    }
    return PipelineOptionsFactory.fromArgs(
            args.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new))
        .withValidation()
        .as(WorklogOptions.class);
  }

  @Test
  void reportsTheDayEndingAtTheStartOfTheLaunchHourByDefault() {
    WorklogReport.Request request = WorklogReport.validate(options(), LAUNCHED);

    assertThat(request.to()).isEqualTo(Instant.parse("2026-11-28T06:00:00Z"));
    assertThat(request.from()).isEqualTo(Instant.parse("2026-11-27T06:00:00Z"));
    assertThat(request.maxDetailed()).isEqualTo(10);
    assertThat(request.rulesFile()).isNull();
    assertThat(request.headerProject()).isEqualTo("my-project");
    assertThat(request.generatedAt()).isEqualTo(LAUNCHED);
  }

  @Test
  void reportsTheGivenPeriodEndAndLengthForReruns() {
    WorklogReport.Request request =
        WorklogReport.validate(
            options("--periodEnd=2026-11-20T08:00:00+02:00", "--hours=6"), LAUNCHED);

    assertThat(request.to()).isEqualTo(Instant.parse("2026-11-20T06:00:00Z"));
    assertThat(request.from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
  }

  @Test
  void showsTheGivenHeaderProjectInsteadOfTheStoresProject() {
    WorklogReport.Request request =
        WorklogReport.validate(options("--headerProject=netra-staging"), LAUNCHED);

    assertThat(request.headerProject()).isEqualTo("netra-staging");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--hours=0|--hours must be between 1 and 744, got 0",
        "--hours=745|--hours must be between 1 and 744, got 745",
        "--maxDetailed=-1|--maxDetailed must be between 0 and 10000, got -1",
        "--periodEnd=yesterday|--periodEnd must be RFC 3339, e.g. 2026-11-28T06:00:00Z, got 'yesterday'",
        "--store=bigquery:my-project|--store must be bigquery:PROJECT.DATASET or a DuckDB file,"
            + " got 'bigquery:my-project'"
      })
  void refusesAnOptionOutOfRangeWithOneLineNamingIt(String option, String message) {
    assertThatThrownBy(() -> WorklogReport.validate(options(option), LAUNCHED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
