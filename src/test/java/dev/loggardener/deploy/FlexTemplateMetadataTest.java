package dev.loggardener.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every deploy/flex-templates/{@literal *}/metadata.json against the documented Flex
 * Template metadata format: only known keys (a misspelt key is silently ignored by Dataflow),
 * required fields present, regexes that compile and accept the example in the help text.
 */
class FlexTemplateMetadataTest {
  static final Path TEMPLATES = Path.of("deploy", "flex-templates");

  private static final Set<String> TEMPLATE_KEYS =
      Set.of(
          "name",
          "description",
          "parameters",
          "streaming",
          "supportsAtLeastOnce",
          "supportsExactlyOnce",
          "defaultStreamingMode");
  private static final Set<String> PARAMETER_KEYS =
      Set.of(
          "name",
          "label",
          "helpText",
          "isOptional",
          "regexes",
          "paramType",
          "groupName",
          "parentName",
          "parentTriggerValues",
          "enumOptions",
          "defaultValue",
          "hiddenUi",
          "customMetadata");
  private static final Set<String> PARAM_TYPES =
      Set.of(
          "TEXT",
          "NUMBER",
          "BOOLEAN",
          "ENUM",
          "GCS_READ_FILE",
          "GCS_WRITE_FILE",
          "GCS_READ_FOLDER",
          "GCS_WRITE_FOLDER",
          "PUBSUB_TOPIC",
          "PUBSUB_SUBSCRIPTION",
          "BIGQUERY_TABLE",
          "JAVASCRIPT_UDF_FILE",
          "SERVICE_ACCOUNT",
          "MACHINE_TYPE",
          "KMS_KEY_NAME",
          "WORKER_REGION",
          "WORKER_ZONE",
          "KAFKA_TOPIC",
          "KAFKA_READ_TOPIC",
          "KAFKA_WRITE_TOPIC");
  private static final Set<String> STREAMING_MODES = Set.of("AT_LEAST_ONCE", "EXACTLY_ONCE");
  private static final Pattern OPTION_NAME = Pattern.compile("^[a-z][a-zA-Z0-9]*$");
  private static final Pattern EXAMPLE = Pattern.compile("e\\.g\\. (\\S+?)\\.?$");

  static List<Path> metadataFiles() throws IOException {
    assertThat(TEMPLATES).as("Flex Template folder").isDirectory();
    try (Stream<Path> dirs = Files.list(TEMPLATES)) {
      return dirs.map(dir -> dir.resolve("metadata.json"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  static JsonObject read(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  @Test
  void shipsMetadataForBothJobs() throws IOException {
    assertThat(metadataFiles())
        .containsExactly(
            TEMPLATES.resolve("log-stream/metadata.json"),
            TEMPLATES.resolve("worklog/metadata.json"));
  }

  @ParameterizedTest
  @MethodSource("metadataFiles")
  void usesOnlyDocumentedTemplateKeysWithTheirTypes(Path file) throws IOException {
    JsonObject metadata = read(file);
    assertThat(metadata.keySet()).as(file.toString()).isSubsetOf(TEMPLATE_KEYS);
    assertThat(metadata.get("name").getAsString()).as("name").isNotBlank();
    assertThat(metadata.get("description").getAsString()).as("description").isNotBlank();
    assertThat(metadata.get("parameters").isJsonArray()).as("parameters is a list").isTrue();
    for (String flag : List.of("streaming", "supportsAtLeastOnce", "supportsExactlyOnce")) {
      if (metadata.has(flag)) {
        assertThat(metadata.get(flag).getAsJsonPrimitive().isBoolean()).as(flag).isTrue();
      }
    }
    if (metadata.has("defaultStreamingMode")) {
      assertThat(metadata.get("defaultStreamingMode").getAsString()).isIn(STREAMING_MODES);
    }
  }

  @ParameterizedTest
  @MethodSource("metadataFiles")
  void describesEveryParameterWithDocumentedKeysOnce(Path file) throws IOException {
    Set<String> names = new HashSet<>();
    for (JsonElement element : read(file).getAsJsonArray("parameters")) {
      JsonObject parameter = element.getAsJsonObject();
      String name = parameter.get("name").getAsString();
      assertThat(names.add(name)).as("%s: %s appears once", file, name).isTrue();
      assertThat(name).as("%s: option name", file).matches(OPTION_NAME);
      assertThat(parameter.keySet()).as("%s: keys of %s", file, name).isSubsetOf(PARAMETER_KEYS);
      assertThat(parameter.get("label").getAsString()).as("%s label", name).isNotBlank();
      assertThat(parameter.get("helpText").getAsString())
          .as("%s helpText is a sentence", name)
          .isNotBlank()
          .endsWith(".");
      if (parameter.has("isOptional")) {
        assertThat(parameter.get("isOptional").getAsJsonPrimitive().isBoolean())
            .as("%s isOptional is a boolean", name)
            .isTrue();
      }
      if (parameter.has("paramType")) {
        assertThat(parameter.get("paramType").getAsString())
            .as("%s paramType", name)
            .isIn(PARAM_TYPES);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("metadataFiles")
  void compilesEveryRegexAndAcceptsTheHelpTextExample(Path file) throws IOException {
    for (JsonElement element : read(file).getAsJsonArray("parameters")) {
      JsonObject parameter = element.getAsJsonObject();
      if (!parameter.has("regexes")) {
        continue;
      }
      String name = parameter.get("name").getAsString();
      var matcher = EXAMPLE.matcher(parameter.get("helpText").getAsString());
      for (JsonElement regex : parameter.getAsJsonArray("regexes")) {
        assertThatCode(() -> Pattern.compile(regex.getAsString()))
            .as("%s regex compiles", name)
            .doesNotThrowAnyException();
        if (matcher.find(0)) {
          assertThat(matcher.group(1))
              .as("%s example vs its regex", name)
              .matches(regex.getAsString());
        }
      }
    }
  }
}
