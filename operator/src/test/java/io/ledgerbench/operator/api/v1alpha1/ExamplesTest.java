package io.ledgerbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.loadgen.spec.SpecValidator;
import org.junit.jupiter.api.Test;

/** Every shipped example is a BenchmarkRun the operator accepts: it parses into the CRD type and passes validation. */
class ExamplesTest {

    @Test
    void everyExampleParsesIntoTheCrdTypeAndPassesValidation() {
        assertThat(Examples.all()).hasSizeGreaterThanOrEqualTo(10);
        for (String example : Examples.all()) {
            BenchmarkRun run = Examples.read(example);
            assertThat(run.getSpec()).as(example).isNotNull();
            assertThat(SpecValidator.validate(run.asManifest())).as(example).isEmpty();
        }
    }

    @Test
    void clusterExamplesPlaceOneDatabasePodPerDatabaseNode() {
        assertThat(Examples.forCluster()).hasSizeGreaterThanOrEqualTo(6);
        for (String example : Examples.forCluster()) {
            BenchmarkRun run = Examples.read(example);
            assertThat(run.getSpec().database().placement().nodeSelector()).as(example)
                    .containsEntry("ledgerbench.io/node-group", "database");
            assertThat(run.getSpec().database().replicas()).as(example).isEqualTo(3);
        }
    }

    @Test
    void theFairAndStrictPostgresExamplesDifferOnlyInTheirQuorum() {
        BenchmarkRun fair = Examples.read("postgresql-fair.yaml");
        BenchmarkRun strict = Examples.read("postgresql-strict.yaml");
        assertThat(fair.getSpec().database().postgresql().synchronousStandbys()).isEqualTo(1);
        assertThat(strict.getSpec().database().postgresql().synchronousStandbys()).isEqualTo(2);
        assertThat(strict.getSpec().workload()).isEqualTo(fair.getSpec().workload());
        assertThat(Examples.read("tigerbeetle-3node.yaml").getSpec().database().engine()).isEqualTo(EngineType.TIGERBEETLE);
    }

    @Test
    void contentionRisesFromLowToHighAndTheFixedRateExampleIsOpenLoop() {
        assertThat(Examples.read("contention-low.yaml").getSpec().workload().accounts()).isEqualTo(1_000_000);
        assertThat(Examples.read("contention-high.yaml").getSpec().workload().distribution().exponent()).isEqualTo(1.5);
        var fixed = Examples.read("fixed-rate.yaml").getSpec().workload();
        assertThat(fixed.mode()).isEqualTo(LoadMode.FIXED_RATE);
        assertThat(fixed.targetRate()).isEqualTo(5000);
    }
}
