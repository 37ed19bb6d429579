package io.ledgerbench.operator.comparison;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.comparison.BenchmarkComparison;
import io.ledgerbench.loadgen.comparison.ComparisonCalculator;
import io.ledgerbench.loadgen.comparison.ComparisonLoader;
import io.ledgerbench.loadgen.comparison.ComparisonResult;
import io.ledgerbench.loadgen.comparison.ComparisonSchedule;
import io.ledgerbench.loadgen.comparison.HtmlReport;
import io.ledgerbench.loadgen.comparison.Variant;
import io.ledgerbench.loadgen.comparison.VariantRatio;
import io.ledgerbench.loadgen.comparison.VariantSummary;
import io.ledgerbench.loadgen.result.ComparisonCsv;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.spec.InvalidSpecException;
import io.ledgerbench.loadgen.spec.SpecViolation;
import io.ledgerbench.loadgen.stats.MetricSummary;
import io.ledgerbench.loadgen.stats.RatioEstimate;
import io.ledgerbench.loadgen.workload.WorkloadRandom;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkComparisonStatus;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkComparisonStatus.ComparisonPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkComparisonStatus.RatioStatus;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkComparisonStatus.VariantStatus;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.dependent.ResultsStore;
import io.ledgerbench.operator.model.ComparisonChildren;
import io.ledgerbench.operator.model.ComparisonResultsConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Measures a BenchmarkComparison through child BenchmarkRuns, one at a time in the interleaved order
 * (round by round, the variants' order rotated, each child with its round's seed); a failed child fails
 * that variant's round only. When every child has finished it merges their results into the comparison
 * (ratios with intervals, verdict), writes `<name>-results` and the status. It keeps nothing in memory:
 * the children and their results ConfigMaps are the state, so a restarted operator carries on.
 */
