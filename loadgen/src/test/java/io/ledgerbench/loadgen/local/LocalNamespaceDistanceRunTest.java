package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.fault.FaultOutcome;
import io.ledgerbench.loadgen.network.NamespaceNetwork;
import io.ledgerbench.loadgen.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distance on a real local PostgreSQL whose nodes each run in a network namespace of their own
 * (emulation: namespaces, the default): the round trip asked for is the one measured, one interactive
 * client is held to what six round trips allow, replication crosses the node network, and nothing is
 * left behind. Building namespaces needs root; without it each test is reported as skipped, by name.
 */
@EnabledIf(value = "rightsPresent", disabledReason = "network namespaces need root (CAP_SYS_ADMIN, CAP_NET_ADMIN),"
        + " iproute2 and /dev/net/tun")
class LocalNamespaceDistanceRunTest {

    /** An interactive transfer's round trips: BEGIN, lock both rows, debit, credit, record, COMMIT. */
    private static final int INTERACTIVE_ROUND_TRIPS = 6;

    @TempDir
    Path results;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    static boolean rightsPresent() {
        return NamespaceNetwork.missingRights().isEmpty();
    }

    @AfterEach
    void nothingIsLeftBehind() {
        String mine = "ledgerbench-" + ProcessHandle.current().pid() + "-";
        assertThat(NamespaceNetwork.existing()).noneMatch(namespace -> namespace.startsWith(mine));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .flatMap(process -> process.info().command().stream()))
                .as("no server of the run still runs").noneMatch(command -> command.endsWith("/postgres"));
    }

    private RunResult run(String name, String database, String network, String faults) throws Exception {
        return LocalRuns.runOnce(name, """
                spec:
                  database: %s
                  workload: {accounts: 10, concurrency: 1, warmup: 1s, duration: 4s, seed: 3}
                  network: %s
                  runs: 1
                %s""".formatted(database, network, faults), results, console);
    }

    @Test
    void oneInteractiveClientInItsOwnNamespaceCannotBeatSixMeasuredRoundTrips() throws Exception {
        RunResult run = run("far", "{replicas: 1, postgresql: {mode: interactive, poolSize: 1, synchronousCommit: \"on\"}}",
                "{clientRoundTrip: 10ms}", "");

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.network().emulation()).as(out).startsWith("network namespaces");
        assertThat(run.network().clientRoundTripMeasuredMs().p50Ms()).as("never early").isGreaterThanOrEqualTo(10.0);
        assertThat(run.environment().databaseLocation()).contains("own network namespace");
        assertThat(run.counts().completed()).as(out).isPositive();
        assertThat(run.completedPerSec()).as(out).isLessThanOrEqualTo(1000.0 / (INTERACTIVE_ROUND_TRIPS * 10));
        assertThat(run.invariants().ok()).isTrue();
    }

    @Test
    void standbysReplicateAcrossTheNodeNetworkAndEveryCommitWaitsForIt() throws Exception {
        RunResult run = run("spread", "{replicas: 3, postgresql: {mode: procedure, poolSize: 1, synchronousCommit:"
                + " \"on\", synchronousStandbys: 1}}", "{nodeRoundTrip: 20ms}", "");

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("standby-1 at 10.213.").contains("standby-2 at 10.213.");
        assertThat(run.network().nodeRoundTripMeasuredMs().p50Ms()).as(out).isGreaterThanOrEqualTo(20.0);
        assertThat(run.network().clientRoundTripMeasuredMs()).isNull();
        // A synchronous commit waits for a standby's flush, a round trip away: one client, at most 50 per second.
        assertThat(run.completedPerSec()).as(out).isPositive().isLessThanOrEqualTo(1000.0 / 20);
        assertThat(run.latencyMs().p50Ms()).isGreaterThanOrEqualTo(20.0);
        assertThat(run.invariants().ok()).isTrue();
    }

    @Test
    void aStandbyKilledInItsNamespaceLeavesCommitsGoing() throws Exception {
        RunResult run = run("spread-lost", "{replicas: 3, postgresql: {mode: procedure, poolSize: 1,"
                + " synchronousCommit: \"on\", synchronousStandbys: 1}}", "{nodeRoundTrip: 2ms}",
                "  faults:\n  - {node: standby-1, action: kill, at: 2s}\n");

        String out = console.toString(StandardCharsets.UTF_8);
        FaultOutcome lost = run.faults().faults().getFirst();
        assertThat(lost.detail()).as(out).contains("SIGKILL");
        assertThat(lost.keptCommitting()).as(out).isTrue();
        assertThat(run.invariants().ok()).as(out).isTrue();
    }

    @Test
    void overALossyLinkTransfersStillCompleteAndTheLostPacketsAreCounted() throws Exception {
        RunResult run = run("lossy", "{replicas: 1, postgresql: {mode: procedure, poolSize: 4, synchronousCommit:"
                + " \"on\"}}", "{clientRoundTrip: 1ms, lossPercent: 2}", "");

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.network().lossPercent()).isEqualTo(2.0);
        assertThat(run.network().clientPacketsCarried()).as(out).isPositive();
        assertThat(run.network().clientPacketsLost()).as("thousands of packets at 2 %%: some lost").isPositive();
        assertThat(out).contains("of packets lost each way (lost ");
        assertThat(run.counts().completed()).isPositive();
        assertThat(run.invariants().ok()).isTrue();
    }
}
