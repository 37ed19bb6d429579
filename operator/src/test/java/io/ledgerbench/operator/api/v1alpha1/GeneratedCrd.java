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

/** The BenchmarkRun CRD as fabric8's generator makes it from the annotated types, and the committed copy. */
final class GeneratedCrd {

    static final String FILE_NAME = "benchmarkruns.ledgerbench.io-v1.yml";
    static final Path COMMITTED = Path.of("..", "crds", FILE_NAME);

    /** `kubectl get benchmarkruns` shows columns in CRD order; the generator sorts them by name. */
    static final List<String> COLUMN_ORDER = List.of("Engine", "Mode", "Phase", "Run", "TPS", "P99(ms)", "Valid", "Age");

    private GeneratedCrd() {
    }

    static String generate() {
        try {
            Path directory = Files.createTempDirectory("crd");
            new CRDGenerator().inOutputDir(directory.toFile()).forCRDVersions("v1")
                    .withPostProcessor(new ColumnOrder())
                    .customResourceClasses(BenchmarkRun.class).generate();
            String yaml = Files.readString(directory.resolve(FILE_NAME));
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

    /** Puts the printer columns in {@link #COLUMN_ORDER}. */
    private static final class ColumnOrder implements CRDPostProcessor {
        @Override
        public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
            for (CustomResourceDefinitionVersion version : ((CustomResourceDefinition) crd).getSpec().getVersions()) {
                version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(
                        (CustomResourceColumnDefinition column) -> COLUMN_ORDER.indexOf(column.getName())));
            }
            return crd;
        }
    }
}
