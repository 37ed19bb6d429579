package io.ledgerbench.loadgen.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.spec.SpecValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

    private static final String LONGEST = "a".repeat(SpecValidator.MAX_NAME_LENGTH - 1) + "z";

    @Test
    void everyNameOfTheLongestAllowedBenchmarkIsAValidDnsLabel() {
        ResourceNames names = new ResourceNames(LONGEST);
        List<String> all = List.of(names.databaseSecret(), names.databaseConfig(), names.databaseHeadlessService(),
                names.databasePrimaryService(), names.databaseReplicaService(5), names.databasePod(5),
                names.specConfigMap(), names.loadgenServiceAccount(), names.prepareJob(100), names.loadJob(100),
                names.verifyJob(100), names.podResultConfigMap(100, 999), names.startBarrierConfigMap(100),
                names.verificationConfigMap(100), names.resultsConfigMap());
        assertThat(all).allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(63)
                .matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    }

    @Test
    void aComparisonsRoundIsABenchmarkRunNamedForItsVariantAndRound() {
        assertThat(new ResourceNames("tb-vs-pg").comparisonRound("tigerbeetle", 2)).isEqualTo("tb-vs-pg-tigerbeetle-r2");
        assertThat(new ResourceNames("tb-vs-pg").resultsConfigMap()).isEqualTo("tb-vs-pg-results");
    }

    @Test
    void theStatefulSetsRevisionLabelFitsTooForTheLongestName() {
        // The StatefulSet controller labels pods controller-revision-hash=<set name>-<hash of up to 10 characters>.
        assertThat(new ResourceNames(LONGEST).databaseStatefulSet().length() + 1 + 10).isLessThanOrEqualTo(63);
    }

    @Test
    void namesOfDifferentRunsAndPodsDiffer() {
        ResourceNames names = new ResourceNames("b");
        assertThat(names.podResultConfigMap(1, 12)).isNotEqualTo(names.podResultConfigMap(11, 2));
    }
}
