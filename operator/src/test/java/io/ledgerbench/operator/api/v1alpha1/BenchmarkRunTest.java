package io.ledgerbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.loadgen.spec.IsolationLevel;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchmarkRunTest {

    private static final Path EXAMPLE = Path.of("../manifests/examples/local-postgres.yaml");

    @Test
    void theResourceCarriesLoadgensSpecWithItsDefaults() throws Exception {
        BenchmarkRun resource = Serialization.unmarshal(Files.readString(EXAMPLE), BenchmarkRun.class);
        assertThat(resource.getApiVersion()).isEqualTo("ledgerbench.io/v1alpha1");
        assertThat(resource.getKind()).isEqualTo("BenchmarkRun");
        assertThat(resource.getMetadata().getName()).isEqualTo("local-postgres");
        assertThat(resource.getSpec().workload().accounts()).isEqualTo(10_000L);
        assertThat(resource.getSpec().database().postgresql().isolationLevel()).isEqualTo(IsolationLevel.READ_COMMITTED);
        assertThat(resource.getSpec().validation().maxErrorRate()).isEqualTo(0.05);
    }

    @Test
    void theOperatorAndTheLocalRunnerReadTheSameSpec() throws Exception {
        BenchmarkRun resource = Serialization.unmarshal(Files.readString(EXAMPLE), BenchmarkRun.class);
        assertThat(resource.getSpec()).isEqualTo(new SpecLoader().load(EXAMPLE).spec());
    }
}
