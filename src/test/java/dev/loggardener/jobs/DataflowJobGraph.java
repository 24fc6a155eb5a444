package dev.loggardener.jobs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;

/**
 * A Dataflow job as the DataflowRunner would submit it, produced offline: the runner writes the job
 * JSON to a local {@code --templateLocation} instead of calling the service.
 *
 * <p>{@link #offlineArgs} are the options that keep the runner off the network: local temp and
 * staging folders, a no-op path validator and credential factory, an explicit project and region,
 * and one empty file to stage instead of the classpath.
 */
final class DataflowJobGraph {
  private final JsonObject job;

  private DataflowJobGraph(JsonObject job) {
    this.job = job;
  }

  static List<String> offlineArgs(Path dir) throws IOException {
    Path empty = Files.write(dir.resolve("nothing-to-stage.jar"), new byte[0]);
    return List.of(
        "--runner=DataflowRunner",
        "--project=offline-project",
        "--region=europe-west1",
        "--jobName=log-gardener-offline",
        "--templateLocation=" + dir.resolve("job.json"),
        "--tempLocation=" + dir.resolve("temp"),
        "--gcpTempLocation=" + dir.resolve("temp"),
        "--stagingLocation=" + dir.resolve("staging"),
        "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
        "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
        "--filesToStage=" + empty);
  }

  /** Runs the pipeline (which writes the template) and reads the job JSON back. */
  static DataflowJobGraph translate(Pipeline pipeline, Path dir) throws IOException {
    pipeline.run();
    return read(dir);
  }

  /** Reads the job JSON a run with {@link #offlineArgs} wrote. */
  static DataflowJobGraph read(Path dir) throws IOException {
    String json = Files.readString(dir.resolve("job.json"), StandardCharsets.UTF_8);
    return new DataflowJobGraph(JsonParser.parseString(json).getAsJsonObject());
  }

  /**
   * The full names of the steps we named: top-level applies, and every apply directly inside a
   * composite of ours. Steps inside Beam's own transforms are Beam's to name.
   */
  static Set<String> namedByUs(Pipeline pipeline) {
    Set<String> names = new TreeSet<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            record(node);
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            record(node);
          }

          private void record(TransformHierarchy.Node node) {
            if (node.isRootNode()) {
              return;
            }
            TransformHierarchy.Node parent = node.getEnclosingNode();
            if (parent.isRootNode() || isOurs(parent)) {
              names.add(node.getFullName());
            }
          }
        });
    return names;
  }

  private static boolean isOurs(TransformHierarchy.Node node) {
    return node.getTransform() != null
        && node.getTransform().getClass().getName().startsWith("dev.loggardener.");
  }

  String type() {
    return job.get("type").getAsString();
  }

  List<String> experiments() {
    List<String> experiments = new ArrayList<>();
    job.getAsJsonObject("environment")
        .getAsJsonArray("experiments")
        .forEach(e -> experiments.add(e.getAsString()));
    return experiments;
  }

  JsonObject pipelineOptions() {
    return job.getAsJsonObject("environment")
        .getAsJsonObject("sdkPipelineOptions")
        .getAsJsonObject("options");
  }

  /** The user names of the job's steps, as Dataflow matches them on --update. */
  List<String> stepNames() {
    List<String> names = new ArrayList<>();
    for (JsonElement step : job.getAsJsonArray("steps")) {
      names.add(
          step.getAsJsonObject()
              .getAsJsonObject("properties")
              .getAsJsonObject("user_name")
              .get("value")
              .getAsString());
    }
    return names;
  }

  /** Whether a named step, composite or primitive, is in the job: as a step or a step's parent. */
  boolean contains(String name) {
    return stepNames().stream().anyMatch(s -> s.equals(name) || s.startsWith(name + "/"));
  }
}
