variable "region" {
  description = "AWS region. Up to three of its zones that offer every node type are used (two at least)."
  type        = string
  default     = "us-east-1"
}

variable "cluster_name" {
  description = "Name of the EKS cluster (also the prefix of its VPC and node groups)."
  type        = string
  default     = "ledgerbench"
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version (pinned; the operator is tested against 1.33)."
  type        = string
  default     = "1.33"
}

variable "vpc_cidr" {
  description = "CIDR of the VPC; a public and a private /20 subnet are cut from it per availability zone."
  type        = string
  default     = "10.40.0.0/16"
}

variable "database_instance_type" {
  description = "Instance type of the database nodes. Must have instance-store NVMe (i4i family)."
  type        = string
  default     = "i4i.xlarge"

  validation {
    condition     = startswith(var.database_instance_type, "i4i.")
    error_message = "database_instance_type must be an i4i type (instance-store NVMe for the data directory)."
  }
}

variable "database_node_count" {
  description = "Database nodes: one per replica (3 for the examples)."
  type        = number
  default     = 3
}

variable "loadgen_instance_type" {
  description = "Instance type of the load-generator nodes."
  type        = string
  default     = "c5.large"
}

variable "loadgen_node_count" {
  description = "Load-generator nodes (the examples run 3 load-generator pods, one per node)."
  type        = number
  default     = 3
}

variable "system_instance_type" {
  description = "Instance type of the system nodes (operator, Prometheus, Grafana, CoreDNS)."
  type        = string
  default     = "m6i.large"
}

variable "system_node_count" {
  description = "System nodes."
  type        = number
  default     = 2
}

variable "install_monitoring" {
  description = "Install kube-prometheus-stack (Prometheus, Grafana with the ledgerbench dashboard, node-exporter)."
  type        = bool
  default     = true
}

variable "kube_prometheus_stack_version" {
  description = "Version of the kube-prometheus-stack chart (pinned)."
  type        = string
  default     = "79.7.1"
}

variable "install_ledgerbench" {
  description = "Install the ledgerbench operator from helm/ledgerbench in this repository."
  type        = bool
  default     = true
}

variable "ledgerbench_image_repository" {
  description = "Repository of the operator image (`make images REGISTRY=...` pushes it there)."
  type        = string
  default     = "ghcr.io/ledgerbench/operator"
}

variable "ledgerbench_image_tag" {
  description = "Tag of the operator image."
  type        = string
  default     = "0.1.0"
}
