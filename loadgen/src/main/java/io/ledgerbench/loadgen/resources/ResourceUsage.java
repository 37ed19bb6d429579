package io.ledgerbench.loadgen.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database spent during one run's measurement window, and per completed transfer: CPU
 * seconds of every database process, bytes read and written to storage and write system calls
 * (/proc), PostgreSQL's WAL bytes, records and writes, fsyncs, buffers written, commits and
 * rollbacks (its statistics), the
 * load generator's own CPU beside it. A figure that was not measured is null, and notMeasured says
 * why: never a zero in its place.
 */
public record ResourceUsage(
        long completedTransfers,
        Map<String, ProcessCounters> nodes,
        Double databaseCpuSeconds,
        Double databaseCpuUserSeconds,
        Double databaseCpuSystemSeconds,
        Long databaseReadBytes,
        Long databaseWriteBytes,
        Long databaseWriteSyscalls,
        Long databasePeakResidentBytes,
        Double loadgenCpuSeconds,
        Long walBytes,
        Long walRecords,
        Long walWrites,
        Long fsyncs,
        Long buffersWritten,
        Long commits,
        Long rollbacks,
        Double cpuMicrosPerTransfer,
        Double bytesWrittenPerTransfer,
        Double writeSyscallsPerTransfer,
        Double walBytesPerTransfer,
        Double fsyncsPerTransfer,
        List<String> notMeasured) {

    public ResourceUsage {
        nodes = Map.copyOf(nodes);
        notMeasured = List.copyOf(notMeasured);
    }

    /**
     * The difference between two snapshots, divided by the transfers completed in the window. A node
     * is counted only when both snapshots read it; without every node the totals are not measured.
     */
    public static ResourceUsage between(ResourceSnapshot start, ResourceSnapshot end, long completedTransfers,
                                        String engineWithoutStatistics) {
        List<String> notMeasured = new ArrayList<>(start.notRead());
        end.notRead().stream().filter(reason -> !notMeasured.contains(reason)).forEach(notMeasured::add);
        Map<String, ProcessCounters> nodes = new LinkedHashMap<>();
        start.nodes().forEach((node, before) -> {
            ProcessCounters after = end.nodes().get(node);
            if (after != null) {
                nodes.put(node, after.since(before));
            }
        });
        boolean allNodes = start.everyNodeRead() && end.everyNodeRead() && !nodes.isEmpty()
                && start.nodes().keySet().equals(end.nodes().keySet());
        ProcessCounters database = nodes.values().stream().reduce(ProcessCounters.ZERO, ProcessCounters::plus);
        Double loadgenCpu = start.loadgen() == null || end.loadgen() == null ? null
                : end.loadgen().since(start.loadgen()).cpuSeconds();
        if (loadgenCpu == null) {
            notMeasured.add("load generator CPU: this process's /proc not readable");
        }
        PostgresCounters before = start.postgres();
        PostgresCounters after = end.postgres();
        boolean statistics = before != null && after != null;
        if (!statistics && engineWithoutStatistics != null) {
            notMeasured.add("WAL bytes, records and writes, fsyncs, buffers written, commits: " + engineWithoutStatistics);
        }
        Long walBytes = statistics ? after.walBytesSince(before) : null;
        Long fsyncs = statistics ? after.fsyncs() - before.fsyncs() : null;
        return new ResourceUsage(completedTransfers, nodes,
                allNodes ? database.cpuSeconds() : null,
                allNodes ? database.userSeconds() : null,
                allNodes ? database.systemSeconds() : null,
                allNodes ? database.readBytes() : null,
                allNodes ? database.writeBytes() : null,
                allNodes ? database.writeSyscalls() : null,
                allNodes && start.peaksReset() ? database.peakResidentBytes() : null,
                loadgenCpu,
                walBytes,
                statistics ? after.walRecords() - before.walRecords() : null,
                statistics ? after.walWrites() - before.walWrites() : null,
                fsyncs,
                statistics ? after.buffersWritten() - before.buffersWritten() : null,
                statistics ? after.commits() - before.commits() : null,
                statistics ? after.rollbacks() - before.rollbacks() : null,
                perTransfer(allNodes ? database.cpuSeconds() * 1e6 : null, completedTransfers),
                perTransfer(allNodes ? (double) database.writeBytes() : null, completedTransfers),
                perTransfer(allNodes ? (double) database.writeSyscalls() : null, completedTransfers),
                perTransfer(walBytes == null ? null : walBytes.doubleValue(), completedTransfers),
                perTransfer(fsyncs == null ? null : fsyncs.doubleValue(), completedTransfers),
                notMeasured);
    }

    private static Double perTransfer(Double total, long completedTransfers) {
        return total == null || completedTransfers <= 0 ? null : total / completedTransfers;
    }
}
