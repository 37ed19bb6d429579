# Charts are installed with the cluster's own credentials, fetched through the AWS CLI at plan time.
provider "helm" {
  kubernetes {
    host                   = module.eks.cluster_endpoint
    cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

    exec {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.region]
    }
  }
}

# Prometheus, Grafana, node-exporter and kube-state-metrics. Prometheus picks up every
# ServiceMonitor and PodMonitor (the ledgerbench chart's included); Grafana loads every dashboard
# ConfigMap labelled grafana_dashboard in any namespace; kube-state-metrics exports the node-group
# label the dashboard's node list uses; node-exporter also runs on the tainted database nodes and
# names its series by node.
resource "helm_release" "kube_prometheus_stack" {
  count = var.install_monitoring ? 1 : 0

  name             = "kps"
  repository       = "https://prometheus-community.github.io/helm-charts"
  chart            = "kube-prometheus-stack"
  version          = var.kube_prometheus_stack_version
  namespace        = "monitoring"
  create_namespace = true
  timeout          = 900

  # Its pods need the system nodes: wait for every node group, not only the control plane.
  depends_on = [module.eks]

  values = [yamlencode({
    prometheus = {
      prometheusSpec = {
        serviceMonitorSelectorNilUsesHelmValues = false
        podMonitorSelectorNilUsesHelmValues     = false
        nodeSelector                            = local.system_node_labels
        retention                               = "15d"
      }
    }
    grafana = {
      nodeSelector = local.system_node_labels
      sidecar = {
        dashboards = {
          enabled         = true
          label           = "grafana_dashboard"
          searchNamespace = "ALL"
        }
      }
    }
    alertmanager = {
      enabled = false
    }
    prometheusOperator = {
      nodeSelector = local.system_node_labels
    }
    kube-state-metrics = {
      nodeSelector          = local.system_node_labels
      metricLabelsAllowlist = ["nodes=[ledgerbench.io/node-group]"]
    }
    prometheus-node-exporter = {
      tolerations = [{ operator = "Exists" }]
      prometheus = {
        monitor = {
          relabelings = [{
            action       = "replace"
            sourceLabels = ["__meta_kubernetes_pod_node_name"]
            targetLabel  = "instance"
          }]
        }
      }
    }
  })]
}

# The operator, from this repository's chart, with its monitors and dashboard when monitoring is on.
resource "helm_release" "ledgerbench" {
  count = var.install_ledgerbench ? 1 : 0

  name             = "ledgerbench"
  chart            = "${path.module}/../helm/ledgerbench"
  namespace        = "ledgerbench-system"
  create_namespace = true

  values = [yamlencode({
    image = {
      repository = var.ledgerbench_image_repository
      tag        = var.ledgerbench_image_tag
    }
    nodeSelector = local.system_node_labels
    metrics = {
      # kube-prometheus-stack's Prometheus (release kps): each run's node and pod resource usage.
      prometheusUrl  = var.install_monitoring ? "http://kps-kube-prometheus-stack-prometheus.monitoring:9090" : ""
      serviceMonitor = { enabled = var.install_monitoring }
      podMonitor     = { enabled = var.install_monitoring }
    }
    dashboard = {
      enabled = var.install_monitoring
    }
  })]

  # The monitors need the Prometheus operator's CRDs; the operator's pod needs the system nodes.
  depends_on = [helm_release.kube_prometheus_stack, module.eks]
}
