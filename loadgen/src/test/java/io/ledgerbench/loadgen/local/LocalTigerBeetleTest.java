package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands the local runner gives the tigerbeetle binary (the processes themselves need one: see LocalTigerBeetleRunTest). */
class LocalTigerBeetleTest {

    private static final Path BINARY = Path.of("/opt/tigerbeetle");

    @Test
    void eachReplicaIsFormattedForTheClusterWithItsIndexAndTheReplicaCount() {
        assertThat(LocalTigerBeetle.formatCommand(BINARY, 0, 2, 3, Path.of("/data/0_2.tigerbeetle"))).containsExactly(
                "/opt/tigerbeetle", "format", "--cluster=0", "--replica=2", "--replica-count=3", "/data/0_2.tigerbeetle");
    }

    @Test
    void replicasStartWithEveryAddressAndProductionFlagsOnly() {
        List<String> start = LocalTigerBeetle.startCommand(BINARY, List.of("127.0.0.1:4000", "127.0.0.1:4001"),
                Path.of("/data/0_1.tigerbeetle"));
        assertThat(start).containsExactly("/opt/tigerbeetle", "start", "--addresses=127.0.0.1:4000,127.0.0.1:4001",
                "/data/0_1.tigerbeetle");
        assertThat(start).noneMatch(argument -> argument.startsWith("--development"));
    }
}
