package io.ledgerbench.loadgen.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbench.loadgen.local.LocalRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

    private static final String HEADER = """
            apiVersion: ledgerbench.io/v1alpha1
            kind: BenchmarkRun
            metadata:
              name: t1
            """;

    private final SpecLoader loader = new SpecLoader();

    private BenchmarkRunManifest parse(String yaml) throws InvalidSpecException {
        return loader.parse(yaml, "test.yaml");
    }

    private InvalidSpecException refusal(String yaml) {
        try {
            parse(yaml);
        } catch (InvalidSpecException e) {
            return e;
        }
        throw new AssertionError("spec was accepted: " + yaml);
    }

    @Test
    void aMinimalDocumentGetsEverySpecDefault() throws Exception {
        BenchmarkRunSpec spec = parse(HEADER).spec();
        assertThat(spec.database().engine()).isEqualTo(EngineType.POSTGRESQL);
        assertThat(spec.database().replicas()).isEqualTo(3);
        assertThat(spec.database().postgresql().mode()).isEqualTo(PostgresMode.PROCEDURE);
        assertThat(spec.database().postgresql().isolationLevel()).isEqualTo(IsolationLevel.READ_COMMITTED);
        assertThat(spec.database().postgresql().synchronousStandbys()).isEqualTo(1);
        assertThat(spec.database().postgresql().poolSize()).isEqualTo(20);
        assertThat(spec.database().postgresql().batchSize()).isEqualTo(1000);
        assertThat(spec.database().postgresql().batchLingerDuration()).isZero();
        assertThat(spec.workload().accounts()).isEqualTo(100_000);
        assertThat(spec.workload().initialBalance()).isEqualTo(1_000_000);
        assertThat(spec.workload().amount()).isEqualTo(new AmountRange(1L, 1000L));
        assertThat(spec.workload().distribution().effectiveExponent()).isEqualTo(1.0);
        assertThat(spec.workload().mode()).isEqualTo(LoadMode.MAX_THROUGHPUT);
        assertThat(spec.workload().warmupDuration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(spec.workload().measurementDuration()).isEqualTo(Duration.ofSeconds(300));
        assertThat(spec.workload().seed()).isNull();
        assertThat(spec.runs()).isEqualTo(3);
        assertThat(spec.validation().maxErrorRate()).isEqualTo(0.05);
        assertThat(spec.validation().maxClientCpu()).isEqualTo(0.80);
    }

    @Test
    void valuesInTheFileOverrideDefaults() throws Exception {
        BenchmarkRunSpec spec = parse(HEADER + """
                spec:
                  database:
                    engine: tigerbeetle
                    replicas: 6
                  workload:
                    accounts: 10
                    distribution: {type: uniform}
                    mode: fixedRate
                    targetRate: 5000
                    arrival: uniform
                    warmup: 90s
                    duration: 5m
                    seed: 42
                  runs: 5
                """).spec();
        assertThat(spec.database().engine()).isEqualTo(EngineType.TIGERBEETLE);
        assertThat(spec.database().image()).isEqualTo(DatabaseSpec.DEFAULT_TIGERBEETLE_IMAGE);
        assertThat(spec.workload().distribution().effectiveExponent()).isZero();
        assertThat(spec.workload().targetRate()).isEqualTo(5000.0);
        assertThat(spec.workload().arrival()).isEqualTo(ArrivalProcess.UNIFORM);
        assertThat(spec.workload().warmupDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(spec.workload().measurementDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(spec.workload().seed()).isEqualTo(42L);
        assertThat(spec.runs()).isEqualTo(5);
    }

    @Test
    void theShippedLocalExampleIsValid() throws Exception {
        BenchmarkRunManifest manifest = loader.load(Path.of("../manifests/examples/local-postgres.yaml"));
        assertThat(manifest.name()).isEqualTo("local-postgres");
        assertThat(manifest.spec().database().replicas()).isEqualTo(1);
    }

    @Test
    void theShippedBatchedExampleIsValidAndRunsLocally() throws Exception {
        BenchmarkRunManifest manifest = loader.load(Path.of("../manifests/examples/local-postgres-batched.yaml"));
        assertThat(manifest.spec().database().postgresql().mode()).isEqualTo(PostgresMode.BATCHED);
        LocalRunner.checkSupported(manifest.spec(), false);
    }

    @Test
    void theShippedThreeNodeExampleIsValidRunsLocallyAndIsDurableLikeTigerBeetle() throws Exception {
        BenchmarkRunManifest manifest = loader.load(Path.of("../manifests/examples/local-postgres-3node.yaml"));
        assertThat(manifest.spec().database().replicas()).isEqualTo(3);
        LocalRunner.checkSupported(manifest.spec(), false);
        assertThat(io.ledgerbench.loadgen.result.DurabilityAssessment.of(manifest.spec().database())
                .equivalentToTigerBeetle()).isTrue();
    }

    @Test
    void theShippedTigerBeetleExampleIsValidWithThreeReplicas() throws Exception {
        BenchmarkRunManifest manifest = loader.load(Path.of("../manifests/examples/local-tigerbeetle.yaml"));
        assertThat(manifest.spec().database().engine()).isEqualTo(io.ledgerbench.loadgen.spec.EngineType.TIGERBEETLE);
        assertThat(manifest.spec().database().replicas()).isEqualTo(3);
        assertThat(manifest.spec().database().tigerbeetle().binary()).isNull();
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path directory) {
        assertThatThrownBy(() -> loader.load(directory.resolve("nope.yaml")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("file: does not exist");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(refusal("   \n").getMessage()).contains("file: is empty");
    }

    @Test
    void malformedYamlIsRefusedWithItsLine() {
        assertThat(refusal(HEADER + "spec:\n  workload: [unclosed\n").getMessage())
                .contains("is not valid YAML").contains("line");
    }

    @Test
    void anUnknownEngineListsTheAllowedOnes() {
        InvalidSpecException e = refusal(HEADER + "spec:\n  database:\n    engine: mysql\n");
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.database.engine");
            assertThat(v.problem()).contains("'mysql'").contains("postgresql, tigerbeetle");
        });
    }

    @Test
    void anUnknownIsolationLevelListsTheAllowedOnes() {
        assertThat(refusal(HEADER + "spec:\n  database:\n    postgresql: {isolationLevel: snapshot}\n").getMessage())
                .contains("spec.database.postgresql.isolationLevel").contains("read_committed, repeatable_read, serializable");
    }

    @Test
    void aMisspelledFieldIsNamed() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    acounts: 5\n").getMessage())
                .contains("spec.workload.acounts: unknown field").contains("accounts");
    }

    @Test
    void textWhereANumberBelongsIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    accounts: many\n").getMessage())
                .contains("spec.workload.accounts");
    }

    @Test
    void amountMinAboveMaxIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    amount: {min: 500, max: 10}\n").violations())
                .containsExactly(new SpecViolation("spec.workload.amount", "min (500) must be <= max (10)"));
    }

    @Test
    void fewerThanTwoAccountsAreRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    accounts: 1\n").violations())
                .containsExactly(new SpecViolation("spec.workload.accounts", "must be at least 2 (got 1)"));
    }

    @Test
    void fixedRateWithoutTargetRateIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    mode: fixedRate\n").getMessage())
                .contains("spec.workload.targetRate: is required when mode is fixedRate");
    }

    @Test
    void aDurationWithoutUnitIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    warmup: 90\n").getMessage())
                .contains("spec.workload.warmup: '90' is not a duration");
    }

    @Test
    void aZeroMeasurementIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    duration: 0s\n").getMessage())
                .contains("spec.workload.duration: must be longer than 0");
    }

    @Test
    void tigerbeetleReplicasMustBeOneThreeOrSix() {
        assertThat(refusal(HEADER + "spec:\n  database: {engine: tigerbeetle, replicas: 2}\n").getMessage())
                .contains("spec.database.replicas: must be 1, 3 or 6");
    }

    @Test
    void moreSynchronousStandbysThanStandbysIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  database: {replicas: 3, postgresql: {synchronousStandbys: 3}}\n")
                .getMessage()).contains("spec.database.postgresql.synchronousStandbys: must be at most replicas - 1 = 2");
    }

    @Test
    void aBatchLingerLongerThanOneSecondIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  database:\n    postgresql: {mode: batched, batchLinger: 2s}\n")
                .getMessage()).contains("spec.database.postgresql.batchLinger: must be at most 1s (got 2s)");
    }

    @Test
    void aBatchLingerThatIsNoDurationIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  database:\n    postgresql: {batchLinger: soon}\n").getMessage())
                .contains("spec.database.postgresql.batchLinger: 'soon' is not a duration");
    }

    @Test
    void aTigerBeetleRequestTimeoutDefaultsToThirtySeconds() throws Exception {
        BenchmarkRunSpec spec = new SpecLoader().parse(HEADER + "spec:\n  database: {engine: tigerbeetle}\n", "test").spec();
        assertThat(spec.database().tigerbeetle().requestTimeoutDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aTigerBeetleRequestTimeoutShorterThanAViewChangeIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  database: {engine: tigerbeetle, tigerbeetle: {requestTimeout: 1s}}\n")
                .getMessage()).contains("spec.database.tigerbeetle.requestTimeout: must be at least 5s", "(got '1s')");
    }

    @Test
    void aTigerBeetlePodTooSmallForItselfAndAGridCacheIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  database: {engine: tigerbeetle, resources: {limits: {memory: 2Gi}}}\n")
                .getMessage()).contains("spec.database.resources.limits.memory: must be at least 4352Mi", "(got 2048Mi)");
    }

    @Test
    void aTigerBeetleMemoryThatIsNoQuantityIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  database: {engine: tigerbeetle, resources: {requests: {memory: lots}}}\n")
                .getMessage()).contains("spec.database.resources.requests.memory: is not a Kubernetes quantity");
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  database:\n    postgresql: {batchSize: 0}\n").getMessage())
                .contains("spec.database.postgresql.batchSize: must be");
    }

    @Test
    void balancesWhoseSumOverflowsAreRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload: {accounts: 1000000000, initialBalance: 1000000000000}\n")
                .getMessage()).contains("spec.workload.initialBalance");
    }

    @Test
    void aWrongKindIsRefused() {
        assertThat(refusal(HEADER.replace("kind: BenchmarkRun", "kind: Deployment")).getMessage())
                .contains("kind: must be BenchmarkRun");
    }

    @Test
    void aNameThatCannotBeAKubernetesNameIsRefused() {
        assertThat(refusal(HEADER.replace("name: t1", "name: My_Run")).getMessage()).contains("metadata.name");
    }

    @Test
    void aNameLongerThanObjectNamesAllowIsRefused() {
        assertThat(refusal(HEADER.replace("name: t1", "name: " + "a".repeat(46))).getMessage())
                .contains("metadata.name").contains("at most 45 characters");
    }

    @Test
    void durabilitySettingsCannotBePassedThrough() {
        assertThat(refusal(HEADER + "spec:\n  database:\n    postgresql: {parameters: {fsync: 'off', shared_buffers: 1GB}}\n")
                .violations()).extracting(SpecViolation::field)
                .containsExactly("spec.database.postgresql.parameters.fsync");
        assertThat(refusal(HEADER + "spec:\n  database:\n    postgresql: {parameters: {synchronous_commit: local}}\n")
                .getMessage()).contains("spec.database.postgresql.synchronousCommit");
    }

    @Test
    void everyViolationIsListedAtOnce() {
        assertThat(refusal(HEADER + "spec:\n  workload: {accounts: 1, amount: {min: 0}}\n  runs: 0\n").violations())
                .extracting(SpecViolation::field)
                .contains("spec.workload.accounts", "spec.workload.amount.min", "spec.runs");
    }

    @Test
    void aStatusSectionIsIgnored() throws Exception {
        assertThat(parse(HEADER + "status:\n  phase: Succeeded\n").name()).isEqualTo("t1");
    }

    @Test
    void theDefaultedSpecSerializesBackToAnEquivalentDocument(@TempDir Path directory) throws Exception {
        BenchmarkRunManifest manifest = parse(HEADER + "spec:\n  workload: {seed: 7}\n");
        Path file = directory.resolve("again.yaml");
        Files.writeString(file, loader.toYaml(manifest));
        assertThat(loader.load(file)).isEqualTo(manifest);
    }

    @Test
    void saturationWithoutItsObjectiveIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    mode: saturation\n").getMessage())
                .contains("spec.workload.saturation: is required when mode is saturation");
        assertThat(refusal(HEADER + "spec:\n  workload:\n    mode: saturation\n    saturation: {startRate: 10}\n")
                .getMessage()).contains("spec.workload.saturation.p99: is required");
    }

    @Test
    void saturationStepsDefaultToShortPhasesAndTheSearchToAProbe() throws Exception {
        WorkloadSpec workload = new SpecLoader().parse(HEADER
                + "spec:\n  workload:\n    mode: saturation\n    saturation: {p99: 20ms}\n", "t").spec().workload();
        assertThat(workload.warmup()).isEqualTo(SaturationSpec.DEFAULT_STEP_WARMUP);
        assertThat(workload.duration()).isEqualTo(SaturationSpec.DEFAULT_STEP_DURATION);
        assertThat(workload.saturation()).isEqualTo(new SaturationSpec("20ms", 0.99, null, 0.5, "10s", 1.5, 0.05, 12,
                "1h"));
    }

    @Test
    void aSaturationBlockInAnotherModeIsRefusedRatherThanIgnored() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    mode: fixedRate\n    targetRate: 100\n"
                + "    saturation: {p99: 20ms}\n").violations()).containsExactly(new SpecViolation(
                "spec.workload.saturation", "applies only when mode is saturation (mode is fixedRate): remove it, or"
                + " set mode: saturation"));
    }

    @Test
    void aTargetRateInSaturationModeIsRefusedRatherThanIgnored() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    mode: saturation\n    targetRate: 100\n"
                + "    saturation: {p99: 20ms}\n").violations()).extracting(SpecViolation::field)
                .containsExactly("spec.workload.targetRate");
    }

    @Test
    void aStartRateExcludesTheProbe() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    mode: saturation\n"
                + "    saturation: {p99: 20ms, startRate: 100, startFraction: 0.5}\n").violations())
                .extracting(SpecViolation::field).containsExactly("spec.workload.saturation.startRate");
    }

    @Test
    void saturationSearchSettingsOutsideTheirRangesAreEachNamed() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    mode: saturation\n    saturation: {p99: 0ms,"
                + " minAchievedRatio: 1.5, startFraction: 0, growthFactor: 1, resolution: 0.9, maxSteps: 1}\n")
                .violations()).extracting(SpecViolation::field).containsExactly(
                "spec.workload.saturation.p99", "spec.workload.saturation.minAchievedRatio",
                "spec.workload.saturation.startFraction", "spec.workload.saturation.growthFactor",
                "spec.workload.saturation.resolution", "spec.workload.saturation.maxSteps");
    }

    @Test
    void aTimeLimitTooShortForTheProbeAndTwoStepsIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload:\n    mode: saturation\n    warmup: 10s\n    duration: 30s\n"
                + "    saturation: {p99: 20ms, timeLimit: 1m}\n").violations()).containsExactly(new SpecViolation(
                "spec.workload.saturation.timeLimit", "must leave room for the probe and two steps of warmup +"
                + " duration: at least 100s (got 1m)"));
    }

    @Test
    void faultsAndNetworkAreReadWithTheirDefaults() throws InvalidSpecException {
        BenchmarkRunSpec spec = parse(HEADER + "spec:\n  network: {clientRoundTrip: 10ms}\n  faults:\n"
                + "    - {node: standby-1, at: 5s, restartAfter: 3s}\n").spec();
        assertThat(spec.network().clientRoundTripDuration()).isEqualTo(java.time.Duration.ofMillis(10));
        assertThat(spec.network().nodeRoundTripDuration()).isZero();
        assertThat(spec.faults()).singleElement().satisfies(fault -> {
            assertThat(fault.action()).isEqualTo(FaultAction.KILL);
            assertThat(fault.atDuration()).isEqualTo(java.time.Duration.ofSeconds(5));
            assertThat(fault.restartAfterDuration()).contains(java.time.Duration.ofSeconds(3));
        });
    }

    @Test
    void aFaultOnANodeTheDatabaseDoesNotHaveNamesTheNodesItHas() {
        assertThat(refusal(HEADER + "spec:\n  database: {replicas: 3}\n  faults:\n    - {node: standby-3, at: 5s}\n")
                .violations()).containsExactly(new SpecViolation("spec.faults[0].node", "must name a node of this"
                + " database: primary or standby-1 .. standby-2 (postgresql with 3 replicas) (got 'standby-3')"));
        assertThat(refusal(HEADER + "spec:\n  database: {engine: tigerbeetle, replicas: 3}\n  faults:\n"
                + "    - {node: primary, at: 5s}\n").violations()).extracting(SpecViolation::field)
                .containsExactly("spec.faults[0].node");
    }

    @Test
    void aFaultOutsideTheMeasurementIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload: {duration: 30s}\n  faults:\n    - {node: primary, at: 30s}\n")
                .violations()).extracting(SpecViolation::field).containsExactly("spec.faults[0].at");
    }

    @Test
    void aFaultOnANodeStillDownFromAnEarlierOneIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  faults:\n    - {node: standby-1, at: 5s, restartAfter: 10s}\n"
                + "    - {node: standby-1, at: 10s}\n").violations()).containsExactly(new SpecViolation(
                "spec.faults[1].at", "node standby-1 is still down from an earlier fault at 5s (it restarts at 15s; allow 10s"
                + " for it to come back)"));
    }

    @Test
    void aRestartAfterTheMeasurementEndsIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload: {duration: 30s}\n  faults:\n"
                + "    - {node: standby-1, at: 20s, restartAfter: 10s}\n").violations())
                .extracting(SpecViolation::field).containsExactly("spec.faults[0].restartAfter");
    }

    @Test
    void aReplicaNumberWithALeadingZeroIsNotANodeName() {
        assertThat(refusal(HEADER + "spec:\n  database: {engine: tigerbeetle, replicas: 6}\n  faults:\n"
                + "    - {node: replica-05, at: 5s}\n").violations()).extracting(SpecViolation::field)
                .containsExactly("spec.faults[0].node");
    }

    @Test
    void faultsInSaturationModeAreRefused() {
        assertThat(refusal(HEADER + "spec:\n  workload: {mode: saturation, saturation: {p99: 20ms}}\n  faults:\n"
                + "    - {node: primary, at: 5s}\n").violations()).extracting(SpecViolation::field)
                .containsExactly("spec.faults");
    }

    @Test
    void aDelayBetweenNodesNeedsMoreThanOneNode() {
        assertThat(refusal(HEADER + "spec:\n  database: {replicas: 1}\n  network: {nodeRoundTrip: 1ms}\n")
                .violations()).extracting(SpecViolation::field).containsExactly("spec.network.nodeRoundTrip");
    }

    @Test
    void aJitterBeyondHalfTheRoundTripIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  network: {clientRoundTrip: 10ms, jitter: 6ms}\n").violations())
                .containsExactly(new SpecViolation("spec.network.jitter", "must be at most half the smallest round trip"
                        + " asked for (10ms, so at most 5ms): each one-way delay varies by +/- jitter (got 6ms)"));
        assertThat(refusal(HEADER + "spec:\n  network: {jitter: 1ms}\n").violations())
                .extracting(SpecViolation::field).containsExactly("spec.network.jitter");
    }

    @Test
    void aRoundTripBeyondOneSecondIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  network: {clientRoundTrip: 2s}\n").violations())
                .extracting(SpecViolation::field).containsExactly("spec.network.clientRoundTrip");
    }

    @Test
    void aNetworkIsMadeWithNamespacesUnlessRelaysAreAskedFor() throws Exception {
        assertThat(parse(HEADER + "spec:\n  network: {clientRoundTrip: 10ms}\n").spec().network().emulation())
                .isEqualTo(NetworkEmulation.NAMESPACES);
        assertThat(parse(HEADER + "spec:\n  network: {clientRoundTrip: 10ms, emulation: relays}\n").spec().network()
                .emulation()).isEqualTo(NetworkEmulation.RELAYS);
    }

    @Test
    void anUnknownEmulationIsRefusedNamingTheOnesThereAre() {
        assertThat(refusal(HEADER + "spec:\n  network: {clientRoundTrip: 10ms, emulation: netem}\n").violations())
                .containsExactly(new SpecViolation("spec.network.emulation",
                        "'netem' is not allowed; allowed: namespaces, relays"));
    }

    @Test
    void namespacesAreRefusedForAnExistingServerNamingTheAlternative() throws Exception {
        BenchmarkRunSpec spec = parse(HEADER + "spec:\n  network: {clientRoundTrip: 10ms}\n").spec();
        assertThatThrownBy(() -> LocalRunner.checkSupported(spec, true))
                .isInstanceOf(io.ledgerbench.loadgen.local.UnsupportedLocallyException.class)
                .hasMessageStartingWith("spec.network.emulation: namespaces hold servers the local runner starts")
                .hasMessageContaining("emulation: relays");
        LocalRunner.checkSupported(parse(HEADER + "spec:\n  database: {replicas: 1}\n  network: {clientRoundTrip: 10ms,"
                + " emulation: relays}\n").spec(), true);
    }

    @Test
    void aLossBeyondTwentyPercentIsRefused() {
        assertThat(refusal(HEADER + "spec:\n  network: {lossPercent: 25}\n").violations())
                .containsExactly(new SpecViolation("spec.network.lossPercent", "must be between 0 and 20 (percent of"
                        + " packets, each way; got 25.0)"));
    }

    @Test
    void relaysCannotLosePacketsAndSaySo() {
        assertThat(refusal(HEADER + "spec:\n  network: {lossPercent: 1, emulation: relays}\n").violations())
                .extracting(SpecViolation::field, SpecViolation::problem).containsExactly(org.assertj.core.groups.Tuple
                        .tuple("spec.network.lossPercent", "relays carry TCP streams and cannot lose packets: set"
                                + " emulation: namespaces, or remove lossPercent"));
    }
}
