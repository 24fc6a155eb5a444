package dev.loggardener.logentry;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Derives a {@link ServiceIdentity} from an entry's monitored resource and, where Cloud Logging
 * puts identity there instead, from the entry's labels.
 *
 * <p>Known types: {@code cloud_run_revision} (gen-2 Cloud Functions, recognised by the label {@code
 * goog-managed-by=cloudfunctions}, are reported as {@code cloud_function} so both function
 * generations group together), {@code cloud_run_job}, {@code k8s_container}, the legacy {@code
 * container}, {@code gce_instance}, {@code gae_app} and {@code cloud_function}. Any other type gets
 * a generic identity: the first non-empty label of {@link #GENERIC_NAME_LABELS}, and the location,
 * zone or region label.
 */
final class ServiceIdentityResolver {
  static final List<String> GENERIC_NAME_LABELS =
      List.of(
          "service_name",
          "job_name",
          "function_name",
          "module_id",
          "container_name",
          "service",
          "backend_service_name",
          "instance_name",
          "cluster_name",
          "database_id",
          "bucket_name",
          "topic_id",
          "subscription_id",
          "target_name",
          "name");

  private static final String PROJECTS = "projects/";

  private ServiceIdentityResolver() {}

  /**
   * The identity of an entry.
   *
   * @param resource the entry's {@code resource}, or null
   * @param entryLabels the entry's own labels
   * @param logName the entry's log name, or null
   */
  static ServiceIdentity resolve(
      JsonObject resource, Map<String, String> entryLabels, String logName)
      throws PayloadRejection {
    if (resource == null) {
      return ServiceIdentity.unknown(projectOfLogName(logName));
    }
    String type = JsonFields.string(resource, "type", "resource.type");
    JsonObject labelsJson = JsonFields.object(resource, "labels", "resource.labels");
    return resolve(type, JsonFields.labels(labelsJson, "resource.labels"), entryLabels, logName);
  }

  /**
   * The identity of an entry whose {@code resource} is present, from its type (null when absent)
   * and its labels.
   */
  static ServiceIdentity resolve(
      String type,
      Map<String, String> resourceLabels,
      Map<String, String> entryLabels,
      String logName) {
    String known = type == null || type.isBlank() ? "global" : type;
    String project = blankToNull(resourceLabels.get("project_id"));
    return serviceOf(
        project != null ? project : projectOfLogName(logName), known, resourceLabels, entryLabels);
  }

  /**
   * The project of a log name {@code projects/P/logs/L}; null for {@code organizations/}, {@code
   * folders/} and {@code billingAccounts/} log names, whose logs belong to no project, and for a
   * missing or malformed name.
   */
  static String projectOfLogName(String logName) {
    if (logName == null || !logName.startsWith(PROJECTS)) {
      return null;
    }
    int end = logName.indexOf('/', PROJECTS.length());
    return end < 0 ? null : blankToNull(logName.substring(PROJECTS.length(), end));
  }

  private static ServiceIdentity serviceOf(
      String project, String type, Map<String, String> r, Map<String, String> entryLabels) {
    return switch (type) {
      case "cloud_run_revision" -> cloudRun(project, r, entryLabels);
      case "cloud_run_job" ->
          new ServiceIdentity(
              project,
              type,
              orEmpty(r.get("job_name")),
              null,
              jobInstance(entryLabels),
              location(r));
      case "k8s_container" ->
          new ServiceIdentity(
              project,
              type,
              join(r.get("namespace_name"), r.get("container_name")),
              null,
              blankToNull(r.get("pod_name")),
              location(r));
      case "container" ->
          new ServiceIdentity(
              project,
              type,
              join(r.get("namespace_id"), r.get("container_name")),
              null,
              blankToNull(r.get("pod_id")),
              location(r));
      case "gce_instance" ->
          new ServiceIdentity(
              project,
              type,
              firstNonBlank(
                  entryLabels.get("compute.googleapis.com/resource_name"),
                  r.get("instance_name"),
                  r.get("instance_id")),
              null,
              blankToNull(r.get("instance_id")),
              location(r));
      case "gae_app" ->
          new ServiceIdentity(
              project,
              type,
              orEmpty(r.get("module_id")),
              blankToNull(r.get("version_id")),
              blankToNull(entryLabels.get("appengine.googleapis.com/instance_name")),
              location(r));
      case "cloud_function" ->
          new ServiceIdentity(
              project, type, orEmpty(r.get("function_name")), null, null, location(r));
      default -> generic(project, type, r);
    };
  }

  private static ServiceIdentity cloudRun(
      String project, Map<String, String> r, Map<String, String> entry) {
    boolean function =
        "cloudfunctions".equals(entry.get("goog-managed-by"))
            || "cloudfunctions".equals(r.get("goog-managed-by"));
    return new ServiceIdentity(
        project,
        function ? "cloud_function" : "cloud_run_revision",
        orEmpty(r.get("service_name")),
        blankToNull(r.get("revision_name")),
        blankToNull(entry.get("instanceId")),
        location(r));
  }

  private static String jobInstance(Map<String, String> entry) {
    String execution = blankToNull(entry.get("run.googleapis.com/execution_name"));
    String task = blankToNull(entry.get("run.googleapis.com/task_index"));
    if (execution == null || task == null) {
      return execution;
    }
    return execution + "/" + task;
  }

  private static ServiceIdentity generic(String project, String type, Map<String, String> r) {
    String name = "";
    for (String label : GENERIC_NAME_LABELS) {
      String value = r.get(label);
      if (value != null && !value.isBlank()) {
        name = value;
        break;
      }
    }
    return new ServiceIdentity(project, type, name, null, null, location(r));
  }

  private static String location(Map<String, String> r) {
    return blankToNull(firstNonBlank(r.get("location"), r.get("zone"), r.get("region")));
  }

  private static String join(String namespace, String name) {
    String ns = orEmpty(namespace);
    String n = orEmpty(name);
    return ns.isEmpty() || n.isEmpty() ? ns + n : ns + "/" + n;
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return "";
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
