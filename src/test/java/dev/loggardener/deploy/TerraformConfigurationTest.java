package dev.loggardener.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks deploy/terraform without providers (they cannot be downloaded here, so {@code terraform
 * validate} cannot run): formatting through the binary when it exists, and bracket balance,
 * references to files, schema columns, variables, locals and resources by reading the text; the
 * subscription suits Dataflow's Pub/Sub source, every sink feeds the topic with its own grant, and
 * both jobs run on the configured subnetwork without public IPs by default.
 */
class TerraformConfigurationTest {
  private static final Path TERRAFORM = Path.of("deploy", "terraform");
  private static final Pattern MODULE_FILE =
      Pattern.compile("(?:file|templatefile)\\(\"\\$\\{path\\.module\\}/([^\"]+)\"");
  private static final Pattern SCHEMA_FILE =
      Pattern.compile("schema\\s*=\\s*file\\(\"\\$\\{path\\.module\\}/([^\"]+)\"");
  private static final Pattern VAR_REFERENCE = Pattern.compile("\\bvar\\.([a-z0-9_]+)");
  private static final Pattern VARIABLE_BLOCK =
      Pattern.compile("(?m)^variable \"([a-z0-9_]+)\" \\{(.*?)^\\}", Pattern.DOTALL);
  private static final Pattern LOCAL_REFERENCE = Pattern.compile("\\blocal\\.([a-z0-9_]+)");
  private static final Pattern LOCALS_BLOCK =
      Pattern.compile("(?m)^locals \\{(.*?)^\\}", Pattern.DOTALL);
  private static final Pattern TOP_LEVEL_LOCAL = Pattern.compile("(?m)^  ([a-z0-9_]+)\\s*=");
  private static final Pattern DECLARATION =
      Pattern.compile("(?m)^\\s*(resource|data) \"([a-z0-9_]+)\" \"([a-z0-9_]+)\"");
  private static final Pattern RESOURCE_REFERENCE =
      Pattern.compile("(?<![\\w.\"])(data\\.)?(google_[a-z0-9_]+)\\.([a-z0-9_]+)\\b");
  private static final Pattern TABLE_BLOCK =
      Pattern.compile(
          "(?m)^resource \"google_bigquery_table\" \"([a-z_]+)\" \\{(.*?)^\\}", Pattern.DOTALL);
  private static final Pattern TFVARS_ASSIGNMENT = Pattern.compile("(?m)^([a-z0-9_]+)\\s*=");

  static Stream<Path> terraformFiles() throws IOException {
    try (Stream<Path> files = Files.walk(TERRAFORM)) {
      List<Path> list =
          files
              .filter(f -> f.toString().endsWith(".tf") || f.toString().endsWith(".tfvars"))
              .sorted()
              .toList();
      assertThat(list).as("Terraform files under %s", TERRAFORM.toAbsolutePath()).isNotEmpty();
      return list.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("terraformFiles")
  void closesEveryBracketStringAndHeredoc(Path file) throws IOException {
    assertThat(HclText.bracketError(read(file))).as(file.toString()).isEmpty();
  }

  @Test
  void isFormattedAsTerraformFmtWants() throws Exception {
    Optional<Path> binary = terraformBinary();
    assumeTrue(binary.isPresent(), "no terraform binary on PATH or in /usr/local/bin");
    Path config = Files.createTempFile("terraformrc", "");
    ProcessBuilder fmt =
        new ProcessBuilder(
                binary.get().toString(),
                "fmt",
                "-check",
                "-recursive",
                "-diff",
                TERRAFORM.toString())
            .redirectErrorStream(true);
    fmt.environment().put("CHECKPOINT_DISABLE", "1");
    fmt.environment().put("TF_CLI_CONFIG_FILE", config.toString());
    Process process = fmt.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("terraform fmt -check wants changes (run terraform fmt -recursive):%n%s", output)
        .isZero();
  }

  @Test
  void referencesOnlyFilesThatExist() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path file : tfFiles()) {
      Matcher reference = MODULE_FILE.matcher(HclText.withoutComments(read(file)));
      while (reference.find()) {
        String relative = reference.group(1);
        if (relative.contains("${")) {
          continue;
        }
        if (!Files.isRegularFile(TERRAFORM.resolve(relative))) {
          missing.add(file.getFileName() + " -> " + relative);
        }
      }
    }
    assertThat(missing).as("file()/templatefile() paths that do not exist").isEmpty();
  }

