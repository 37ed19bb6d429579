package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distance on a real local PostgreSQL through the delay relays (emulation: relays, no rights needed): a
 * round trip added between client and database (and between nodes) is measured where it was asked for,
 * and bounds what one interactive client can do. {@link LocalNamespaceDistanceRunTest} does the same in
 * network namespaces.
 */
class LocalDistanceRunTest {

    /** An interactive transfer's round trips: BEGIN, lock both rows, debit, credit, record, COMMIT. */
    private static final int INTERACTIVE_ROUND_TRIPS = 6;

    @TempDir
    Path results;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private RunResult run(String name, String database, String network) throws Exception {
        return LocalRuns.runOnce(name, """
                spec:
                  database: %s
                  workload: {accounts: 10, concurrency: 1, warmup: 1s, duration: 3s, seed: 3}
                  network: %s
                  runs: 1
                """.formatted(database, network), results, console);
    }

    @Test
    void oneInteractiveClientCannotBeatSixRoundTripsPerTransferAndTheRoundTripIsMeasured() throws Exception {
        RunResult run = run("far", "{replicas: 1, postgresql: {mode: interactive, poolSize: 1, synchronousCommit: \"on\"}}",
                "{clientRoundTrip: 10ms, emulation: relays}");

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.network()).as(out).isNotNull();
        assertThat(run.network().clientRoundTripMs()).isEqualTo(10.0);
        assertThat(run.network().clientRoundTripMeasuredMs().p50Ms()).as("the relay never delivers early")
                .isGreaterThanOrEqualTo(10.0);
        assertThat(run.network().nodeRoundTripMeasuredMs()).isNull();
        // Each transfer waits for six round trips of at least 10 ms: at most 1000 / 60 per second.
        assertThat(run.counts().completed()).as(out).isPositive();
        assertThat(run.completedPerSec()).as(out).isLessThanOrEqualTo(1000.0 / (INTERACTIVE_ROUND_TRIPS * 10));
        assertThat(run.invariants().ok()).isTrue();
        assertThat(out).contains("network: client <-> database 10.00 ms round trip added (measured p50");
    }

    @Test
    void aDelayBetweenNodesIsMeasuredAndCommitsWaitForIt() throws Exception {
        RunResult run = run("spread", "{replicas: 2, postgresql: {mode: procedure, poolSize: 1, synchronousCommit:"
                + " \"on\", synchronousStandbys: 1}}", "{nodeRoundTrip: 20ms, emulation: relays}");

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.network().nodeRoundTripMeasuredMs().p50Ms()).as(out).isGreaterThanOrEqualTo(20.0);
        assertThat(run.network().clientRoundTripMeasuredMs()).isNull();
        // A synchronous commit waits for the standby's flush, a round trip away: one client, at most 50 per second.
        assertThat(run.completedPerSec()).as(out).isLessThanOrEqualTo(1000.0 / 20);
        assertThat(run.latencyMs().p50Ms()).isGreaterThanOrEqualTo(20.0);
        assertThat(run.invariants().ok()).isTrue();
    }
}
