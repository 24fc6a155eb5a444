package dev.loggardener.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The streaming job's launch options have one source: Terraform's {@code local.stream_launch}. The
 * job resource takes every argument from it, the scripts build every gcloud flag from the same
 * object (deploy/scripts/common.sh reads it as a planned output), scaling goes through the in-place
 * update path, the provider's replace-on-change arguments are ignored wherever they take a tunable
 * value, and the provider versions admit every argument used.
 */
class StreamLaunchOptionsTest {
  private static final Path SCRIPTS = Path.of("deploy", "scripts");
  private static final Pattern STREAM_JOB =
      Pattern.compile("(?m)^resource \"google_dataflow_flex_template_job\" \"(stream)\"");
  private static final Pattern STREAM_LAUNCH = Pattern.compile("(?m)^  (stream_launch) =");
  private static final Pattern TOP_LEVEL_ARGUMENT =
      Pattern.compile("(?m)^  ([a-z_]+)\\s*=\\s*(.+)$");
  private static final Pattern LAUNCH_KEY = Pattern.compile("(?m)^    ([a-z_]+)\\s*=\\s*(.+)$");
  private static final Pattern FLAG_LINE = Pattern.compile("(?m)^.*\"(--[a-z-]+)[^\\n]*$");
  private static final Pattern FIRST_KEY = Pattern.compile("\\(?\\.([a-z_]+)");

  /** Arguments of the resource that are Terraform's own, not options of the Dataflow job. */
  private static final Set<String> TERRAFORM_ONLY =
      Set.of("provider", "count", "on_delete", "transform_name_mapping", "depends_on");

  /** The gcloud flag of each provider argument ({@code name} is gcloud's positional JOB_NAME). */
  private static final Map<String, String> GCLOUD_FLAG =
      Map.ofEntries(
          Map.entry("project", "--project"),
          Map.entry("region", "--region"),
          Map.entry("container_spec_gcs_path", "--template-file-gcs-location"),
          Map.entry("parameters", "--parameters"),
          Map.entry("service_account_email", "--service-account-email"),
          Map.entry("temp_location", "--temp-location"),
          Map.entry("staging_location", "--staging-location"),
          Map.entry("enable_streaming_engine", "--enable-streaming-engine"),
          Map.entry("machine_type", "--worker-machine-type"),
          Map.entry("max_workers", "--max-workers"),
          Map.entry("network", "--network"),
          Map.entry("subnetwork", "--subnetwork"),
          Map.entry("ip_configuration", "--disable-public-ips"),
          Map.entry("labels", "--additional-user-labels"),
          Map.entry("additional_pipeline_options", "--additional-pipeline-options"));

  /**
   * Arguments google_dataflow_flex_template_job replaces the job on (ForceNew in the provider's
   * schema, google-beta 6.x): a change drains the job and starts a new one without its state.
   */
  private static final Set<String> REPLACE_ON_CHANGE =
      Set.of("name", "region", "project", "num_workers", "max_workers", "enable_streaming_engine");

  /** Variables that name where the job lives; changing them moves it and cannot keep state. */
  private static final Set<String> PLACEMENT_VARIABLES = Set.of("project", "region", "environment");

  /**
   * Arguments whose provider release is later than other lower bounds: argument → provider,
   * version.
   */
  private static final Map<String, String[]> INTRODUCED_IN =
      Map.of("additional_pipeline_options", new String[] {"google-beta", "6.37"});

  private static TerraformText terraform;
  private static Map<String, String> jobArguments;
  private static Map<String, String> launchOptions;
  private static String common;

  @BeforeAll
  static void read() {
    terraform = TerraformText.load();
    String dataflow = terraform.file("dataflow.tf");
    jobArguments = new LinkedHashMap<>();
    TOP_LEVEL_ARGUMENT
        .matcher(HclText.blocks(dataflow, STREAM_JOB).get(0).body())
        .results()
        .forEach(m -> jobArguments.put(m.group(1), m.group(2).trim()));
    launchOptions = new LinkedHashMap<>();
    LAUNCH_KEY
        .matcher(HclText.blocks(dataflow, STREAM_LAUNCH).get(0).body())
        .results()
        .forEach(m -> launchOptions.put(m.group(1), m.group(2).trim()));
    common = TerraformText.read(SCRIPTS.resolve("common.sh"));
  }

  @Test
  void jobTakesEveryOptionFromStreamLaunchAndTheScriptsReadItAsAnOutput() {
    Set<String> options = new TreeSet<>(jobArguments.keySet());
    options.removeAll(TERRAFORM_ONLY);
    assertThat(options).as("options of the stream job").isEqualTo(launchOptions.keySet());
    for (String option : options) {
      assertThat(jobArguments.get(option))
          .as("stream job argument %s", option)
          .isEqualTo("local.stream_launch." + option);
    }
    assertThat(terraform.file("outputs.tf"))
        .containsPattern(
            "(?s)output \"stream_launch\" \\{.*?value\\s*=\\s*local\\.stream_launch\\n");
    assertThat(common)
        .contains(".planned_values.outputs", "-var-file=\"env/${ENVIRONMENT}.tfvars\"");
  }

