package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loggardener.beam.WriteWorklog;
import dev.loggardener.worklog.InvalidWorklogRulesException;
import dev.loggardener.worklog.Period;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorklogReportTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T06:17:42Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @BeforeAll
  static void useLocalFiles() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  private static WorklogReportOptions options(String... extra) {
    String[] base = {"--store=bigquery:my-project.log_gardener", "--outputPrefix=gs://b/worklogs"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(WorklogReportOptions.class);
  }

  @Test
  void reportsTheDayEndingAtTheStartOfTheCurrentHourByDefault() throws Exception {
    WriteWorklog.Request request = WorklogReport.request(options(), CLOCK);

    assertThat(request.period())
        .isEqualTo(
            new Period(
                Instant.parse("2026-11-27T06:00:00Z"), Instant.parse("2026-11-28T06:00:00Z")));
    assertThat(request.project()).as("every project of the dataset").isNull();
    assertThat(request.generatedAt()).isEqualTo(CLOCK.instant());
    assertThat(request.maxDetailed()).isEqualTo(10);
    assertThat(request.rulesSource()).isEqualTo("classpath:pipelines/worklog-report/rules.yaml");
  }

  @Test
  void reportsOnlyTheLogProjectWhenGivenApartFromTheJobsOwnProject() throws Exception {
    WriteWorklog.Request request =
        WorklogReport.request(options("--project=ops-host", "--logProject=shop-prod"), CLOCK);

    assertThat(request.project()).isEqualTo("shop-prod");
    assertThat(WorklogReport.request(options("--logProject= "), CLOCK).project()).isNull();
  }

  @Test
  void takesPeriodEndHoursAndARulesFileForReruns() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "version: 9\nrules: []\n");

    WriteWorklog.Request request =
        WorklogReport.request(
            options(
                "--periodEnd=2026-11-20T12:00:00+01:00",
                "--hours=6",
                "--maxDetailed=3",
                "--rulesFile=" + rules),
            CLOCK);

    assertThat(request.period())
        .isEqualTo(
            new Period(
                Instant.parse("2026-11-20T05:00:00Z"), Instant.parse("2026-11-20T11:00:00Z")));
    assertThat(request.rulesYaml()).isEqualTo("version: 9\nrules: []\n");
    assertThat(request.maxDetailed()).isEqualTo(3);
  }

  @Test
  void stopsAtStartOnAnInvalidRulesFile() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "version: 9\nrules: [{id: x}]\n");

    assertThatThrownBy(() -> WorklogReport.request(options("--rulesFile=" + rules), CLOCK))
        .isInstanceOf(InvalidWorklogRulesException.class)
        .hasMessage(rules + ": rule 'x': missing 'description'");
  }

  @Test
  void rejectsABlankOutputPrefix() {
    WorklogReportOptions options = options();
    options.setOutputPrefix(" ");

    assertThatThrownBy(() -> WorklogReport.validate(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--outputPrefix must not be empty");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--hours=0 | --hours must be between 1 and 8784",
        "--maxDetailed=-1 | --maxDetailed must be between 0 and 10000",
        "--periodEnd=yesterday | --periodEnd must be RFC 3339, e.g. 2026-11-28T06:00:00Z, got 'yesterday'"
      })
  void rejectsABadOptionWithOneLine(String option, String message) {
    assertThatThrownBy(() -> WorklogReport.validate(options(option)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static final String SECRET =
      "--trackerTokenSecret=projects/my-project/secrets/github-token/versions/latest";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--trackerRepository=not-a-repo | "
            + SECRET
            + " | --trackerRepository repository must be OWNER/NAME, e.g. acme/platform, got"
            + " 'not-a-repo'",
        "--trackerRepository=acme/platform | --trackerTokenSecret=github-token | "
            + "--trackerTokenSecret must be projects/PROJECT/secrets/NAME/versions/VERSION when"
            + " --trackerRepository is set, got 'github-token'",
        "--trackerRepository=acme/platform | --trackerApiUrl=http://github.example | "
            + "--trackerApiUrl must be an https URL such as https://github.example.com/api/v3,"
            + " got 'http://github.example'",
        "--trackerRepository=acme/platform | --trackerMaxCreations=-1 | "
            + "--trackerMaxCreations must be between 0 and 999"
      })
  void rejectsABadTrackerOptionWithOneLine(String first, String second, String message) {
    String[] args =
        second.startsWith("--trackerTokenSecret")
            ? new String[] {first, second}
            : new String[] {first, second, SECRET};
    assertThatThrownBy(() -> WorklogReport.validate(options(args)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void runsNoTrackerStepWithoutARepository() throws Exception {
    assertThat(WorklogReport.tracker(options())).isNotInstanceOf(TrackerJobStep.class);
    assertThat(WorklogReport.tracker(options("--trackerRepository=acme/platform", SECRET)))
        .isInstanceOf(TrackerJobStep.class);
  }
}
