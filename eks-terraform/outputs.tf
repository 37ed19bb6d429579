output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = module.eks.cluster_name
}

output "region" {
  description = "AWS region of the cluster."
  value       = var.region
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = module.eks.cluster_endpoint
}

output "kubeconfig_command" {
  description = "Writes the cluster into ~/.kube/config and makes it the current context."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${module.eks.cluster_name}"
}

output "grafana_command" {
  description = "Opens Grafana on http://localhost:3000 (user admin; password in the kps-grafana Secret)."
  value       = var.install_monitoring ? "kubectl -n monitoring port-forward svc/kps-grafana 3000:80" : "monitoring not installed"
}

output "zones" {
  description = "Availability zones of the subnets and node groups (those offering every node type)."
  value       = local.zones
}
