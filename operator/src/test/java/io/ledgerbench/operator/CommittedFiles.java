package io.ledgerbench.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file generated from source and committed (with any copies of it) against what the source
 * generates now; with the system property updateProperty set, as a make target sets it, rewrites them first.
 */
public final class CommittedFiles {

    private CommittedFiles() {
    }

    /** Fails, naming makeTarget, while committed differs from generated; copies are only rewritten here. */
    public static void assertUpToDate(String generated, String updateProperty, String makeTarget, Path committed,
                                      Path... copies) throws IOException {
        if (Boolean.getBoolean(updateProperty)) {
            write(committed, generated);
            for (Path copy : copies) {
                write(copy, generated);
            }
        }
        assertThat(committed).exists();
        assertThat(Files.readString(committed)).as("%s is stale: run `make %s` and commit it", committed, makeTarget)
                .isEqualTo(generated);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content);
    }
}
