package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run reads in planned event-time order with no allowed lateness, so the order of the
 * file must not change a single count: a newest-first export (what {@code gcloud logging read}
 * writes) and a shuffled one are counted exactly like the same entries oldest first.
 */
class LocalRunTest {
  @TempDir Path dir;

  @Test
  void countsANewestFirstOrShuffledExportExactlyLikeTheSameEntriesOldestFirst() throws Exception {
    Path oldestFirst = dir.resolve("oldest-first.jsonl");
    int status =
        Main.run(
            new String[] {
              "generate", "--out", oldestFirst.toString(), "--entries", "3000", "--seed", "3"
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            System.err);
    assertThat(status).isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(oldestFirst));
    Collections.reverse(lines);
    Path newestFirst = dir.resolve("newest-first.jsonl");
    Files.write(newestFirst, lines);

    Collections.shuffle(lines, new Random(20261206L));
    Path shuffled = dir.resolve("shuffled.jsonl");
    Files.write(shuffled, lines);

    LocalRun.Accounting forward = run(oldestFirst, "forward.duckdb");
    LocalRun.Accounting backward = run(newestFirst, "backward.duckdb");
    LocalRun.Accounting random = run(shuffled, "shuffled.duckdb");

    assertThat(forward.balanced()).isTrue();
    assertThat(forward.read()).isEqualTo(3000);
    assertThat(forward.tooLate()).isZero();
    assertThat(forward.duplicates()).isPositive();
    assertThat(backward).isEqualTo(forward);
    assertThat(random).isEqualTo(forward);
  }

  private LocalRun.Accounting run(Path input, String store) throws Exception {
    return LocalRun.run(
        new LocalRun.Settings(
            input.toString(), dir.resolve(store), null, 1, Duration.standardSeconds(60)),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }
}
