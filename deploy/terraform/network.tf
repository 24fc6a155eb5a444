locals {
  network_project = coalesce(var.network_project, var.project)
  # Both jobs' workers and launcher VMs. A Shared VPC subnetwork must be given as a full URL and
  # names its network itself, so the network is passed only for a subnetwork in this project.
  worker_network = {
    network          = var.network_project == null ? var.network : null
    subnetwork       = "https://www.googleapis.com/compute/v1/projects/${local.network_project}/regions/${var.region}/subnetworks/${var.subnetwork}"
    ip_configuration = var.worker_public_ips ? "WORKER_IP_PUBLIC" : "WORKER_IP_PRIVATE"
  }
}

# Workers without external IPs reach Pub/Sub, BigQuery, Cloud Storage and Artifact Registry only
# through Private Google Access; a launch on a subnetwork without it starts workers that never
# connect. The check warns at plan time (deploy/README.md, "Networking").
check "workers_reach_google_apis" {
  data "google_compute_subnetwork" "workers" {
    project = local.network_project
    region  = var.region
    name    = var.subnetwork
  }

  assert {
    condition     = var.worker_public_ips || data.google_compute_subnetwork.workers.private_ip_google_access
    error_message = "Subnetwork ${var.subnetwork} in ${local.network_project} has Private Google Access off, but workers get no external IPs (worker_public_ips = false); enable it (deploy/README.md, \"Networking\")."
  }
}
