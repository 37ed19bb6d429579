package io.ledgerbench.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ledgerbench.operator.CommittedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * manifests/install.yaml is the chart rendered with its defaults (plus the namespace), for a
 * `kubectl apply` without Helm; a test fails while it is stale and `make manifests` rewrites it.
 */
class InstallManifestTest {

    static final Path INSTALL = Path.of("../manifests/install.yaml");
    static final String NAMESPACE = "ledgerbench-system";

    static String render() {
        return """
                # The ledgerbench operator without Helm: kubectl apply -f manifests/install.yaml
                # Rendered from helm/ledgerbench with its default values by `make manifests`; do not edit.
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                  labels: {app.kubernetes.io/name: ledgerbench}
                """.formatted(NAMESPACE)
                + HelmChartTest.template().withName("ledgerbench").withNamespace(NAMESPACE).call();
    }

    @Test
    void theCommittedInstallManifestIsTheRenderedChart() throws Exception {
        CommittedFiles.assertUpToDate(render(), "ledgerbench.updateManifests", "manifests", INSTALL);
    }

    @Test
    void itInstallsIntoItsOwnNamespace() throws Exception {
        List<HasMetadata> objects = HelmChartTest.parse(Files.readString(INSTALL));
        assertThat(objects.getFirst().getKind()).isEqualTo("Namespace");
        assertThat(objects).filteredOn(object -> object.getMetadata().getNamespace() != null)
                .allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).isEqualTo(NAMESPACE));
    }
}
