package dev.loggardener.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.loggardener.cli.Main;
import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bundled sample through the README's local path ({@code run}: file, streaming pipeline on the
 * DirectRunner, DuckDB; then {@code worklog}), checked against what the generator planted.
 */
class ScenarioGoldenTest {
  private static final ScenarioManifest PLANTED = BundledSample.manifest();
  private static final Period DAY =
      new Period(Instant.parse("2025-09-11T00:00:00Z"), Instant.parse("2025-09-12T00:00:00Z"));

  @TempDir static Path dir;
  private static Path store;
  private static JsonObject worklog;
  private static String markdown;
  private static String json;
  private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();

  @BeforeAll
  static void runTheLocalPathOnTheBundledSample() throws Exception {
    store = dir.resolve("gardener.duckdb");
    Path jsonFile = dir.resolve("worklog.json");
    Path markdownFile = dir.resolve("worklog.md");
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    PrintStream captured = new PrintStream(LOGS, true, StandardCharsets.UTF_8);
    System.setOut(captured);
    System.setErr(captured);
    try {
      String accounts = run("run", "--input", BundledSample.PATH, "--store", store.toString());
      assertThat(accounts)
          .contains(
              String.format("%,d duplicates removed", PLANTED.redeliveries()),
              String.format("%,d dead letters", PLANTED.malformed()),
              "accounts balance");
      String[] period = {"--from", "2025-09-11T00:00:00Z", "--to", "2025-09-12T00:00:00Z"};
      run(with("worklog", "--store", store.toString(), "--out", jsonFile.toString(), period));
      run(with("worklog", "--store", store.toString(), "--out", markdownFile.toString(), period));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    json = Files.readString(jsonFile);
    markdown = Files.readString(markdownFile);
    worklog = JsonParser.parseString(json).getAsJsonObject();
  }

  @Test
  void reportsEachPlantedFamilyAsOneCategoryWithTheExactPlantedCount() {
    Set<Integer> categories = new TreeSet<>();
    for (PlantedFamily family : PLANTED.families()) {
      JsonObject category = categoryOf(family);
      assertThat(categories.add(category.get("number").getAsInt()))
          .as(family.title() + " shares a category with another family")
          .isTrue();
      assertThat(category.get("total").getAsLong()).as(family.title()).isEqualTo(family.count());
      for (PlantedMessage member : family.members()) {
        long total = 0;
        for (JsonElement message : category.getAsJsonArray("messages")) {
          if (isOf(message.getAsJsonObject(), member)) {
            total += message.getAsJsonObject().get("total").getAsLong();
          }
        }
        assertThat(total).as(family.title() + ": " + member.example()).isEqualTo(member.count());
      }
    }
    assertThat(categories).hasSize(7);
  }

  @Test
  void reportsTheFamiliesSeveritiesServicesModulesAndSourceLocations() {
    for (PlantedFamily family : PLANTED.families()) {
      JsonObject category = categoryOf(family);
      assertThat(strings(category.getAsJsonArray("severities")))
          .as(family.title())
          .containsExactlyInAnyOrderElementsOf(
              family.members().stream().map(m -> m.severity().name()).distinct().toList());
      assertThat(strings(category.getAsJsonArray("services"))).containsExactly(family.service());
      assertThat(strings(category.getAsJsonArray("modules")))
          .containsExactlyInAnyOrderElementsOf(
              family.members().stream().map(PlantedMessage::module).distinct().toList());
      for (JsonElement message : category.getAsJsonArray("messages")) {
        assertThat(family.members())
            .as(family.title() + " holds " + message.getAsJsonObject().get("message"))
            .anyMatch(member -> isOf(message.getAsJsonObject(), member));
      }
    }
  }

  @Test
  void ranksThePlantedErrorsFirstAndTheExpectedFamiliesLow() {
    JsonArray categories = worklog.getAsJsonArray("categories");
    int lastP0 = -1;
    int firstOther = Integer.MAX_VALUE;
    for (int i = 0; i < categories.size(); i++) {
      if (categories.get(i).getAsJsonObject().get("priority").getAsString().equals("P0")) {
        lastP0 = i;
      } else {
        firstOther = Math.min(firstOther, i);
      }
    }
    assertThat(lastP0).isLessThan(firstOther);
    List<String> priorities = new ArrayList<>();
    for (PlantedFamily family : PLANTED.families()) {
      JsonObject category = categoryOf(family);
      String priority = category.get("priority").getAsString();
      priorities.add(priority);
      if (family.number() >= 5) {
        assertThat(category.get("expected").getAsBoolean() || priority.matches("P[34]"))
            .as(family.title() + " is low priority or expected, got " + priority)
            .isTrue();
      }
    }
    // One day of data and nothing before it: no baseline, so nothing is raised for novelty.
    assertThat(priorities.subList(0, 4)).containsExactly("P1", "P1", "P1", "P2");
  }

  @Test
  void reportsTheSevenPlantedFamiliesAsTheSevenProblemsAndTheRestAsRoutine() {
    Set<Integer> planted = new TreeSet<>();
    for (PlantedFamily family : PLANTED.families()) {
      planted.add(categoryOf(family).get("number").getAsInt());
    }
    List<Integer> problems = new ArrayList<>();
    for (JsonElement element : worklog.getAsJsonArray("categories")) {
      JsonObject category = element.getAsJsonObject();
      if (category.get("problem").getAsBoolean()) {
        problems.add(category.get("number").getAsInt());
      }
    }
    assertThat(problems).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(planted).containsExactlyElementsOf(problems);
    assertThat(worklog.get("baseline").getAsBoolean()).isFalse();
    assertThat(markdown)
        .contains("**7 problems, 3 need attention (P0-P1)**, among 36 kinds of log activity")
        .contains("## Routine Activity")
        .doesNotContain("## Issue #8:");
  }

  @ParameterizedTest
  @EnumSource(WorklogJob.Format.class)
  void rendersTheBundledSampleExactlyAsTheGoldenFiles(WorklogJob.Format format) throws Exception {
    WorklogSettings settings = WorklogSettings.defaults(WorklogRules.loadDefault());
    String rendered;
    try (DuckDbIssueWindowSource source = DuckDbIssueWindowSource.open(store)) {
      Worklog sample = WorklogJob.build(source, DAY, settings, DAY.to());
      rendered = WorklogJob.render(sample, format);
    }
    Path golden =
        Path.of(
            "src/test/resources/fixtures/worklog/bundled-sample."
                + format.name().toLowerCase(Locale.ROOT));
    if (Boolean.getBoolean("worklog.updateGolden")) {
      Files.writeString(golden, rendered, StandardCharsets.UTF_8);
    }
    assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void noPlantedSecretReachesTheStoreTheWorklogOrOurLogs() throws Exception {
    String logs = LOGS.toString(StandardCharsets.UTF_8);
    List<String> storeText = storeText();
    assertThat(storeText).isNotEmpty();
    for (PlantedSecret secret : PLANTED.secrets()) {
      assertThat(json).as(secret.kind().name()).doesNotContain(secret.value());
      assertThat(markdown).as(secret.kind().name()).doesNotContain(secret.value());
      assertThat(logs).as(secret.kind().name()).doesNotContain(secret.value());
      assertThat(storeText)
          .as(secret.kind().name())
          .noneMatch(value -> value.contains(secret.value()));
    }
  }

  /** Every value of every table and view except the dead letters, which keep raw payloads. */
  private static List<String> storeText() throws Exception {
    List<String> values = new ArrayList<>();
    try (DuckDbStore duckdb = DuckDbStore.openReadOnly(store)) {
      Connection connection = duckdb.connection();
      List<String> tables = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT table_name FROM information_schema.tables"
                      + " WHERE table_name <> 'dead_letters'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
              Object value = rows.getObject(c);
              if (value != null) {
                values.add(value.toString());
              }
            }
          }
        }
      }
    }
    return values;
  }

  private static JsonObject categoryOf(PlantedFamily family) {
    Set<JsonObject> found = new LinkedHashSet<>();
    for (JsonElement element : worklog.getAsJsonArray("categories")) {
      JsonObject category = element.getAsJsonObject();
      for (JsonElement message : category.getAsJsonArray("messages")) {
        if (family.members().stream().anyMatch(m -> isOf(message.getAsJsonObject(), m))) {
          found.add(category);
        }
      }
    }
    assertThat(found).as(family.title() + " in exactly one category").hasSize(1);
    return found.iterator().next();
  }

  /** Whether a worklog message is one of the planted message's fingerprints. */
  private static boolean isOf(JsonObject message, PlantedMessage member) {
    if (message.get("logger").isJsonNull()
        || !message.get("logger").getAsString().equals(member.module())
        || !strings(message.getAsJsonArray("services")).contains(member.service())) {
      return false;
    }
    boolean located = false;
    for (JsonElement element : message.getAsJsonArray("source_locations")) {
      JsonObject location = element.getAsJsonObject();
      located |=
          location.get("file").getAsString().equals(member.file())
              && location.get("line").getAsLong() == member.line()
              && location.get("function").getAsString().equals(member.function());
    }
    return located
        && (!member.module().equals("uvicorn.access")
            || message.get("template").getAsString().contains("GET /health/ready"));
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    array.forEach(e -> values.add(e.getAsString()));
    return values;
  }

  private static String[] with(
      String command, String a, String b, String c, String d, String[] more) {
    List<String> args = new ArrayList<>(List.of(command, a, b, c, d));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String run(String... args) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
    int status = Main.run(args, stream, stream);
    String text = output.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    assertThat(status).as(String.join(" ", args) + ":\n" + text).isZero();
    return text;
  }
}