  @Test
  void scriptsPassEveryOptionAsItsGcloudFlag() {
    Map<String, String> flags = scriptFlags();
    Map<String, String> expected = new TreeMap<>(GCLOUD_FLAG);
    assertThat(expected.keySet())
        .as("every launch option but the job name has a gcloud flag")
        .isEqualTo(without(launchOptions.keySet(), "name"));
    assertThat(flags).as("option -> flag in stream_launch_flags (common.sh)").isEqualTo(expected);
    assertThat(common).contains("STREAM_JOB_NAME=$(lg_output .stream_launch.name)");
    for (String script : List.of("run-stream.sh", "update-stream.sh")) {
      assertThat(TerraformText.read(SCRIPTS.resolve(script)))
          .as(script)
          .contains("mapfile -t launch_flags < <(stream_launch_flags)")
          .contains(
              "gcloud dataflow flex-template run \"$STREAM_JOB_NAME\" \"${launch_flags[@]}\"");
    }
  }

  @Test
  void launchFlagsCarryTheValuesTerraformWouldLaunchWith() throws Exception {
    assumeTrue(executable("bash") && executable("jq"), "bash and jq are needed to run common.sh");
    Map<String, Object> privateWorkers = sampleLaunch();
    assertThat(runLaunchFlags(privateWorkers))
        .containsExactly(
            "--project=acme-logs-staging",
            "--region=europe-west1",
            "--template-file-gcs-location=gs://bucket/templates/log-stream/2026-11-28-1.json",
            "--parameters=^~^inputSubscription=projects/acme-logs-staging/subscriptions/s"
                + "~issueWindowsTable=acme-logs-staging:log_gardener_staging.issue_windows",
            "--service-account-email=lg-staging-stream@acme-logs-staging.iam.gserviceaccount.com",
            "--temp-location=gs://bucket/temp",
            "--staging-location=gs://bucket/staging",
            "--enable-streaming-engine",
            "--worker-machine-type=n2-standard-4",
            "--max-workers=7",
            "--subnetwork=https://www.googleapis.com/compute/v1/projects/host/regions/europe-west1/subnetworks/dataflow",
            "--disable-public-ips",
            "--additional-user-labels=app=log-gardener,environment=staging",
            "--additional-pipeline-options=dataflowServiceOptions=streaming_mode_at_least_once");

    Map<String, Object> publicWorkers = sampleLaunch();
    publicWorkers.put("network", "default");
    publicWorkers.put("ip_configuration", "WORKER_IP_PUBLIC");
    publicWorkers.put("additional_pipeline_options", List.of());
    List<String> flags = runLaunchFlags(publicWorkers);
    assertThat(flags).contains("--network=default").doesNotContain("--disable-public-ips");
    assertThat(flags).noneMatch(f -> f.startsWith("--additional-pipeline-options"));
  }

