package io.ledgerbench.operator.model;

import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.comparison.ComparisonSchedule;
import io.ledgerbench.loadgen.comparison.Variant;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.Map;

/**
 * The child BenchmarkRun that measures one slot of a comparison (a variant in a round): the variant's
 * BenchmarkRun with a single run and the round's seed, named for the slot, labelled with the comparison
 * and owned by it, so the fair queue, results and cleanup of BenchmarkRuns apply and deleting the
 * comparison deletes its children.
 */
public final class ComparisonChildren {

    /** Label on every child: the name of the comparison it measures for. */
    public static final String COMPARISON_LABEL = "ledgerbench.io/comparison";
    /** Labels on every child: which variant and which round it measures. */
    public static final String VARIANT_LABEL = "ledgerbench.io/variant";
    public static final String ROUND_LABEL = "ledgerbench.io/round";
    /** Annotation on every child: the comparison's seed, which every round's seed derives from. */
    public static final String SEED_ANNOTATION = "ledgerbench.io/comparison-seed";

    private ComparisonChildren() {
    }

    /** E.g. "tb-vs-pg-tigerbeetle-r2". */
    public static String name(BenchmarkComparison comparison, ComparisonSchedule.Slot slot) {
        return new ResourceNames(comparison.getMetadata().getName()).comparisonRound(slot.variant(), slot.round());
    }

    /** comparisonSeed: the seed the slot's round seed came from, kept on the child so a reconcile can read it back. */
    public static BenchmarkRun child(BenchmarkComparison comparison, Variant variant, ComparisonSchedule.Slot slot,
                                     long comparisonSeed) {
        BenchmarkRunSpec spec = variant.run().spec();
        WorkloadSpec workload = spec.workload().withSeed(slot.seed());
        BenchmarkRun child = new BenchmarkRun();
        child.setMetadata(Owners.metadata(comparison, name(comparison, slot), Map.of(
                COMPARISON_LABEL, comparison.getMetadata().getName(), VARIANT_LABEL, slot.variant(),
                ROUND_LABEL, Integer.toString(slot.round()), ClusterLabels.MANAGED_BY, ClusterLabels.OPERATOR)));
        child.getMetadata().setAnnotations(Map.of(SEED_ANNOTATION, Long.toString(comparisonSeed)));
        child.setSpec(new BenchmarkRunSpec(spec.database(), workload, spec.loadgen(), 1, spec.validation(),
                spec.cleanup(), spec.network(), spec.faults()));
        return child;
    }
}
