package io.ledgerbench.loadgen.comparison;

import java.util.List;

/**
 * A BenchmarkComparison, loaded: its name, the baseline variant's name, every variant as an ordinary
 * BenchmarkRun (the shared workload, load generators, runs and validation with the variant's
 * database), and the number of rounds (the shared `runs`: each round runs every variant once).
 */
public record BenchmarkComparison(String name, String baseline, List<Variant> variants, int rounds) {

    public static final String API_VERSION = "ledgerbench.io/v1alpha1";
    public static final String KIND = "BenchmarkComparison";

    public BenchmarkComparison {
        variants = List.copyOf(variants);
    }

    public Variant baselineVariant() {
        return variants.stream().filter(variant -> variant.name().equals(baseline)).findFirst().orElseThrow();
    }

    /** The workload seed the file fixes, or null (then one is drawn and recorded). */
    public Long seed() {
        return variants.getFirst().run().spec().workload().seed();
    }
}
