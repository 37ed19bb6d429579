package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbench.loadgen.result.BuildVersions;
import io.ledgerbench.loadgen.spec.TigerbeetleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TigerBeetleBinaryTest {

    @TempDir
    Path directory;

    private Path executable(String name) throws Exception {
        Path file = Files.createDirectories(directory.resolve(name)).resolve("tigerbeetle");
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void theSpecsBinaryComesFirst() throws Exception {
        Path fromSpec = executable("spec");
        Path fromEnvironment = executable("env");
        assertThat(TigerBeetleBinary.find(new TigerbeetleSpec(0L, fromSpec.toString(), null),
                Map.of(TigerBeetleBinary.ENVIRONMENT, fromEnvironment.toString()))).isEqualTo(fromSpec);
    }

    @Test
    void thenTheEnvironmentVariableThenPath() throws Exception {
        Path fromEnvironment = executable("env");
        Path onPath = executable("bin");
        assertThat(TigerBeetleBinary.find(TigerbeetleSpec.defaults(), Map.of(TigerBeetleBinary.ENVIRONMENT,
                fromEnvironment.toString(), "PATH", onPath.getParent().toString()))).isEqualTo(fromEnvironment);
        assertThat(TigerBeetleBinary.find(TigerbeetleSpec.defaults(),
                Map.of("PATH", directory + ":" + onPath.getParent()))).isEqualTo(onPath);
    }

    @Test
    void withoutABinaryTheMessageNamesTheThreeWaysAndTheRelease() {
        assertThatThrownBy(() -> TigerBeetleBinary.find(TigerbeetleSpec.defaults(), Map.of("PATH", directory.toString())))
                .isInstanceOf(UnsupportedLocallyException.class)
                .hasMessageContaining("spec.database.tigerbeetle.binary")
                .hasMessageContaining("$TIGERBEETLE_BIN")
                .hasMessageContaining("on PATH")
                .hasMessageContaining("releases/download/" + BuildVersions.tigerbeetle() + "/tigerbeetle-x86_64-linux.zip")
                .hasMessageContaining(BuildVersions.tigerbeetle());
    }

    @Test
    void aFileThatIsNotExecutableIsRefusedNamingWhereItCameFrom() throws Exception {
        Path plain = Files.writeString(directory.resolve("tigerbeetle.txt"), "");
        assertThatThrownBy(() -> TigerBeetleBinary.find(TigerbeetleSpec.defaults(),
                Map.of(TigerBeetleBinary.ENVIRONMENT, plain.toString())))
                .hasMessageContaining("$TIGERBEETLE_BIN = '" + plain + "' is not an executable file");
    }
}