  @Test
  void scalingChangesTheRunningJobInPlaceAndTerraformNeverReplacesItForATunableOption() {
    String scale = TerraformText.read(SCRIPTS.resolve("scale-stream.sh"));
    assertThat(scale)
        .contains("gcloud dataflow jobs update-options \"$job\"")
        .contains("--max-num-workers=\"$max_workers\"")
        .contains("max_workers=$(lg_output .stream_launch.max_workers)");

    Matcher ignored =
        Pattern.compile("ignore_changes\\s*=\\s*\\[([^]]*)]")
            .matcher(HclText.blocks(terraform.file("dataflow.tf"), STREAM_JOB).get(0).body());
    assertThat(ignored.find()).as("lifecycle.ignore_changes on the stream job").isTrue();
    Set<String> ignoredArguments =
        Stream.of(ignored.group(1).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(REPLACE_ON_CHANGE)
        .as("only replace-on-change arguments are ignored; the rest must reach the job")
        .containsAll(ignoredArguments);
    for (String argument : REPLACE_ON_CHANGE) {
      String value = launchOptions.get(argument);
      if (value == null || ignoredArguments.contains(argument)) {
        continue;
      }
      Set<String> variables =
          Pattern.compile("var\\.([a-z0-9_]+)")
              .matcher(value)
              .results()
              .map(m -> m.group(1))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(PLACEMENT_VARIABLES)
          .as(
              "%s = %s replaces the job on change: ignore it or derive it from placement only",
              argument, value)
          .containsAll(variables);
    }
  }

  @Test
  void providerVersionsAdmitEveryArgumentUsed() {
    Map<String, String> lowerBounds = new TreeMap<>();
    Matcher provider =
        Pattern.compile(
                "(?s)([a-z-]+) = \\{\\s*source\\s*=\\s*\"hashicorp/[a-z-]+\"\\s*version\\s*=\\s*\">= ([0-9.]+), < [0-9.]+\"")
            .matcher(terraform.file("versions.tf"));
    while (provider.find()) {
      lowerBounds.put(provider.group(1), provider.group(2));
    }
    assertThat(lowerBounds).containsOnlyKeys("google", "google-beta");
    assertThat(lowerBounds.get("google"))
        .as("google and google-beta are released together; one lower bound")
        .isEqualTo(lowerBounds.get("google-beta"));
    Pattern resource = Pattern.compile("(?m)^resource \"([a-z0-9_]+)\" \"([a-z0-9_]+)\"");
    List<String> checked = new ArrayList<>();
    for (HclText.Block block : HclText.blocks(terraform.all(), resource)) {
      String providerName =
          block.body().matches("(?s).*\\n\\s*provider\\s*=\\s*google-beta\\n.*")
              ? "google-beta"
              : "google";
      INTRODUCED_IN.forEach(
          (argument, since) -> {
            if (Pattern.compile("(?m)^\\s*" + argument + "\\s*=").matcher(block.body()).find()) {
              assertThat(providerName).as("provider of %s", block.name()).isEqualTo(since[0]);
              assertThat(compareVersions(lowerBounds.get(providerName), since[1]))
                  .as("%s >= %s admits %s", providerName, lowerBounds.get(providerName), argument)
                  .isGreaterThanOrEqualTo(0);
              checked.add(argument);
            }
          });
    }
    assertThat(checked).as("arguments with a known minimum provider version").isNotEmpty();
  }

  private static Map<String, String> scriptFlags() {
    int start = common.indexOf("stream_launch_flags() {");
    assertThat(start).as("stream_launch_flags in common.sh").isNotNegative();
    String function = common.substring(start, common.indexOf("\n}\n", start));
    Map<String, String> flags = new TreeMap<>();
    Matcher line = FLAG_LINE.matcher(function);
    while (line.find()) {
      Matcher key = FIRST_KEY.matcher(line.group());
      assertThat(key.find()).as("option read by %s", line.group()).isTrue();
      assertThat(flags.put(key.group(1), line.group(1)))
          .as("one flag for %s", key.group(1))
          .isNull();
    }
    return flags;
  }

  private static List<String> runLaunchFlags(Map<String, Object> launch) throws Exception {
    int start = common.indexOf("stream_launch_flags() {");
    String function = common.substring(start, common.indexOf("\n}\n", start) + 3);
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-c", function + "stream_launch_flags\n")
            .redirectErrorStream(true);
    bash.environment().put("OUTPUTS", new Gson().toJson(Map.of("stream_launch", launch)));
    Process process = bash.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("stream_launch_flags: %s", output).isZero();
    return output.lines().toList();
  }

  private static Map<String, Object> sampleLaunch() {
    Map<String, Object> launch = new LinkedHashMap<>();
    launch.put("project", "acme-logs-staging");
    launch.put("region", "europe-west1");
    launch.put("name", "log-gardener-staging-stream");
    launch.put("container_spec_gcs_path", "gs://bucket/templates/log-stream/2026-11-28-1.json");
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("inputSubscription", "projects/acme-logs-staging/subscriptions/s");
    parameters.put("issueWindowsTable", "acme-logs-staging:log_gardener_staging.issue_windows");
    launch.put("parameters", parameters);
    launch.put(
        "service_account_email", "lg-staging-stream@acme-logs-staging.iam.gserviceaccount.com");
    launch.put("temp_location", "gs://bucket/temp");
    launch.put("staging_location", "gs://bucket/staging");
    launch.put("enable_streaming_engine", true);
    launch.put("machine_type", "n2-standard-4");
    launch.put("max_workers", 7);
    launch.put("network", null);
    launch.put(
        "subnetwork",
        "https://www.googleapis.com/compute/v1/projects/host/regions/europe-west1/subnetworks/dataflow");
    launch.put("ip_configuration", "WORKER_IP_PRIVATE");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", "log-gardener");
    labels.put("environment", "staging");
    launch.put("labels", labels);
    launch.put(
        "additional_pipeline_options",
        List.of("dataflowServiceOptions=streaming_mode_at_least_once"));
    assertThat(launch.keySet())
        .as("sample covers every launch option")
        .isEqualTo(launchOptions.keySet());
    return launch;
  }

  private static Set<String> without(Set<String> set, String element) {
    Set<String> copy = new TreeSet<>(set);
    copy.remove(element);
    return copy;
  }

  private static int compareVersions(String left, String right) {
    String[] a = left.split("\\.");
    String[] b = right.split("\\.");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? Integer.parseInt(a[i]) : 0;
      int y = i < b.length ? Integer.parseInt(b[i]) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static boolean executable(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(dir -> !dir.isEmpty())
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
