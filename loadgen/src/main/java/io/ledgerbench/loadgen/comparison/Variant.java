package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;

/** One configuration of a comparison: its name and the BenchmarkRun that measures it (runs = rounds). */
public record Variant(String name, BenchmarkRunManifest run) {
}
