package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.result.BuildVersions;
import io.ledgerbench.loadgen.spec.TigerbeetleSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds the `tigerbeetle` executable the local runner starts: from the spec, $TIGERBEETLE_BIN, or PATH, in that order. */
public final class TigerBeetleBinary {

    public static final String ENVIRONMENT = "TIGERBEETLE_BIN";
    public static final String FIELD = "spec.database.tigerbeetle.binary";

    private TigerBeetleBinary() {
    }

    /** The binary, or an UnsupportedLocallyException naming the three ways to provide one. */
    public static Path find(TigerbeetleSpec spec, Map<String, String> environment) {
        if (spec.binary() != null) {
            return executable(Path.of(spec.binary())).orElseThrow(() -> new UnsupportedLocallyException(FIELD,
                    "'" + spec.binary() + "' is not an executable file"));
        }
        String fromEnvironment = environment.get(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return executable(Path.of(fromEnvironment)).orElseThrow(() -> new UnsupportedLocallyException(FIELD,
                    "$" + ENVIRONMENT + " = '" + fromEnvironment + "' is not an executable file"));
        }
        String path = environment.getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                Optional<Path> found = executable(Path.of(directory, "tigerbeetle"));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new UnsupportedLocallyException(FIELD, "no tigerbeetle binary found; download release "
                + BuildVersions.tigerbeetle() + " (" + releaseDownload(BuildVersions.tigerbeetle())
                + ", unzip it) and point at it in one of three ways: set " + FIELD + ", set $" + ENVIRONMENT
                + ", or put `tigerbeetle` on PATH");
    }

    /** Whether a binary can be found the way {@link #find} looks (tests that need a server are skipped without one). */
    public static boolean isAvailable(Map<String, String> environment) {
        try {
            find(TigerbeetleSpec.defaults(), environment);
            return true;
        } catch (UnsupportedLocallyException e) {
            return false;
        }
    }

    /** The official Linux x86_64 download of a release (the client pins the server's release). */
    public static String releaseDownload(String release) {
        return "https://github.com/tigerbeetle/tigerbeetle/releases/download/" + release + "/tigerbeetle-x86_64-linux.zip";
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }
}
