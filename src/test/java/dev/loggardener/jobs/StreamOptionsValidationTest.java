package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamOptionsValidationTest {
  private static final String FILES = "--inputFiles=x.json";
  private static final String DUCK = "--duckDbFile=g.duckdb";

  private static StreamOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(StreamOptions.class);
  }

  @Test
  public void acceptsFilesIntoDuckDbAndSubscriptionIntoBigQuery() {
    LogStreamPipeline.validate(options(FILES, DUCK));
    LogStreamPipeline.validate(
        options(
            "--inputSubscription=projects/p/subscriptions/s",
            "--issueWindowsTable=p:d.issue_windows",
            "--deadLettersTable=p:d_restricted.dead_letters"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "--duckDbFile=g.duckdb|exactly one of --inputSubscription",
        "--inputFiles=x|--inputTopic=projects/p/topics/t|--duckDbFile=g|exactly one of",
        "--inputFiles=x|both --issueWindowsTable and --deadLettersTable",
        "--inputFiles=x|--issueWindowsTable=p:d.t|both --issueWindowsTable",
        "--inputFiles=x|--duckDbFile=g|--deadLettersTable=p:d.t|not both",
        "--inputFiles=x|--issueWindowsTable=nodataset|--deadLettersTable=p:d.t|PROJECT:DATASET.TABLE",
        "--inputFiles=x|--duckDbFile=g|--windowSizeMinutes=0|--windowSizeMinutes must be at least 1",
        "--inputFiles=x|--duckDbFile=g|--allowedLatenessMinutes=-1|--allowedLatenessMinutes must not",
        "--inputFiles=x|--duckDbFile=g|--earlyFiringSeconds=-5|--earlyFiringSeconds must not",
        "--inputFiles=x|--duckDbFile=g|--tooLateRetentionHours=-1|--tooLateRetentionHours must not",
        "--inputFiles=x|--duckDbFile=g|--maxExamples=0|--maxExamples must be at least 1",
        "--inputFiles=x|--duckDbFile=g|--maxDistinctValues=0|--maxDistinctValues must be",
        "--inputFiles=x|--duckDbFile=g|--hotKeyFanout=0|--hotKeyFanout must be at least 1",
        "--inputFiles=x|--duckDbFile=g|--dedupeShards=0|--dedupeShards must be at least 1",
        "--inputFiles=x|--duckDbFile=g|--windowsPerFiring=0|--windowsPerFiring must be at least 1",
      })
  public void rejectsInconsistentOptionsWithOneLineSayingWhatToFix(String joined) {
    List<String> parts = new ArrayList<>(Arrays.asList(joined.split("\\|")));
    String expected = parts.remove(parts.size() - 1);
    StreamOptions options = options(parts.toArray(String[]::new));

    assertThatThrownBy(() -> LogStreamPipeline.validate(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  public void turnsOptionsIntoAggregationSettings() {
    var settings =
        LogStreamPipeline.settings(
            options(FILES, DUCK, "--windowSizeMinutes=5", "--earlyFiringSeconds=30"));
    assertThat(settings.windowSize().getStandardMinutes()).isEqualTo(5);
    assertThat(settings.earlyFiringDelay().getStandardSeconds()).isEqualTo(30);
    assertThat(settings.allowedLateness().getStandardMinutes()).isEqualTo(360);
  }
}