  @Test
  void createsOneViewPerSqlFileAndTheSqlUsesOnlyTheVariablesPassedToIt() throws IOException {
    String bigquery = HclText.withoutComments(read(TERRAFORM.resolve("bigquery.tf")));
    Matcher views = Pattern.compile("views = \\{(.*?)\\n  \\}", Pattern.DOTALL).matcher(bigquery);
    assertThat(views.find()).as("local.views in bigquery.tf").isTrue();
    Set<String> declared =
        TOP_LEVEL_LOCAL
            .matcher(views.group(1).replaceAll("(?m)^  ", ""))
            .results()
            .map(m -> m.group(1))
            .collect(Collectors.toCollection(TreeSet::new));
    Path viewDir = TERRAFORM.resolve("../bigquery/views").normalize();
    Set<String> files;
    try (Stream<Path> sql = Files.list(viewDir)) {
      files =
          sql.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".sql"))
              .map(n -> n.substring(0, n.length() - 4))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(declared).as("views declared in bigquery.tf vs SQL files").isEqualTo(files);
    for (String view : files) {
      String sql = read(viewDir.resolve(view + ".sql"));
      Set<String> used =
          Pattern.compile("\\$\\{([a-z_]+)\\}")
              .matcher(sql)
              .results()
              .map(m -> m.group(1))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(used)
          .as("template variables in %s.sql", view)
          .isEqualTo(Set.of("dataset", "project"));
      assertThat(sql).as("%s.sql must not use template directives", view).doesNotContain("%{");
    }
  }

  @Test
  void partitionsAndClustersTablesOnColumnsOfTheirSchemaFile() throws IOException {
    String bigquery = HclText.withoutComments(read(TERRAFORM.resolve("bigquery.tf")));
    Matcher table = TABLE_BLOCK.matcher(bigquery);
    int checked = 0;
    while (table.find()) {
      String body = table.group(2);
      Matcher schema = SCHEMA_FILE.matcher(body);
      if (!schema.find()) {
        continue;
      }
      Map<String, String> columns = columnTypes(TERRAFORM.resolve(schema.group(1)));
      Matcher partitionField = Pattern.compile("field\\s*=\\s*\"([a-z_]+)\"").matcher(body);
      assertThat(partitionField.find()).as("%s has a partition field", table.group(1)).isTrue();
      assertThat(columns.get(partitionField.group(1)))
          .as("%s partition column %s", table.group(1), partitionField.group(1))
          .isIn("TIMESTAMP", "DATE", "DATETIME");
      Matcher clustering = Pattern.compile("clustering\\s*=\\s*\\[([^]]*)]").matcher(body);
      assertThat(clustering.find()).as("%s is clustered", table.group(1)).isTrue();
      for (String column : clustering.group(1).replace("\"", "").split("\\s*,\\s*")) {
        assertThat(columns).as("%s clustering column", table.group(1)).containsKey(column.trim());
      }
      checked++;
    }
    assertThat(checked).as("tables built from schema files").isEqualTo(2);
  }

  @Test
  void declaresEveryVariableItUsesAndUsesEveryVariableItDeclares() throws IOException {
    Map<String, String> declared = declaredVariables();
    Set<String> used = new TreeSet<>();
    for (Path file : tfFiles()) {
      VAR_REFERENCE
          .matcher(HclText.withoutComments(read(file)))
          .results()
          .forEach(m -> used.add(m.group(1)));
    }
    assertThat(used).as("variables used but not declared").isSubsetOf(declared.keySet());
    assertThat(declared.keySet()).as("variables declared but never used").isSubsetOf(used);
    declared.forEach(
        (name, body) ->
            assertThat(body).as("variable %s has a description", name).contains("description"));
  }

  @Test
  void environmentFilesSetOnlyDeclaredVariablesAndEveryRequiredOne() throws IOException {
    Map<String, String> declared = declaredVariables();
    Set<String> required =
        declared.entrySet().stream()
            .filter(e -> !e.getValue().contains("default"))
            .map(Map.Entry::getKey)
            .collect(Collectors.toCollection(TreeSet::new));
    List<Path> environments;
    try (Stream<Path> files = Files.list(TERRAFORM.resolve("env"))) {
      environments = files.filter(f -> f.toString().endsWith(".tfvars")).sorted().toList();
    }
    assertThat(environments).as("example environment files").isNotEmpty();
    for (Path environment : environments) {
      Set<String> set =
          TFVARS_ASSIGNMENT
              .matcher(HclText.withoutComments(read(environment)))
              .results()
              .map(m -> m.group(1))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(set).as("%s sets undeclared variables", environment).isSubsetOf(declared.keySet());
      assertThat(set).as("%s misses required variables", environment).containsAll(required);
    }
  }

  @Test
  void declaresEveryLocalAndResourceItReferences() throws IOException {
    Set<String> locals = new TreeSet<>();
    Set<String> declarations = new TreeSet<>();
    StringBuilder all = new StringBuilder();
    for (Path file : tfFiles()) {
      String text = HclText.withoutComments(read(file));
      all.append(text).append('\n');
      Matcher block = LOCALS_BLOCK.matcher(text);
      while (block.find()) {
        TOP_LEVEL_LOCAL.matcher(block.group(1)).results().forEach(m -> locals.add(m.group(1)));
      }
      DECLARATION
          .matcher(text)
          .results()
          .forEach(
              m ->
                  declarations.add(
                      (m.group(1).equals("data") ? "data." : "") + m.group(2) + "." + m.group(3)));
    }
    Set<String> usedLocals =
        LOCAL_REFERENCE
            .matcher(all)
            .results()
            .map(m -> m.group(1))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(usedLocals).as("locals used but not declared").isSubsetOf(locals);
    Set<String> usedResources =
        RESOURCE_REFERENCE
            .matcher(all)
            .results()
            .map(m -> (m.group(1) == null ? "" : "data.") + m.group(2) + "." + m.group(3))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(usedResources).as("resources referenced but not declared").isSubsetOf(declarations);
  }

  @Test
  void noSubscriptionHasAPubSubDeadLetterOrRetryPolicy() throws IOException {
    List<HclText.Block> subscriptions =
        HclText.blocks(
            HclText.withoutComments(read(TERRAFORM.resolve("pubsub.tf"))),
            Pattern.compile("(?m)^resource \"google_pubsub_subscription\" \"([a-z0-9_]+)\""));
    assertThat(subscriptions).isNotEmpty();
    for (HclText.Block subscription : subscriptions) {
      assertThat(subscription.body())
          .as(
              "subscription %s (Dataflow's Pub/Sub source supports neither policy)",
              subscription.name())
          .doesNotContain("dead_letter_policy")
          .doesNotContain("retry_policy");
    }
  }

  @Test
  void everySinkFeedsTheEntriesTopicAndItsWriterMayPublishThere() throws IOException {
    String logging = HclText.withoutComments(read(TERRAFORM.resolve("logging.tf")));
    List<HclText.Block> sinks =
        HclText.blocks(
            logging,
            Pattern.compile(
                "(?m)^resource \"google_logging_(project|folder|organization)_sink\" \"entries\""));
    assertThat(sinks)
        .extracting(HclText.Block::name)
        .containsExactly("project", "folder", "organization");
    for (HclText.Block sink : sinks) {
      assertThat(sink.body())
          .as("%s sink", sink.name())
          .containsPattern("destination\\s*=\\s*local\\.sink_destination\\n")
          .containsPattern("filter\\s*=\\s*var\\.log_filter\\n")
          .contains("for_each = var.log_exclusions");
      if (!sink.name().equals("project")) {
        assertThat(sink.body())
            .as("%s sink exports its children", sink.name())
            .containsPattern("include_children\\s*=\\s*true\\n");
      }
      assertThat(logging)
          .as("local.sink_writers holds the %s sink's writer identity", sink.name())
          .contains(
              "for sink in google_logging_"
                  + sink.name()
                  + "_sink.entries : \""
                  + sink.name()
                  + "\" => sink.writer_identity");
    }
    HclText.Block grant =
        HclText.blocks(
                logging,
                Pattern.compile(
                    "(?m)^resource \"google_pubsub_topic_iam_member\" \"(sink_publishes_entries)\""))
            .get(0);
    assertThat(grant.body())
        .containsPattern("for_each\\s*=\\s*local\\.sink_writers\\n")
        .containsPattern("topic\\s*=\\s*google_pubsub_topic\\.log_entries\\.id\\n")
        .containsPattern("role\\s*=\\s*\"roles/pubsub\\.publisher\"\\n")
        .containsPattern("member\\s*=\\s*each\\.value\\n");
  }

  @Test
  void bothJobsRunOnTheConfiguredSubnetworkWithoutPublicIpsByDefault() throws IOException {
    assertThat(declaredVariables().get("worker_public_ips"))
        .as("worker_public_ips defaults to no public IPs")
        .containsPattern("default\\s*=\\s*false\\n");
    String dataflow = HclText.withoutComments(read(TERRAFORM.resolve("dataflow.tf")));
    String scheduler = HclText.withoutComments(read(TERRAFORM.resolve("scheduler.tf")));
    for (String option : List.of("network", "subnetwork", "ip_configuration")) {
      assertThat(dataflow)
          .as("streaming job %s", option)
          .containsPattern(
              "(?m)^    " + option + "\\s*=\\s*local\\.worker_network\\." + option + "$");
    }
    for (String option : List.of("network", "subnetwork", "ipConfiguration")) {
      String local = option.equals("ipConfiguration") ? "ip_configuration" : option;
      assertThat(scheduler)
          .as("worklog launch environment %s", option)
          .containsPattern(
              "(?m)^\\s+" + option + "\\s*=\\s*local\\.worker_network\\." + local + "$");
    }
    assertThat(HclText.withoutComments(read(TERRAFORM.resolve("network.tf"))))
        .as("plan warns when the subnetwork lacks Private Google Access")
        .contains("check \"workers_reach_google_apis\"")
        .contains("private_ip_google_access");
  }

  private static Map<String, String> declaredVariables() throws IOException {
    Map<String, String> declared = new LinkedHashMap<>();
    for (Path file : tfFiles()) {
      VARIABLE_BLOCK
          .matcher(read(file))
          .results()
          .forEach(m -> declared.put(m.group(1), m.group(2)));
    }
    assertThat(declared).as("declared variables").isNotEmpty();
    return declared;
  }

  private static Map<String, String> columnTypes(Path schemaFile) throws IOException {
    assertThat(schemaFile).as("schema file").isRegularFile();
    JsonArray fields = JsonParser.parseString(read(schemaFile)).getAsJsonArray();
    Map<String, String> types = new HashMap<>();
    for (JsonElement field : fields) {
      JsonObject column = field.getAsJsonObject();
      types.put(column.get("name").getAsString(), column.get("type").getAsString());
    }
    return types;
  }

  private static List<Path> tfFiles() throws IOException {
    try (Stream<Path> files = Files.list(TERRAFORM)) {
      return files.filter(f -> f.toString().endsWith(".tf")).sorted().toList();
    }
  }

  private static Optional<Path> terraformBinary() {
    return Stream.concat(
            Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "terraform")),
            Stream.of(Path.of("/usr/local/bin/terraform")))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
