package io.ledgerbench.loadgen.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A measurement window's usage from two snapshots: totals are differences, per-transfer figures totals / completed. */
class ResourceUsageTest {

    private static final ProcessCounters LOADGEN_BEFORE = new ProcessCounters(1, 1, 0, 0, 0, 0);
    private static final ProcessCounters LOADGEN_AFTER = new ProcessCounters(3, 2, 0, 0, 0, 0);

    private static ResourceSnapshot snapshot(Map<String, ProcessCounters> nodes, PostgresCounters postgres,
                                             List<String> notRead, boolean everyNodeRead) {
        return new ResourceSnapshot(nodes, postgres == null ? LOADGEN_BEFORE : LOADGEN_AFTER, postgres, notRead,
                everyNodeRead, true);
    }

    @Test
    void perTransferFiguresAreTheWindowsTotalsDividedByCompletedTransfers() {
        ResourceSnapshot start = new ResourceSnapshot(Map.of(
                "primary", new ProcessCounters(10, 5, 0, 1_000, 10, 100),
                "standby-1", new ProcessCounters(2, 1, 0, 500, 5, 100)), LOADGEN_BEFORE,
                new PostgresCounters("0/1000000", 100, 20, 10, 50, 1000, 0), List.of(), true, true);
        ResourceSnapshot end = new ResourceSnapshot(Map.of(
                "primary", new ProcessCounters(13, 6, 0, 41_000, 410, 200),
                "standby-1", new ProcessCounters(3, 2, 0, 10_500, 105, 150)), LOADGEN_AFTER,
                new PostgresCounters("0/1186A00", 2100, 420, 510, 1050, 3000, 2), List.of(), true, false);

        ResourceUsage usage = ResourceUsage.between(start, end, 2000, null);

        assertThat(usage.databaseCpuSeconds()).isCloseTo(6.0, within(1e-9));
        assertThat(usage.databaseWriteBytes()).isEqualTo(50_000);
        assertThat(usage.walBytes()).isEqualTo(1_600_000);
        assertThat(usage.fsyncs()).isEqualTo(500);
        assertThat(usage.commits()).isEqualTo(2000);
        assertThat(usage.walWrites()).isEqualTo(400);
        assertThat(usage.buffersWritten()).isEqualTo(1000);
        assertThat(usage.loadgenCpuSeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(usage.cpuMicrosPerTransfer()).isCloseTo(6.0e6 / 2000, within(1e-9));
        assertThat(usage.bytesWrittenPerTransfer()).isCloseTo(25.0, within(1e-9));
        assertThat(usage.writeSyscallsPerTransfer()).isCloseTo(0.25, within(1e-9));
        assertThat(usage.walBytesPerTransfer()).isCloseTo(800.0, within(1e-9));
        assertThat(usage.fsyncsPerTransfer()).isCloseTo(0.25, within(1e-9));
        assertThat(usage.nodes()).containsEntry("standby-1", new ProcessCounters(1, 1, 0, 10_000, 100, 150));
        assertThat(usage.databasePeakResidentBytes()).as("peaks reset at the start: the window's").isEqualTo(350);
        assertThat(usage.notMeasured()).isEmpty();
    }

    @Test
    void peakMemoryNotResetAtTheStartIsNotTheWindowsAndIsLeftOut() {
        Map<String, ProcessCounters> nodes = Map.of("server", new ProcessCounters(1, 0, 0, 0, 0, 4096));
        ResourceSnapshot start = new ResourceSnapshot(nodes, LOADGEN_BEFORE, null,
                List.of("server: peak memory could not be reset (clear_refs); its peak is since it started"), true, false);
        ResourceSnapshot end = new ResourceSnapshot(nodes, LOADGEN_AFTER, null, List.of(), true, false);

        ResourceUsage usage = ResourceUsage.between(start, end, 10, null);

        assertThat(usage.databasePeakResidentBytes()).isNull();
        assertThat(usage.databaseCpuSeconds()).as("the rest is measured").isZero();
        assertThat(usage.notMeasured()).anySatisfy(reason -> assertThat(reason).contains("peak memory could not be reset"));
    }

    @Test
    void aNodeReadAtOneEndOnlyLeavesTheTotalsUnmeasuredWithTheReason() {
        ResourceSnapshot start = snapshot(Map.of("replica-0", new ProcessCounters(1, 1, 0, 0, 0, 0),
                "replica-1", new ProcessCounters(1, 1, 0, 0, 0, 0)), null, List.of(), true);
        ResourceSnapshot end = snapshot(Map.of("replica-0", new ProcessCounters(2, 2, 0, 10, 1, 0)), null,
                List.of("replica-1: process 4242 not readable in /proc"), false);

        ResourceUsage usage = ResourceUsage.between(start, end, 100, "TigerBeetle keeps no such statistics");

        assertThat(usage.databaseCpuSeconds()).isNull();
        assertThat(usage.cpuMicrosPerTransfer()).isNull();
        assertThat(usage.walBytesPerTransfer()).isNull();
        assertThat(usage.fsyncsPerTransfer()).isNull();
        assertThat(usage.notMeasured()).contains("replica-1: process 4242 not readable in /proc",
                "WAL bytes, records and writes, fsyncs, buffers written, commits: TigerBeetle keeps no such statistics");
    }

    @Test
    void noCompletedTransferMeansNoPerTransferFigureRatherThanZero() {
        ResourceSnapshot start = snapshot(Map.of("server", ProcessCounters.ZERO), null, List.of(), true);
        ResourceSnapshot end = snapshot(Map.of("server", new ProcessCounters(1, 0, 0, 0, 0, 0)), null, List.of(), true);

        ResourceUsage usage = ResourceUsage.between(start, end, 0, null);

        assertThat(usage.databaseCpuSeconds()).isEqualTo(1.0);
        assertThat(usage.cpuMicrosPerTransfer()).isNull();
    }

    @Test
    void anLsnIsItsBytePosition() {
        assertThat(PostgresCounters.lsnBytes("1/0")).isEqualTo(1L << 32);
        assertThat(PostgresCounters.lsnBytes("0/16B3748")).isEqualTo(0x16B3748L);
    }
}
