package dev.loggardener.logentry;

import java.io.Serializable;
import java.util.Objects;

/**
 * Which deployed thing wrote an entry, derived from the monitored resource.
 *
 * @param projectId the Google Cloud project that holds the resource: the resource label {@code
 *     project_id}, else the {@code projects/P/} of the log name; null for the logs of an
 *     organization, folder or billing account, which belong to no project
 * @param resourceType the monitored resource type, e.g. {@code cloud_run_revision}; a gen-2 Cloud
 *     Function (a {@code cloud_run_revision} labelled {@code goog-managed-by=cloudfunctions}) is
 *     reported as {@code cloud_function}, so both function generations group together
 * @param service the service name (Cloud Run service, k8s {@code namespace/container}, GCE
 *     instance, App Engine module, function name); never null, may be empty
 * @param version the deployed version (Cloud Run revision, App Engine version), or null
 * @param instance the running instance (pod, instance id), or null
 * @param location the zone or region, or null
 */
public record ServiceIdentity(
    String projectId,
    String resourceType,
    String service,
    String version,
    String instance,
    String location)
    implements Serializable {
  public ServiceIdentity {
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(service, "service");
    if (projectId != null && projectId.isBlank()) {
      throw new IllegalArgumentException("projectId must be null or not blank");
    }
  }

  /** The identity used when an entry names no resource at all. */
  public static ServiceIdentity unknown(String projectId) {
    return new ServiceIdentity(projectId, "global", "", null, null, null);
  }
}
