package io.ledgerbench.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.operator.model.LoadgenJobs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart as Helm itself lints and renders it (helm-java bundles the Helm library). */
class HelmChartTest {

    static final Path CHART = Path.of("../helm/ledgerbench");

    /** The Kubernetes version the chart is rendered for (what EKS runs; the chart needs 1.28 or later). */
    static final String KUBE_VERSION = "1.33.0";

    static com.marcnuri.helm.TemplateCommand template() {
        return new Helm(CHART).template().withKubeVersion(KUBE_VERSION);
    }

    /** Release bench in namespace ops with every value of the chart set (but crds.install, left at its default). */
    static com.marcnuri.helm.TemplateCommand withEveryOption(com.marcnuri.helm.TemplateCommand template) {
        return template.withName("bench").withNamespace("ops")
                .set("watchNamespaces[0]", "team-a").set("watchNamespaces[1]", "team-b")
                .set("image.tag", "0.1.1").set("nodeSelector.pool", "system").set("serviceAccount.name", "operator")
                .set("metrics.podMonitor.enabled", true).set("metrics.podMonitor.labels.release", "prometheus")
                .set("metrics.serviceMonitor.enabled", true).set("metrics.serviceMonitor.labels.release", "prometheus")
                .set("dashboard.enabled", true).set("dashboard.namespace", "monitoring")
                .set("metrics.prometheusUrl", "http://kps-kube-prometheus-stack-prometheus.monitoring:9090");
    }

    static List<HasMetadata> parse(String yaml) {
        return Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static <T> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.getFirst();
    }

    @Test
    void lintsCleanly() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void rendersTheCrdTheOperatorAndItsLeastPrivilegeRbacByDefault() {
        // (no PodMonitor by default: the cluster may not have the Prometheus operator's CRDs)
        List<HasMetadata> objects = parse(template().withName("ledgerbench")
                .withNamespace("ledgerbench-system").call());
        assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("CustomResourceDefinition",
                "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment", "Service");
        assertThat(objects).filteredOn(CustomResourceDefinition.class::isInstance).allSatisfy(crd ->
                assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep"));
        Deployment deployment = only(objects, Deployment.class);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("ghcr.io/ledgerbench/operator:0.1.0");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(deployment.getSpec().getSelector().getMatchLabels().entrySet())
                .isSubsetOf(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet());
    }

    @Test
    void theChartsCrdsAreTheGeneratedOnes() throws Exception {
        List<CustomResourceDefinition> rendered = parse(template().withName("ledgerbench").call()).stream()
                .filter(CustomResourceDefinition.class::isInstance).map(CustomResourceDefinition.class::cast).toList();
        for (String file : List.of("benchmarkruns.ledgerbench.io-v1.yml", "benchmarkcomparisons.ledgerbench.io-v1.yml")) {
            CustomResourceDefinition generated = Serialization.unmarshal(Files.readString(Path.of("../crds", file)),
                    CustomResourceDefinition.class);
            assertThat(rendered).as(file).anySatisfy(crd -> assertThat(crd.getSpec()).isEqualTo(generated.getSpec()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOptionTogetherStillRendersValidObjects() {
        List<HasMetadata> objects = parse(withEveryOption(template()).set("crds.install", false).call());
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("CustomResourceDefinition");
        HasMetadata podMonitor = objects.stream().filter(object -> "PodMonitor".equals(object.getKind())).findFirst()
                .orElseThrow();
        assertThat(podMonitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        Map<String, Object> endpoint = ((List<Map<String, Object>>) ((Map<String, Object>) ((GenericKubernetesResource)
                podMonitor).getAdditionalProperties().get("spec")).get("podMetricsEndpoints")).getFirst();
        assertThat(endpoint).containsEntry("port", LoadgenJobs.METRICS_PORT_NAME);
        Deployment deployment = only(objects, Deployment.class);
        assertThat(deployment.getMetadata().getName()).isEqualTo("bench-ledgerbench");
        var spec = deployment.getSpec().getTemplate().getSpec();
        assertThat(spec.getServiceAccountName()).isEqualTo("operator");
        assertThat(spec.getNodeSelector()).containsEntry("pool", "system");
        assertThat(spec.getContainers().getFirst().getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("QUARKUS_OPERATOR_SDK_NAMESPACES");
            assertThat(variable.getValue()).isEqualTo("team-a,team-b");
        });
        assertThat(spec.getContainers().getFirst().getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("LEDGERBENCH_PROMETHEUS_URL");
            assertThat(variable.getValue()).isEqualTo("http://kps-kube-prometheus-stack-prometheus.monitoring:9090");
        });
        assertThat(only(objects, ClusterRole.class).getMetadata().getName()).isEqualTo("bench-ledgerbench");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServiceMonitorScrapesTheOperatorsMetricsThroughItsService() {
        List<HasMetadata> objects = parse(template().withName("bench").withNamespace("ops")
                .set("metrics.serviceMonitor.enabled", true).call());
        Service service = only(objects, Service.class);
        Deployment deployment = only(objects, Deployment.class);
        assertThat(service.getSpec().getSelector().entrySet())
                .isSubsetOf(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet());
        assertThat(service.getSpec().getPorts().getFirst().getName()).isEqualTo("http");
        HasMetadata serviceMonitor = objects.stream().filter(object -> "ServiceMonitor".equals(object.getKind()))
                .findFirst().orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) ((GenericKubernetesResource) serviceMonitor)
                .getAdditionalProperties().get("spec");
        assertThat(((Map<String, Object>) spec.get("selector")).get("matchLabels")).isEqualTo(service.getSpec().getSelector());
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).getFirst();
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics")
                .containsEntry("honorLabels", true);
    }

    @Test
    void theDashboardConfigMapCarriesTheCommittedDashboardAndGrafanasLabel() throws Exception {
        List<HasMetadata> objects = parse(template().withName("bench").withNamespace("ops")
                .set("dashboard.enabled", true).call());
        ConfigMap dashboard = only(objects, ConfigMap.class);
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("ops");
        assertThat(dashboard.getData().get("ledgerbench.json"))
                .isEqualTo(Files.readString(Path.of("../dashboards/ledgerbench.json")).stripTrailing());
    }

    @Test
    void theNotesSayHowToRunABenchmarkAndWhereToWatchIt() {
        String notes = new Helm(CHART).install().withName("ledgerbench").withNamespace("ops").dryRun().clientOnly()
                .withKubeVersion(KUBE_VERSION).set("dashboard.enabled", true).set("metrics.serviceMonitor.enabled", true)
                .call().getOutput();

        assertThat(notes).contains("kubectl apply -f manifests/examples/postgresql-fair.yaml")
                .contains("kubectl get benchmarkruns -w")
                .contains("Grafana: dashboard \"ledgerbench\" (ConfigMap ledgerbench-dashboard")
                .contains("Prometheus scrapes the operator's /q/metrics")
                .doesNotContain("load-generator pods' /metrics");
    }

    @Test
    void monitorsAndTheDashboardAreOffByDefault() {
        assertThat(parse(template().withName("bench").call())).extracting(HasMetadata::getKind)
                .doesNotContain("ServiceMonitor", "PodMonitor", "ConfigMap");
    }
}
