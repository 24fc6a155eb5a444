package dev.loggardener.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code gcloud dataflow flex-template build --print-only} on each metadata.json, the same
 * parser the real build uses. With a prebuilt {@code --image} and {@code --print-only} gcloud
 * builds the template spec locally: no Cloud Build, no upload, no credentials. It runs with an
 * empty configuration directory and the GCE metadata probe off, so it touches no network.
 */
class FlexTemplateBuildTest {
  @TempDir Path config;

  static List<Path> metadataFiles() throws IOException {
    return FlexTemplateMetadataTest.metadataFiles();
  }

  @ParameterizedTest
  @MethodSource("metadataFiles")
  void gcloudBuildsATemplateSpecFromTheMetadata(Path file) throws Exception {
    String name = FlexTemplateMetadataTest.read(file).get("name").getAsString();
    Result result = printOnly(file);
    assertThat(result.exitCode()).as("gcloud refused %s:%n%s", file, result.output()).isZero();
    assertThat(result.output()).contains("\"name\": \"" + name + "\"");
  }

  @Test
  void gcloudRefusesMetadataWithAParameterWithoutLabel() throws Exception {
    Path broken = config.resolve("broken.json");
    Files.writeString(
        broken, "{\"name\": \"x\", \"parameters\": [{\"name\": \"a\", \"helpText\": \"Help.\"}]}");
    Result result = printOnly(broken);
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("label");
  }

  private record Result(int exitCode, String output) {}

  private Result printOnly(Path metadata) throws Exception {
    Path gcloud = gcloud();
    ProcessBuilder build =
        new ProcessBuilder(
                gcloud.toString(),
                "dataflow",
                "flex-template",
                "build",
                "gs://offline-check/template.json",
                "--image=gcr.io/offline-check/launcher:test",
                "--sdk-language=JAVA",
                "--metadata-file=" + metadata.toAbsolutePath(),
                "--print-only")
            .redirectErrorStream(true);
    build.environment().put("CLOUDSDK_CONFIG", config.resolve("gcloud").toString());
    build.environment().put("CLOUDSDK_CORE_DISABLE_PROMPTS", "1");
    build.environment().put("CLOUDSDK_CORE_CHECK_GCE_METADATA", "false");
    build.environment().put("CLOUDSDK_CORE_DISABLE_USAGE_REPORTING", "true");
    build.environment().put("CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK", "true");
    Process process = build.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("gcloud finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  private static Path gcloud() {
    Path found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, "gcloud"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    assumeTrue(
        found != null, "gcloud is not installed; FlexTemplateMetadataTest still checks the format");
    return found;
  }
}
