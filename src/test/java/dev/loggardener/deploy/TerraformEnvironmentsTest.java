package dev.loggardener.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Staging and production are kept apart: each environment has its own variables file and its own
 * state prefix in a GCS backend, state and provider downloads never enter git while the lock file
 * may, both run the same streaming mode and write method, and data is protected from deletion in
 * every environment.
 */
class TerraformEnvironmentsTest {
  private static final Path ENV = TerraformText.ROOT.resolve("env");
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?m)^([a-z0-9_]+)\\s*=\\s*\"?([^\"\\n]*)\"?\\s*$");
  private static final Pattern VARIABLE = Pattern.compile("(?m)^variable \"([a-z0-9_]+)\"");
  private static final Pattern DEFAULT =
      Pattern.compile("(?m)^  default\\s*=\\s*\"?([^\"\\n]*)\"?\\s*$");

  @Test
  void everyEnvironmentHasItsVariablesAndItsOwnStatePrefix() throws IOException {
    assertThat(TerraformText.load().file("versions.tf"))
        .as("a partial GCS backend, completed per environment at init")
        .containsPattern("backend \"gcs\" \\{\\}");
    Set<String> tfvars = environments(".tfvars");
    assertThat(tfvars).as("example environments").contains("staging", "production");
    assertThat(environments(".gcs.tfbackend"))
        .as("backend files match tfvars files")
        .isEqualTo(tfvars);
    Set<String> prefixes = new TreeSet<>();
    for (String environment : tfvars) {
      Map<String, String> backend = assignments(ENV.resolve(environment + ".gcs.tfbackend"));
      assertThat(backend).as("%s backend", environment).containsOnlyKeys("bucket", "prefix");
      assertThat(backend.get("prefix"))
          .as("%s state prefix", environment)
          .endsWith("/" + environment);
      assertThat(prefixes.add(backend.get("prefix")))
          .as("prefix %s is unique", backend.get("prefix"))
          .isTrue();
      assertThat(assignments(ENV.resolve(environment + ".tfvars")).get("environment"))
          .as("environment set in %s.tfvars", environment)
          .isEqualTo(environment);
    }
    assertThat(TerraformText.read(Path.of("deploy", "scripts", "terraform.sh")))
        .as("terraform.sh pairs the backend and the variables of one environment")
        .contains("-backend-config=\"env/${ENVIRONMENT}.gcs.tfbackend\"")
        .contains("-var-file=\"env/${ENVIRONMENT}.tfvars\"")
        .contains("-reconfigure");
  }

  @Test
  void environmentsRunTheSameStreamingModeAndProtectTheirData() throws IOException {
    Map<String, String> defaults = variableDefaults();
    Map<String, String> modes = new TreeMap<>();
    Map<String, String> writeMethods = new TreeMap<>();
    for (String environment : environments(".tfvars")) {
      Path file = ENV.resolve(environment + ".tfvars");
      Map<String, String> values = assignments(file);
      modes.put(environment, values.getOrDefault("streaming_mode", defaults.get("streaming_mode")));
      Matcher writeMethod =
          Pattern.compile("bigQueryWriteMethod\\s*=\\s*\"([A-Z_]+)\"")
              .matcher(HclText.withoutComments(TerraformText.read(file)));
      writeMethods.put(environment, writeMethod.find() ? writeMethod.group(1) : "the default");
      assertThat(values.getOrDefault("deletion_protection", defaults.get("deletion_protection")))
          .as("deletion_protection in %s", file)
          .isEqualTo("true");
    }
    assertThat(Set.copyOf(modes.values()))
        .as("streaming mode per environment: %s", modes)
        .hasSize(1);
    assertThat(Set.copyOf(writeMethods.values()))
        .as("BigQuery write method per environment: %s", writeMethods)
        .hasSize(1);
    assertThat(defaults.get("deletion_protection")).isEqualTo("true");
  }

  @Test
  void gitIgnoresStateAndProviderDownloadsButNotTheLockFile() throws Exception {
    Optional<Path> git = executable("git");
    assumeTrue(git.isPresent(), "no git on PATH");
    for (String path :
        List.of(
            "deploy/terraform/.terraform/providers/registry.terraform.io/hashicorp/google/x",
            "deploy/terraform/terraform.tfstate",
            "deploy/terraform/terraform.tfstate.backup",
            "deploy/terraform/errored.tfstate")) {
      assertThat(ignored(git.get(), path)).as("%s is ignored", path).isTrue();
    }
    assertThat(ignored(git.get(), "deploy/terraform/.terraform.lock.hcl"))
        .as("the provider lock file is committed, not ignored")
        .isFalse();
    try (Stream<Path> files = Files.walk(Path.of("deploy"))) {
      assertThat(files.map(Path::toString).filter(f -> f.contains(".tfstate")).toList())
          .as("state files in the repository")
          .isEmpty();
    }
  }

  private static boolean ignored(Path git, String path) throws Exception {
    Process process =
        new ProcessBuilder(git.toString(), "check-ignore", "--quiet", "--no-index", path)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("git check-ignore %s: %s", path, output).isIn(0, 1);
    return process.exitValue() == 0;
  }

  private static Set<String> environments(String suffix) throws IOException {
    try (Stream<Path> files = Files.list(ENV)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(suffix))
          .map(name -> name.substring(0, name.length() - suffix.length()))
          .filter(name -> !name.contains("."))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Map<String, String> assignments(Path file) {
    Map<String, String> values = new TreeMap<>();
    ASSIGNMENT
        .matcher(HclText.withoutComments(TerraformText.read(file)))
        .results()
        .forEach(m -> values.put(m.group(1), m.group(2).trim()));
    return values;
  }

  private static Map<String, String> variableDefaults() {
    Map<String, String> defaults = new TreeMap<>();
    for (HclText.Block variable :
        HclText.blocks(TerraformText.load().file("variables.tf"), VARIABLE)) {
      Matcher value = DEFAULT.matcher(variable.body());
      if (value.find()) {
        defaults.put(variable.name(), value.group(1).trim());
      }
    }
    return defaults;
  }

  private static Optional<Path> executable(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
