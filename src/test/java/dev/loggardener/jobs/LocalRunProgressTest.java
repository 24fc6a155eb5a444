package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunProgressTest {
  @Test
  void progressLineShowsHowFarEachStageHasComeAndTheRate() {
    assertThat(LocalRun.progressLine(125, 1_000_000, 2_100, 997_900, 450_000, 0, 11_712))
        .isEqualTo(
            "125 s: read 1,000,000 entries (2,100 rejected), fingerprinted 997,900,"
                + " deduplicated 450,000, issue rows 0, 11,712 entries/s");
  }

  @Test
  void planningLineShowsHowMuchOfTheInputHasBeenScanned() {
    assertThat(LocalRun.planningLine(12, 414L << 20, 1024L << 20))
        .isEqualTo("12 s: planning the read in event-time order, 414 of 1,024 MB scanned");
  }

  @Test
  void matchesLocalFilesInNameOrder(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.jsonl"), "{}");
    Files.writeString(dir.resolve("a.jsonl"), "{}");
    Files.writeString(dir.resolve("c.txt"), "{}");

    assertThat(LocalRun.localFiles(dir + "/*.jsonl", options()))
        .containsExactly(dir.resolve("a.jsonl"), dir.resolve("b.jsonl"));
  }

  @Test
  void refusesAGlobThatMatchesNothing(@TempDir Path dir) {
    assertThatThrownBy(() -> LocalRun.localFiles(dir + "/*.jsonl", options()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no export file matches " + dir + "/*.jsonl");
  }

  @Test
  void refusesFilesThatAreNotOnThisMachine() {
    assertThatThrownBy(() -> LocalRun.localFiles("gs://bucket/exports/*.json", options()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("run reads local files, not gs://bucket/exports/*.json");
  }

  private static StreamOptions options() {
    return PipelineOptionsFactory.create().as(StreamOptions.class);
  }
}
