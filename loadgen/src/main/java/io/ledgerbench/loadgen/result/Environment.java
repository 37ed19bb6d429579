package io.ledgerbench.loadgen.result;

import java.util.Map;

/** Where and with what a result was measured: versions, machine, server settings, durability. */
public record Environment(
        String engine,
        String serverVersion,
        String clientVersion,
        String loadgenVersion,
        String jvm,
        String os,
        int clientCpus,
        long clientMemoryBytes,
        String databaseLocation,
        Map<String, String> serverSettings,
        DurabilityAssessment durability) {

    public Environment {
        serverSettings = Map.copyOf(serverSettings);
    }
}
