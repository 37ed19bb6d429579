provider "aws" {
  region = var.region

  default_tags {
    tags = {
      "ledgerbench.io/cluster" = var.cluster_name
    }
  }
}

data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

# Which zones offer each node type: a region's first zones need not offer i4i (or the others).
data "aws_ec2_instance_type_offerings" "node_types" {
  for_each = toset([var.database_instance_type, var.loadgen_instance_type, var.system_instance_type])

  location_type = "availability-zone"
  filter {
    name   = "instance-type"
    values = [each.value]
  }
}

locals {
  # Zones where every node type is offered; up to three of them (one database node each by default).
  offered_zones = sort([
    for zone in data.aws_availability_zones.available.names : zone
    if alltrue([for offering in data.aws_ec2_instance_type_offerings.node_types : contains(offering.locations, zone)])
  ])
  zones = slice(local.offered_zones, 0, min(3, length(local.offered_zones)))

  # The placement every example under manifests/examples/ asks for (a test keeps the two equal).
  database_node_labels = {
    "ledgerbench.io/node-group" = "database"
  }
  database_node_taint = {
    key    = "ledgerbench.io/dedicated"
    value  = "database"
    effect = "NO_SCHEDULE"
  }
  loadgen_node_labels = {
    "ledgerbench.io/node-group" = "loadgen"
  }
  system_node_labels = {
    "ledgerbench.io/node-group" = "system"
  }
}

# EKS needs subnets in two zones at least; with two, two database nodes share a zone (docs/cloud.md).
resource "terraform_data" "zones_offering_every_node_type" {
  input = local.zones

  lifecycle {
    precondition {
      condition     = length(local.offered_zones) >= 2
      error_message = "Fewer than two availability zones of this region offer all of the node types (database, loadgen, system): choose another region or other instance types."
    }
  }
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.21.0"

  name = var.cluster_name
  cidr = var.vpc_cidr
  azs  = local.zones

  private_subnets = [for index, zone in local.zones : cidrsubnet(var.vpc_cidr, 4, index)]
  public_subnets  = [for index, zone in local.zones : cidrsubnet(var.vpc_cidr, 4, index + 8)]

  # One NAT gateway: nodes only pull images and charts through it; the benchmark's traffic stays
  # inside the VPC.
  enable_nat_gateway = true
  single_nat_gateway = true

  public_subnet_tags = {
    "kubernetes.io/role/elb" = 1
  }
  private_subnet_tags = {
    "kubernetes.io/role/internal-elb" = 1
  }
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "20.36.0"

  cluster_name    = var.cluster_name
  cluster_version = var.kubernetes_version

  cluster_endpoint_public_access           = true
  enable_cluster_creator_admin_permissions = true

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  cluster_addons = {
    coredns                = {}
    kube-proxy             = {}
    vpc-cni                = {}
    eks-pod-identity-agent = {}
  }

  eks_managed_node_groups = {
    # One database replica per node, spread over the three zones; the instance-store NVMe is
    # formatted and mounted at /mnt/nvme/ledgerbench before the node joins (nvme-setup.sh).
    database = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = [var.database_instance_type]
      min_size       = var.database_node_count
      max_size       = var.database_node_count
      desired_size   = var.database_node_count

      labels = local.database_node_labels
      taints = {
        dedicated = local.database_node_taint
      }

      cloudinit_pre_nodeadm = [
        {
          content_type = "text/x-shellscript; charset=\"us-ascii\""
          content      = file("${path.module}/nvme-setup.sh")
        }
      ]
    }

    loadgen = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = [var.loadgen_instance_type]
      min_size       = var.loadgen_node_count
      max_size       = var.loadgen_node_count
      desired_size   = var.loadgen_node_count
      labels         = local.loadgen_node_labels
    }

    system = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = [var.system_instance_type]
      min_size       = var.system_node_count
      max_size       = var.system_node_count
      desired_size   = var.system_node_count
      labels         = local.system_node_labels
    }
  }
}
