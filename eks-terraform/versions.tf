# Every version is pinned: Terraform's providers and modules here, the charts in monitoring.tf and
# ledgerbench.tf, Kubernetes in variables.tf. Change them together and note it in docs/cloud.md.
terraform {
  required_version = ">= 1.5.7, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "2.17.0"
    }
  }
}
