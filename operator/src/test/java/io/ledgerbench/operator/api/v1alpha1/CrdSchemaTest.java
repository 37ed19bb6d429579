package io.ledgerbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the committed CRD makes the API server refuse, and what `kubectl get benchmarkruns` shows. */
class CrdSchemaTest {

    private static CustomResourceDefinitionVersion version;

    @BeforeAll
    static void readCommittedCrd() throws Exception {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(GeneratedCrd.COMMITTED),
                CustomResourceDefinition.class);
        assertThat(crd.getSpec().getGroup()).isEqualTo("ledgerbench.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("br");
        version = crd.getSpec().getVersions().getFirst();
    }

    private static JSONSchemaProps at(String path) {
        JSONSchemaProps schema = version.getSchema().getOpenAPIV3Schema();
        for (String part : path.split("\\.")) {
            schema = schema.getProperties().get(part);
            assertThat(schema).as(path).isNotNull();
        }
        return schema;
    }

    private static List<String> rules(String path) {
        JSONSchemaProps schema = path.isEmpty() ? version.getSchema().getOpenAPIV3Schema() : at(path);
        return schema.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
    }

    @Test
    void versionIsServedStoredAndHasAStatusSubresource() {
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getServed()).isTrue();
        assertThat(version.getStorage()).isTrue();
        assertThat(version.getSubresources().getStatus()).isNotNull();
    }

    @Test
    void specIsRequired() {
        assertThat(version.getSchema().getOpenAPIV3Schema().getRequired()).containsExactly("spec");
    }

    @Test
    void printerColumnsAreThoseOfSpecSection7InOrder() {
        assertThat(version.getAdditionalPrinterColumns()).extracting(column -> column.getName())
                .containsExactly("Engine", "Mode", "Phase", "Run", "TPS", "P99(ms)", "Valid", "Age");
        assertThat(version.getAdditionalPrinterColumns()).extracting(column -> column.getJsonPath())
                .containsExactly(".spec.database.engine", ".spec.workload.mode", ".status.phase", ".status.progress",
                        ".status.throughput", ".status.p99Ms", ".status.valid", ".metadata.creationTimestamp");
    }

    @Test
    void enumsListTheSpellingsOfTheYaml() {
        assertThat(at("spec.database.engine").getEnum()).extracting(Object::toString)
                .containsExactlyInAnyOrder("\"postgresql\"", "\"tigerbeetle\"");
        assertThat(at("spec.workload.mode").getEnum()).extracting(Object::toString)
                .containsExactlyInAnyOrder("\"maxThroughput\"", "\"fixedRate\"", "\"saturation\"");
        assertThat(at("spec.database.postgresql.mode").getEnum()).hasSize(4);
        assertThat(at("spec.database.postgresql.synchronousCommit").getEnum()).hasSize(5);
        assertThat(at("spec.database.postgresql.isolationLevel").getEnum()).hasSize(3);
        assertThat(at("spec.database.storage.type").getEnum()).extracting(Object::toString)
                .containsExactlyInAnyOrder("\"localNvme\"", "\"emptyDir\"", "\"pvc\"");
        assertThat(at("status.phase").getEnum()).hasSize(BenchmarkPhase.values().length);
    }

    @Test
    void minimumsAndMaximumsBoundTheNumbers() {
        assertThat(at("spec.database.replicas").getMinimum()).isEqualTo(1.0);
        assertThat(at("spec.workload.accounts").getMinimum()).isEqualTo(2.0);
        assertThat(at("spec.workload.concurrency").getMinimum()).isEqualTo(1.0);
        assertThat(at("spec.workload.amount.min").getMinimum()).isEqualTo(1.0);
        assertThat(at("spec.workload.targetRate").getExclusiveMinimum()).isTrue();
        assertThat(at("spec.loadgen.parallelism").getMinimum()).isEqualTo(1.0);
        assertThat(at("spec.runs").getMinimum()).isEqualTo(1.0);
        assertThat(at("spec.runs").getMaximum()).isEqualTo(100.0);
        assertThat(at("spec.database.postgresql.poolSize").getMaximum()).isEqualTo(1000.0);
        assertThat(at("spec.database.postgresql.batchSize").getMaximum()).isEqualTo(100_000.0);
        assertThat(at("spec.validation.maxErrorRate").getMaximum()).isEqualTo(1.0);
    }

    @Test
    void durationsMustFollowTheDurationSpelling() {
        assertThat(at("spec.workload.warmup").getPattern()).isEqualTo("^(\\d{1,9})(ms|s|m|h)$");
        assertThat(at("spec.workload.duration").getPattern()).isEqualTo("^(\\d{1,9})(ms|s|m|h)$");
        assertThat(at("spec.database.postgresql.batchLinger").getPattern()).isEqualTo("^(\\d{1,9})(ms|s|m|h)$");
    }

    @Test
    void celRulesTieFieldsTogether() {
        assertThat(rules("spec.workload.amount")).containsExactly("!has(self.min) || !has(self.max) || self.min <= self.max");
        assertThat(rules("spec.workload"))
                .containsExactly("!has(self.mode) || self.mode != 'fixedRate' || has(self.targetRate)",
                        "!has(self.mode) || self.mode != 'saturation' || has(self.saturation)");
        assertThat(rules("spec.database")).singleElement().asString().contains("self.replicas in [1, 3, 6]");
        assertThat(rules("")).containsExactly("self.metadata.name.size() <= 45");
        assertThat(rules("spec")).as("a running benchmark's spec cannot change").containsExactly("self == oldSelf");
    }
}
