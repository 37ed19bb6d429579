# Every version is pinned: Terraform's providers here (the modules' own providers too: tls, time,
# cloudinit and null, which the EKS module would otherwise take at their newest), the modules in
# main.tf, the charts in helm.tf and variables.tf, Kubernetes in variables.tf. Change them together
# and note it in docs/cloud.md. No .terraform.lock.hcl is committed yet: it records the providers'
# checksums, which only `terraform init` with access to the registry can write (docs/cloud.md, step 4).
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
    # Required by the EKS module (>= constraints there): pinned here so that they do not float.
    tls = {
      source  = "hashicorp/tls"
      version = "4.0.6"
    }
    time = {
      source  = "hashicorp/time"
      version = "0.13.1"
    }
    cloudinit = {
      source  = "hashicorp/cloudinit"
      version = "2.3.7"
    }
    null = {
      source  = "hashicorp/null"
      version = "3.2.4"
    }
  }
}
