package io.ledgerbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** crds/ holds exactly what the generator makes from the API types; `make crds` rewrites it. */
class CrdFileTest {

    @Test
    void theCommittedCrdIsWhatTheTypesGenerate() throws Exception {
        String generated = GeneratedCrd.generate();
        if (Boolean.getBoolean("ledgerbench.updateCrds")) {
            Files.writeString(GeneratedCrd.COMMITTED, generated);
        }
        assertThat(GeneratedCrd.COMMITTED).exists();
        assertThat(Files.readString(GeneratedCrd.COMMITTED))
                .as("crds/%s is stale: run `make crds` and commit it", GeneratedCrd.FILE_NAME)
                .isEqualTo(generated);
    }
}
