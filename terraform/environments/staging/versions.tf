terraform {
  required_version = "~> 1.11.0"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.50.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 6.50.0"
    }
  }
  # State per environment in its own bucket (created at bootstrap, docs/deploy.md); the bucket is
  # passed at init: terraform init -backend-config="bucket=<PROJECT>-storewire-tfstate".
  backend "gcs" {
    prefix = "storewire/staging"
  }
}
