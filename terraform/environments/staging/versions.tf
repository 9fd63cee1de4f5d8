terraform {
  # Exactly the Terraform of the builder image (build/builder/Dockerfile) and the README: a saved
  # plan applies only with the version that made it. BuilderImageTest keeps them equal.
  required_version = "1.11.4"
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
  # State per environment, in a bucket in the environment's own project (created at bootstrap,
  # docs/deploy.md "State"): <project_id of terraform.tfvars>-storewire-tfstate. Named here, so a
  # plain `terraform init` and every build find this environment's state and no other's.
  backend "gcs" {
    bucket = "storewire-staging-storewire-tfstate"
    prefix = "storewire/staging"
  }
}
