terraform {
  required_version = ">= 1.5"

  # State lives in GCS, one prefix per environment: `terraform init -reconfigure
  # -backend-config=env/ENVIRONMENT.gcs.tfbackend` (deploy/scripts/terraform.sh always pairs the
  # backend file with the tfvars file of the same environment).
  backend "gcs" {}

  # 6.37 is the first release with additional_pipeline_options on the Flex Template job.
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.37, < 8.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 6.37, < 8.0"
    }
  }
}

provider "google" {
  project = var.project
  region  = var.region
}

provider "google-beta" {
  project = var.project
  region  = var.region
}
