package io.ledgerbench.operator.api.v1alpha1;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.Comparator;
import java.util.List;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A CRD as fabric8's generator makes it from the annotated types, and its committed copy. */
final class GeneratedCrd {

    static final String FILE_NAME = "benchmarkruns.ledgerbench.io-v1.yml";
    static final Path COMMITTED = Path.of("..", "crds", FILE_NAME);
    static final String COMPARISON_FILE_NAME = "benchmarkcomparisons.ledgerbench.io-v1.yml";
    static final Path COMPARISON_COMMITTED = Path.of("..", "crds", COMPARISON_FILE_NAME);

    /** `kubectl get` shows columns in CRD order; the generator sorts them by name. */
    static final List<String> COLUMN_ORDER = List.of("Engine", "Mode", "Phase", "Run", "TPS", "P99(ms)", "Valid", "Age");
    static final List<String> COMPARISON_COLUMN_ORDER = List.of("Baseline", "Variants", "Phase", "Round", "Best ratio",
            "Valid", "Age");

    private GeneratedCrd() {
    }

    static String generate() {
        return generate(BenchmarkRun.class, FILE_NAME, COLUMN_ORDER);
    }

    static String generateComparison() {
        return generate(BenchmarkComparison.class, COMPARISON_FILE_NAME, COMPARISON_COLUMN_ORDER);
    }

    private static String generate(Class<? extends HasMetadata> type, String fileName, List<String> columnOrder) {
        try {
            Path directory = Files.createTempDirectory("crd");
            new CRDGenerator().inOutputDir(directory.toFile()).forCRDVersions("v1")
                    .withPostProcessor(new ColumnOrder(columnOrder))
                    .customResourceClasses(type).generate();
            String yaml = Files.readString(directory.resolve(fileName));
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the printer columns in the given order. */
    private record ColumnOrder(List<String> order) implements CRDPostProcessor {
        @Override
        public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
            for (CustomResourceDefinitionVersion version : ((CustomResourceDefinition) crd).getSpec().getVersions()) {
                version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(
                        (CustomResourceColumnDefinition column) -> order.indexOf(column.getName())));
            }
            return crd;
        }
    }
}
