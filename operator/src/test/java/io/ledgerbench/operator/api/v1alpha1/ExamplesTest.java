package io.ledgerbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.loadgen.spec.SpecValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped example is a BenchmarkRun the operator accepts: it parses into the CRD type and passes validation. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("../manifests/examples");

    private static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BenchmarkRun read(String file) throws IOException {
        return Serialization.unmarshal(Files.readString(EXAMPLES.resolve(file)), BenchmarkRun.class);
    }

    @Test
    void everyExampleParsesIntoTheCrdTypeAndPassesValidation() throws Exception {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(10);
        for (Path example : examples()) {
            BenchmarkRun run = Serialization.unmarshal(Files.readString(example), BenchmarkRun.class);
            assertThat(run.getSpec()).as(example.toString()).isNotNull();
            assertThat(SpecValidator.validate(run.asManifest())).as(example.toString()).isEmpty();
        }
    }

    @Test
    void clusterExamplesPlaceOneDatabasePodPerDatabaseNode() throws Exception {
        for (Path example : examples()) {
            if (!example.getFileName().toString().startsWith("local-")) {
                BenchmarkRun run = read(example.getFileName().toString());
                assertThat(run.getSpec().database().placement().nodeSelector()).as(example.toString())
                        .containsEntry("ledgerbench.io/node-group", "database");
                assertThat(run.getSpec().database().replicas()).as(example.toString()).isEqualTo(3);
            }
        }
    }

    @Test
    void theFairAndStrictPostgresExamplesDifferOnlyInTheirQuorum() throws Exception {
        BenchmarkRun fair = read("postgresql-fair.yaml");
        BenchmarkRun strict = read("postgresql-strict.yaml");
        assertThat(fair.getSpec().database().postgresql().synchronousStandbys()).isEqualTo(1);
        assertThat(strict.getSpec().database().postgresql().synchronousStandbys()).isEqualTo(2);
        assertThat(strict.getSpec().workload()).isEqualTo(fair.getSpec().workload());
        assertThat(read("tigerbeetle-3node.yaml").getSpec().database().engine()).isEqualTo(EngineType.TIGERBEETLE);
    }

    @Test
    void contentionRisesFromLowToHighAndTheFixedRateExampleIsOpenLoop() throws Exception {
        assertThat(read("contention-low.yaml").getSpec().workload().accounts()).isEqualTo(1_000_000);
        assertThat(read("contention-high.yaml").getSpec().workload().distribution().exponent()).isEqualTo(1.5);
        var fixed = read("fixed-rate.yaml").getSpec().workload();
        assertThat(fixed.mode()).isEqualTo(LoadMode.FIXED_RATE);
        assertThat(fixed.targetRate()).isEqualTo(5000);
    }
}
