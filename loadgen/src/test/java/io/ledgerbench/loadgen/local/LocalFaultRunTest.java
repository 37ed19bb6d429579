package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.fault.FaultOutcome;
import io.ledgerbench.loadgen.fault.FaultsResult;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.result.ValidityWarning;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults on a real local PostgreSQL cluster (a primary and two standbys under ANY 1): nodes killed mid-run. */
class LocalFaultRunTest {

    @TempDir
    Path results;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private RunResult runWith(String name, String faults) throws Exception {
        return runWith(name, faults, "6s");
    }

    private RunResult runWith(String name, String faults, String duration) throws Exception {
        return runWith(name, faults, duration, 3);
    }

    private RunResult runWith(String name, String faults, String duration, int replicas) throws Exception {
        return LocalRuns.runOnce(name, """
                spec:
                  database:
                    replicas: %d
                    postgresql: {mode: procedure, poolSize: 4, synchronousCommit: "on", synchronousStandbys: %d}
                  workload: {accounts: 1000, concurrency: 4, warmup: 1s, duration: %s, seed: 5}
                  runs: 1
                  faults:
                %s
                """.formatted(replicas, replicas > 1 ? 1 : 0, duration, faults.indent(4)), results, console);
    }

    @Test
    void aStandbyKilledMidRunLeavesCommitsGoingAndTheInvariantsWhole() throws Exception {
        RunResult run = runWith("standby-lost", "- {node: standby-1, action: kill, at: 2s}");

        String out = console.toString(StandardCharsets.UTF_8);
        FaultsResult faults = run.faults();
        assertThat(faults).as(out).isNotNull();
        FaultOutcome lost = faults.faults().getFirst();
        assertThat(lost.appliedAtSeconds()).as(out).isNotNull();
        assertThat(lost.detail()).contains("SIGKILL");
        assertThat(lost.expectedToKeepCommitting()).isTrue();
        assertThat(lost.keptCommitting()).as(out).isTrue();
        assertThat(lost.answeredPerSecDuring()).isPositive();
        assertThat(run.invariants().ok()).as(out).isTrue();
        assertThat(faults.invariantsCheckedOn()).isEqualTo("the primary");
        assertThat(run.warnings()).extracting(ValidityWarning::code).doesNotContain("stopped_early");
        assertThat(out).contains("fault at +").contains("kill standby-1");
    }

    @Test
    void aKilledPrimaryStopsCommitsEndsTheRunWithTheReasonAndLosesNoCommittedTransfer() throws Exception {
        RunResult run = runWith("primary-lost", "- {node: primary, action: kill, at: 2s}");

        String out = console.toString(StandardCharsets.UTF_8);
        FaultOutcome lost = run.faults().faults().getFirst();
        assertThat(lost.keptCommitting()).as(out).isFalse();
        assertThat(lost.asExpected()).isTrue();
        assertThat(lost.expected()).contains("no automatic failover");
        assertThat(run.warnings()).as(out).extracting(ValidityWarning::code).contains("stopped_early");
        assertThat(run.warnings()).filteredOn(warning -> warning.code().equals("stopped_early"))
                .singleElement().extracting(ValidityWarning::message).asString()
                .contains("primary was killed").contains("not restarted");
        assertThat(run.valid()).isFalse();
        assertThat(run.faults().invariantsCheckedOn()).as(out).contains("surviving standby");
        // Every transfer the clients saw committed is on the surviving standby, and none is there twice: the
        // count there lies within completed .. completed + in doubt.
        assertThat(run.invariants().ok()).as(out).isTrue();
        assertThat(run.counts().completed()).isPositive();
    }

    @Test
    void aPrimaryKilledAndRestartedAnswersAgainAfterCrashRecovery() throws Exception {
        // After the restart the standbys reconnect on their own schedule (wal_retrieve_retry_interval, 5 s) and
        // commits wait for one (ANY 1): the measurement lasts long enough to see them resume.
        RunResult run = runWith("primary-back", "- {node: primary, action: kill, at: 1s, restartAfter: 1s}", "14s");

        String out = console.toString(StandardCharsets.UTF_8);
        FaultOutcome lost = run.faults().faults().getFirst();
        assertThat(lost.restartedAtSeconds()).as(out).isNotNull();
        assertThat(lost.answeredPerSecAfter()).as(out).isPositive();
        assertThat(lost.firstAnswerAfterSeconds()).as("the outage ends with the restart").isNotNull();
        assertThat(run.faults().longestGapSeconds()).as(out).isPositive();
        assertThat(run.invariants().ok()).as(out).isTrue();
    }

    @Test
    void aSingleServerKilledForGoodIsCheckedAfterItsCrashRecovery() throws Exception {
        RunResult run = runWith("single-lost", "- {node: primary, action: kill, at: 1s}", "6s", 1);

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.faults().faults().getFirst().keptCommitting()).as(out).isFalse();
        assertThat(run.faults().invariantsCheckedOn()).contains("started again");
        assertThat(run.invariants().ok()).as(out).isTrue();
    }
}
