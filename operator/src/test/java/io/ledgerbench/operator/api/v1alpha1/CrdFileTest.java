package io.ledgerbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.operator.CommittedFiles;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** crds/ and the chart's copy hold exactly what the generator makes from the API types; `make crds` rewrites both. */
class CrdFileTest {

    private static final java.nio.file.Path CHART_COPY = java.nio.file.Path.of("../helm/ledgerbench/files",
            GeneratedCrd.FILE_NAME);

    @Test
    void theCommittedCrdIsWhatTheTypesGenerate() throws Exception {
        CommittedFiles.assertUpToDate(GeneratedCrd.generate(), "ledgerbench.updateCrds", "crds", GeneratedCrd.COMMITTED,
                CHART_COPY);
    }

    @Test
    void theCommittedComparisonCrdIsWhatTheTypesGenerate() throws Exception {
        CommittedFiles.assertUpToDate(GeneratedCrd.generateComparison(), "ledgerbench.updateCrds", "crds",
                GeneratedCrd.COMPARISON_COMMITTED, java.nio.file.Path.of("../helm/ledgerbench/files",
                        GeneratedCrd.COMPARISON_FILE_NAME));
    }

    @Test
    void theChartCarriesTheSameCrd() throws Exception {
        assertThat(Files.readString(CHART_COPY)).as("helm/ledgerbench/files/%s is stale: run `make crds` and commit it",
                GeneratedCrd.FILE_NAME).isEqualTo(Files.readString(GeneratedCrd.COMMITTED));
    }
}
