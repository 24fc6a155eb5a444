package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import dev.loggardener.beam.TableRows;
import dev.loggardener.normalize.InvalidRulesException;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.worklog.InvalidWorklogRulesException;
import dev.loggardener.worklog.WorklogRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules files are data: YAML type tags that would instantiate Java objects are refused with one
 * clear line and construct nothing; an invalid rules file or a missing table stops the job before
 * it builds a graph, with one line.
 */
class ConfigurationSafetyTest {
  /** Counts constructions, so a test can prove that a YAML tag built nothing. */
  public static final class Canary {
    static final AtomicInteger BUILT = new AtomicInteger();

    public Canary() {
      BUILT.incrementAndGet();
    }

    public Canary(String ignored) {
      BUILT.incrementAndGet();
    }
  }

  private static final String CANARY = "!!" + Canary.class.getName();

  @TempDir Path dir;

  @BeforeEach
  void resetCanary() {
    Canary.BUILT.set(0);
  }

  /** Hostile documents: a global tag as the whole file, as the version, as a rule and a field. */
  static Stream<String> taggedRuleFiles() {
    String rule =
        "  - id: x\n    description: d\n    stage: mask\n    pattern: 'a'\n"
            + "    replace_with: '<A>'\n    examples: []\n";
    return Stream.of(
        CANARY + " {}\n",
        "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
            + " [\"http://127.0.0.1:1/\"]]]]\n",
        "version: !!java.io.File [\"/etc/passwd\"]\nrules:\n" + rule,
        "version: '1'\nrules:\n  - " + CANARY + " [\"x\"]\n",
        "version: '1'\nrules:\n" + rule.replace("pattern: 'a'", "pattern: " + CANARY + " []"),
        "version: '1'\nrules:\n" + rule + "extra: !!java.lang.ProcessBuilder [[\"true\"]]\n");
  }

  @ParameterizedTest
  @MethodSource("taggedRuleFiles")
  void refusesNormalizationRulesWithJavaTypeTagsAndBuildsNothing(String yaml) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> RuleSet.load(file))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageNotContaining("\n");
    assertThat(Canary.BUILT).hasValue(0);
  }

  @ParameterizedTest
  @MethodSource("taggedRuleFiles")
  void refusesWorklogRulesWithJavaTypeTagsAndBuildsNothing(String yaml) {
    assertThatThrownBy(() -> WorklogRules.parse(yaml, "worklog-rules.yaml"))
        .isInstanceOf(InvalidWorklogRulesException.class)
        .hasMessageNotContaining("\n");
    assertThat(Canary.BUILT).hasValue(0);
  }

  @Test
  void namesTheTagWhenRefusingIt() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, "version: !!java.io.File [\"/etc/passwd\"]\n");

    assertThatThrownBy(() -> RuleSet.load(file)).hasMessageContaining("java.io.File");
  }

  private static StreamOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(StreamOptions.class);
  }

  @Test
  void refusesToStartWithAnInvalidRulesFileInOneLine() throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "version: '1'\nrules:\n  - id: Not Kebab\n");
    StreamOptions options =
        options(
            "--inputFiles=" + dir.resolve("none.jsonl"),
            "--duckDbFile=" + dir.resolve("never.duckdb"),
            "--rulesFile=" + file);

    assertThatThrownBy(() -> LogStreamPipeline.run(options, null))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining(file.toString())
        .hasMessageNotContaining("\n");
    assertThat(dir.resolve("never.duckdb")).doesNotExist();
  }

  @ParameterizedTest
  @MethodSource("commandsWithBrokenRules")
  void theCommandsRefuseAnInvalidRulesFileWithOneLineAndNoStackTrace(String command)
      throws Exception {
    Path rules = dir.resolve("broken.yaml");
    Files.writeString(rules, "version: !!java.io.File [\"/etc/passwd\"]\n");
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "{}\n");
    String[] args =
        command.equals("stream")
            ? new String[] {
              "stream",
              "--inputFiles=" + input,
              "--duckDbFile=" + dir.resolve("s.duckdb"),
              "--rulesFile=" + rules
            }
            : new String[] {
              "run",
              "--input",
              input.toString(),
              "--store",
              dir.resolve("r.duckdb").toString(),
              "--rules",
              rules.toString()
            };
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    int status =
        dev.loggardener.cli.Main.run(
            args,
            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, StandardCharsets.UTF_8));

    String error = err.toString(StandardCharsets.UTF_8);
    assertThat(status).isNotZero();
    assertThat(error)
        .startsWith("log-gardener " + command + ": " + rules)
        .contains("java.io.File")
        .endsWith("\n")
        .hasLineCount(1);
    assertThat(Canary.BUILT).hasValue(0);
  }

  static Stream<String> commandsWithBrokenRules() {
    return Stream.of("stream", "run");
  }

  @Test
  void refusesToStartWhenABigQueryTableIsMissingInOneLineNamingIt() throws Exception {
    FakeDatasetService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    datasets.createDataset("proj", "logs", "", "", null);
    datasets.createTable(
        new Table()
            .setTableReference(
                new TableReference()
                    .setProjectId("proj")
                    .setDatasetId("logs")
                    .setTableId("issue_windows"))
            .setSchema(TableRows.schema("issue_windows")));
    StreamOptions options =
        options(
            "--inputFiles=" + dir.resolve("none.jsonl"),
            "--issueWindowsTable=proj:logs.issue_windows",
            "--deadLettersTable=proj:logs.dead_letters");

    assertThatThrownBy(
            () ->
                LogStreamPipeline.run(
                    options, new FakeBigQueryServices().withDatasetService(datasets)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("proj:logs.dead_letters")
        .hasMessageNotContaining("proj:logs.issue_windows")
        .hasMessageNotContaining("\n");
  }
}