@ControllerConfiguration(name = BenchmarkComparisonReconciler.NAME)
public class BenchmarkComparisonReconciler
        implements Reconciler<io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison> {

    public static final String NAME = "benchmarkcomparison";
    private static final Duration RECHECK = Duration.ofSeconds(30);

    @Override
    public List<EventSource<?, io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison>> prepareEventSources(
            EventSourceContext<io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison> context) {
        // A child's status change wakes its comparison (found by the child's comparison label).
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration
                .from(BenchmarkRun.class, io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison.class)
                .withName("children")
                .withLabelSelector(ComparisonChildren.COMPARISON_LABEL)
                .withSecondaryToPrimaryMapper(child -> Set.of(new ResourceID(
                        child.getMetadata().getLabels().get(ComparisonChildren.COMPARISON_LABEL),
                        child.getMetadata().getNamespace())))
                .build(), context));
    }

    @Override
    public UpdateControl<io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison> reconcile(
            io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison resource,
            Context<io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison> context) {
        BenchmarkComparisonStatus before = resource.getStatus();
        if (before != null && before.phase() != null && before.phase().isFinal()) {
            return UpdateControl.noUpdate();
        }
        BenchmarkComparisonStatus after = next(resource, context.getClient());
        resource.setStatus(after);
        UpdateControl<io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison> control = after.equals(before)
                ? UpdateControl.noUpdate() : UpdateControl.patchStatus(resource);
        if (!after.phase().isFinal()) {
            control.rescheduleAfter(RECHECK);
        }
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison> updateErrorStatus(
            io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison resource,
            Context<io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison> context, Exception e) {
        // Not a verdict: the API server or a stored object misbehaved; the reconcile is retried.
        BenchmarkComparisonStatus status = Optional.ofNullable(resource.getStatus())
                .orElse(BenchmarkComparisonStatus.pending());
        resource.setStatus(withMessage(status, "reconcile failed, retrying: " + e.getMessage()));
        return ErrorStatusUpdateControl.patchStatus(resource);
    }

    /** The status after this reconcile's step: a child created, still waited for, or the comparison finished. */
    BenchmarkComparisonStatus next(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison resource,
                                   KubernetesClient client) {
        BenchmarkComparisonStatus status = Optional.ofNullable(resource.getStatus())
                .orElse(BenchmarkComparisonStatus.pending());
        BenchmarkComparison comparison;
        try {
            comparison = new ComparisonLoader().fromResource(resource.getMetadata().getName(), resource.getSpec(),
                    "BenchmarkComparison " + resource.getMetadata().getName());
        } catch (InvalidSpecException e) {
            return failed(status, "InvalidSpec", e.violations().stream().map(SpecViolation::toString)
                    .collect(Collectors.joining("; ")));
        }
        Map<String, BenchmarkRun> children = children(resource, client);
        // The seed the first child was made with is authoritative: a status patch may not have reached the
        // cache this reconcile reads (or the operator restarted before writing it), and a second draw would
        // unpair the rounds.
        long seed = children.values().stream()
                .map(child -> child.getMetadata().getAnnotations() == null ? null
                        : child.getMetadata().getAnnotations().get(ComparisonChildren.SEED_ANNOTATION))
                .filter(java.util.Objects::nonNull).map(Long::parseLong).findFirst()
                .or(() -> Optional.ofNullable(status.seed())).or(() -> Optional.ofNullable(comparison.seed()))
                .orElseGet(WorkloadRandom::newSeed);
        List<String> names = comparison.variants().stream().map(Variant::name).toList();
        List<ComparisonSchedule.Slot> slots = ComparisonSchedule.slots(names, comparison.rounds(), seed);
        for (ComparisonSchedule.Slot slot : slots) {
            String childName = ComparisonChildren.name(resource, slot);
            BenchmarkRun child = children.get(childName);
            String round = slot.round() + "/" + comparison.rounds();
            if (child == null) {
                Variant variant = comparison.variants().stream().filter(v -> v.name().equals(slot.variant()))
                        .findFirst().orElseThrow();
                client.resource(ComparisonChildren.child(resource, variant, slot, seed)).create();
                return running(status, seed, names, round, childName, order(slots, comparison.rounds()));
            }
            BenchmarkPhase phase = child.getStatus() == null ? null : child.getStatus().getPhase();
            if (phase == null || !phase.isFinal()) {
                return running(status, seed, names, round, childName, order(slots, comparison.rounds()));
            }
        }
        return finish(resource, comparison, seed, slots, children, client);
    }

    private static Map<String, BenchmarkRun> children(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison resource,
                                                      KubernetesClient client) {
        Map<String, BenchmarkRun> children = new LinkedHashMap<>();
        for (BenchmarkRun child : client.resources(BenchmarkRun.class).inNamespace(resource.getMetadata().getNamespace())
                .withLabel(ComparisonChildren.COMPARISON_LABEL, resource.getMetadata().getName()).list().getItems()) {
            boolean ours = child.getMetadata().getOwnerReferences().stream()
                    .anyMatch(owner -> owner.getUid().equals(resource.getMetadata().getUid()));
            if (ours) {
                children.put(child.getMetadata().getName(), child);
            }
        }
        return children;
    }

    private BenchmarkComparisonStatus finish(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison resource,
                                             BenchmarkComparison comparison, long seed,
                                             List<ComparisonSchedule.Slot> slots, Map<String, BenchmarkRun> children,
                                             KubernetesClient client) {
        ResultsStore store = new ResultsStore(client);
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        Map<String, List<String>> failed = new LinkedHashMap<>();
        for (ComparisonSchedule.Slot slot : slots) {
            BenchmarkRun child = children.get(ComparisonChildren.name(resource, slot));
            List<RunResult> results = child.getStatus().getPhase() == BenchmarkPhase.Succeeded ? store.runs(child)
                    : List.of();
            if (results.isEmpty()) {
                failed.computeIfAbsent(slot.variant(), v -> new ArrayList<>()).add("round " + slot.round()
                        + ": BenchmarkRun " + child.getMetadata().getName() + " failed, no result ("
                        + Optional.ofNullable(child.getStatus().getReason()).orElse("no reason") + ": "
                        + Optional.ofNullable(child.getStatus().getMessage()).orElse("") + ")");
                continue;
            }
            runs.computeIfAbsent(slot.variant(), v -> new ArrayList<>()).add(asRound(results.getFirst(), slot.round(),
                    comparison.rounds()));
        }
        if (runs.isEmpty()) {
            return failed(Optional.ofNullable(resource.getStatus()).orElse(BenchmarkComparisonStatus.pending()),
                    "NoResults", "no child BenchmarkRun produced a result: " + failed.values().stream()
                            .flatMap(List::stream).collect(Collectors.joining("; ")));
        }
        runs.values().forEach(list -> list.sort(Comparator.comparingInt(RunResult::run)));
        List<String> order = order(slots, comparison.rounds());
        ComparisonResult result = ComparisonCalculator.compare(comparison, seed, order, runs, failed);
        writeResults(resource, result, runs, client);
        return succeeded(result, comparison);
    }

    /** A child's single run as round `round` of the variant (its run number and the comparison's round count). */
    private static RunResult asRound(RunResult result, int round, int rounds) {
        ObjectMapper json = ResultsWriter.json();
        ObjectNode tree = json.valueToTree(result);
        tree.put("run", round);
        tree.put("runs", rounds);
        try {
            return json.treeToValue(tree, RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeResults(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison resource,
                                     ComparisonResult result, Map<String, List<RunResult>> runs,
                                     KubernetesClient client) {
        String json;
        try {
            json = ResultsWriter.json().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder csv = new StringBuilder();
        for (VariantSummary variant : result.variants()) {
            if (variant.aggregate() != null) {
                List<RunResult> variantRuns = runs.get(variant.name());
                csv.append(csv.isEmpty() ? ComparisonCsv.table(variant.aggregate(), variantRuns)
                        : ComparisonCsv.rows(variant.aggregate(), variantRuns));
            }
        }
        String html = HtmlReport.render(result, runs);
        ConfigMap results = ComparisonResultsConfigMap.build(resource, json, csv.toString(), html);
        if (ComparisonResultsConfigMap.dataBytes(results) > ComparisonResultsConfigMap.MAX_BYTES) {
            // Kubernetes refuses a ConfigMap over 1 MiB: keep the figures, say where the report went.
            results = ComparisonResultsConfigMap.build(resource, json, csv.toString(), ComparisonResultsConfigMap
                    .omittedReport(html.length()));
        }
        // The mock API server of the tests has no server-side apply; create, or replace what an earlier try wrote.
        client.resource(results).createOr(NonDeletingOperation::update);
    }

    private static List<String> order(List<ComparisonSchedule.Slot> slots, int rounds) {
        List<String> order = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            int r = round;
            order.add("round " + round + ": " + slots.stream().filter(slot -> slot.round() == r)
                    .map(ComparisonSchedule.Slot::variant).collect(Collectors.joining(", ")));
        }
        return order;
    }

    private static BenchmarkComparisonStatus running(BenchmarkComparisonStatus status, long seed, List<String> names,
                                                     String round, String child, List<String> order) {
        return new BenchmarkComparisonStatus(ComparisonPhase.Running, null, "measuring round " + round + " with"
                + " BenchmarkRun " + child, seed, String.join(",", names), round, child, order, null, null, null, null,
                null, null, status.observedGeneration());
    }

    private static BenchmarkComparisonStatus failed(BenchmarkComparisonStatus status, String reason, String message) {
        return new BenchmarkComparisonStatus(ComparisonPhase.Failed, reason, message, status.seed(),
                status.variantNames(), status.round(), null, status.order(), null, null, null, false, null, null,
                status.observedGeneration());
    }

    private static BenchmarkComparisonStatus withMessage(BenchmarkComparisonStatus status, String message) {
        return new BenchmarkComparisonStatus(status.phase(), status.reason(), message, status.seed(),
                status.variantNames(), status.round(), status.currentRun(), status.order(), status.variants(),
                status.ratios(), status.bestRatio(), status.valid(), status.verdict(), status.resultsConfigMap(),
                status.observedGeneration());
    }

    private static BenchmarkComparisonStatus succeeded(ComparisonResult result, BenchmarkComparison comparison) {
        List<VariantStatus> variants = result.variants().stream().map(variant -> {
            MetricSummary tps = variant.aggregate() == null ? null : variant.aggregate().throughputPerSec();
            return new VariantStatus(variant.name(), variant.configuration(), variant.durability().shortLabel(),
                    tps == null ? null : tps.mean(), tps == null || tps.ci95Low() == null ? null
                    : List.of(tps.ci95Low(), tps.ci95High()),
                    variant.aggregate() == null ? null : variant.aggregate().pooledLatencyMs().p99Ms(),
                    variant.validRounds(), variant.invalidRounds());
        }).toList();
        List<RatioStatus> ratios = result.ratios().stream().map(ratio -> new RatioStatus(ratio.variant(),
                value(ratio.throughput()), interval(ratio.throughput()), value(ratio.p99()), interval(ratio.p99()),
                ratio.equalDurability(), ratio.throughput() == null ? 0 : ratio.throughput().pairs())).toList();
        boolean valid = result.variants().stream().allMatch(variant -> variant.validRounds() == result.rounds());
        String names = comparison.variants().stream().map(Variant::name).collect(Collectors.joining(","));
        return new BenchmarkComparisonStatus(ComparisonPhase.Succeeded, null, null, result.seed(), names,
                result.rounds() + "/" + result.rounds(), null, result.order(), variants, ratios, bestRatio(result),
                valid, result.verdict(), new ResourceNames(result.name()).resultsConfigMap(), null);
    }

    /**
     * The largest ratio of equal durability (of sustainable rates in saturation mode, else of throughput), as
     * "tigerbeetle 21.4x [18.9x, 24.2x]" for `kubectl get`.
     */
    private static String bestRatio(ComparisonResult result) {
        // Only a pair of equal durability, as the verdict: anything else compares unlike configurations.
        return result.ratios().stream().filter(ratio -> ratio.headline() != null && ratio.equalDurability())
                .max(Comparator.comparingDouble(ratio -> Math.abs(Math.log(ratio.headline().ratio()))))
                .map(ratio -> ratio.variant() + " " + ComparisonCalculator.times(ratio.headline().ratio())
                        + (ratio.headline().ci95Low() == null ? "" : " [" + ComparisonCalculator.times(
                        ratio.headline().ci95Low()) + ", " + ComparisonCalculator.times(ratio.headline().ci95High())
                        + "]"))
                .orElse(null);
    }

    private static Double value(RatioEstimate estimate) {
        return estimate == null ? null : estimate.ratio();
    }

    private static List<Double> interval(RatioEstimate estimate) {
        return estimate == null || estimate.ci95Low() == null ? null : List.of(estimate.ci95Low(), estimate.ci95High());
    }
}
