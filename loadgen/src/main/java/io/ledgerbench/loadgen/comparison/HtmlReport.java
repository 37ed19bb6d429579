package io.ledgerbench.loadgen.comparison;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbench.loadgen.measure.LatencyHistograms;
import io.ledgerbench.loadgen.result.BuildVersions;
import io.ledgerbench.loadgen.resources.ResourceSummary;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.saturation.SaturationResult;
import io.ledgerbench.loadgen.saturation.SaturationStep;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.stats.MetricSummary;
import io.ledgerbench.loadgen.stats.RatioEstimate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * report.html of a comparison: one self-contained file (Chart.js inlined, the data as JSON in the page,
 * nothing fetched) with the verdict, the summary table, throughput over time of every run, latency
 * percentile curves per variant, in saturation mode each search's latency-throughput curve with its sustainable
 * rate and knee, the means with their intervals, the ratios, and the environment and spec.
 */
public final class HtmlReport {

    private static final String TEMPLATE = "/io/ledgerbench/loadgen/comparison/report.html";
    private static final String CHART_JS = "/META-INF/resources/webjars/chart.js/" + BuildVersions.chartJs()
            + "/dist/chart.umd.js";
    /** Percentile curve resolution: HdrHistogram's ticks per halving of the distance to 100 %. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private HtmlReport() {
    }

    public static String render(ComparisonResult result, Map<String, List<RunResult>> runsByVariant) {
        ObjectMapper json = ResultsWriter.json();
        ObjectNode data = json.createObjectNode();
        // A single BenchmarkRun comes as a one-variant result without ratios: it is no comparison.
        boolean single = result.variants().size() == 1 && result.ratios().isEmpty();
        data.put("single", single);
        data.put("title", single ? "BenchmarkRun " + result.name() + ": " + result.rounds() + " runs"
                : "comparison " + result.name() + " (baseline " + result.baseline() + ")");
        data.put("baseline", result.baseline());
        data.put("verdict", result.verdict());
        data.put("method", result.ratioMethod());
        ArrayNode order = data.putArray("order");
        result.order().forEach(order::add);
        ArrayNode variants = data.putArray("variants");
        ArrayNode timelines = data.putArray("timelines");
        ArrayNode percentiles = data.putArray("percentiles");
        ArrayNode environments = data.putArray("environments");
        ArrayNode curves = data.putArray("curves");
        ArrayNode sustainable = data.putArray("sustainable");
        ArrayNode conditions = data.putArray("conditions");
        SpecLoader yaml = new SpecLoader();
        for (VariantSummary variant : result.variants()) {
            List<RunResult> runs = runsByVariant.getOrDefault(variant.name(), List.of());
            variants.add(variantRow(json, result, variant));
            if (variant.aggregate() == null) {
                continue; // no round produced a result: a row that says so, nothing to plot
            }
            for (RunResult run : runs) {
                ObjectNode timeline = timelines.addObject();
                timeline.put("label", variant.name() + " round " + run.run());
                timeline.put("variant", variant.name());
                timeline.put("round", run.run());
                ArrayNode perSecond = timeline.putArray("perSecond");
                for (long answered : run.answeredPerSecond()) {
                    perSecond.add(answered);
                }
            }
            percentiles.add(percentileCurve(json, variant.name(), runs));
            String distanceAndFaults = io.ledgerbench.loadgen.result.ResultsReport.distanceAndFaults(runs);
            if (!distanceAndFaults.isEmpty()) {
                ObjectNode row = conditions.addObject();
                row.put("variant", variant.name());
                row.put("text", distanceAndFaults);
            }
            for (RunResult run : runs) {
                if (run.saturation() != null) {
                    curves.add(saturationCurve(json, variant.name(), run));
                }
            }
            if (variant.aggregate().sustainableRatePerSec() != null) {
                ObjectNode row = sustainable.addObject();
                row.put("variant", variant.name());
                row.put("rate", variant.aggregate().sustainableRatePerSec().meanWithInterval(1));
                row.put("p99", String.format(java.util.Locale.ROOT, "%.2f", variant.aggregate().p99AtSustainableMs()));
                VariantRatio ratio = result.ratios().stream().filter(r -> r.variant().equals(variant.name()))
                        .findFirst().orElse(null);
                row.put("ratio", variant.baseline() ? "baseline"
                        : ComparisonTable.ratio(ratio == null ? null : ratio.sustainableRate()));
            }
            ObjectNode environment = environments.addObject();
            environment.put("variant", variant.name());
            environment.put("text", yaml.toYaml(Map.of("environment", variant.aggregate().environment(),
                    "spec", variant.aggregate().spec())));
        }
        data.put("warmupSeconds", result.variants().stream().filter(v -> v.aggregate() != null).findFirst()
                .map(v -> v.aggregate().spec().workload().warmupDuration().toSeconds()).orElse(0L));
        ArrayNode ratios = data.putArray("ratios");
        for (VariantRatio ratio : result.ratios()) {
            ObjectNode row = ratios.addObject();
            row.put("variant", ratio.variant());
            row.set("throughput", estimate(json, ratio.throughput()));
            row.set("p99", estimate(json, ratio.p99()));
            row.set("sustainable", estimate(json, ratio.sustainableRate()));
        }
        String dataJson;
        try {
            // No "<" at all inside the script element (not "</script", not "<!--"): JSON's own escape for it.
            dataJson = json.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data always serializes", e);
        }
        return resource(TEMPLATE).replace("@TITLE@", escapeHtml(result.name()))
                .replace("@CHARTJS@", resource(CHART_JS).replace("</script", "<\\/script"))
                .replace("@DATA@", dataJson);
    }

    private static ObjectNode variantRow(ObjectMapper json, ComparisonResult result, VariantSummary variant) {
        ObjectNode row = json.createObjectNode();
        row.put("validRounds", variant.validRounds() + "/" + result.rounds());
        ArrayNode invalid = row.putArray("invalidRounds");
        variant.invalidRounds().forEach(invalid::add);
        if (variant.aggregate() == null) {
            row.put("name", variant.name());
            row.put("configuration", variant.configuration());
            row.put("durability", variant.durability().shortLabel());
            row.put("tpsInterval", "no round produced a result");
            row.put("tpsRatio", "-");
            row.put("p99Ratio", "-");
            return row;
        }
        MetricSummary tps = variant.aggregate().throughputPerSec();
        MetricSummary p99 = variant.aggregate().latencyP99Ms();
        row.put("name", variant.name());
        row.put("configuration", variant.configuration());
        row.put("durability", variant.durability().shortLabel());
        row.put("tpsMean", tps.mean());
        row.put("tpsLow", tps.ci95Low());
        row.put("tpsHigh", tps.ci95High());
        row.put("tpsInterval", ComparisonTable.meanWithInterval(tps).replaceFirst("^[^ ]+ ", ""));
        row.put("p99RunMean", p99.mean());
        row.put("p99Low", p99.ci95Low());
        row.put("p99High", p99.ci95High());
        row.put("p50", variant.aggregate().pooledLatencyMs().p50Ms());
        row.put("p99", variant.aggregate().pooledLatencyMs().p99Ms());
        row.put("p999", variant.aggregate().pooledLatencyMs().p999Ms());
        ResourceSummary resources = variant.aggregate().resources();
        if (resources != null) {
            ObjectNode costs = row.putObject("costs");
            costs.put("cpu", cost(resources.cpuMicrosPerTransfer(), 2));
            costs.put("written", cost(resources.bytesWrittenPerTransfer(), 0));
            costs.put("wal", cost(resources.walBytesPerTransfer(), 0));
            costs.put("fsyncs", cost(resources.fsyncsPerTransfer(), 4));
            costs.put("notMeasured", String.join("; ", resources.notMeasured()));
            if (resources.cpuMicrosPerTransfer() != null) {
                row.put("cpuMean", resources.cpuMicrosPerTransfer().mean());
                row.put("cpuLow", resources.cpuMicrosPerTransfer().ci95Low());
                row.put("cpuHigh", resources.cpuMicrosPerTransfer().ci95High());
            }
        }
        VariantRatio ratio = result.ratios().stream().filter(r -> r.variant().equals(variant.name())).findFirst()
                .orElse(null);
        row.put("tpsRatio", variant.baseline() ? "baseline" : ComparisonTable.ratio(ratio == null ? null : ratio.throughput()));
        row.put("p99Ratio", variant.baseline() ? "baseline" : ComparisonTable.ratio(ratio == null ? null : ratio.p99()));
        return row;
    }

    /** One saturation search's curve: every step by offered rate, the sustainable rate and the knee. */
    private static ObjectNode saturationCurve(ObjectMapper json, String variant, RunResult run) {
        SaturationResult search = run.saturation();
        ObjectNode curve = json.createObjectNode();
        curve.put("variant", variant);
        curve.put("round", run.run());
        curve.put("label", variant + " round " + run.run());
        curve.put("objectiveP99", search.objective().p99Ms());
        if (search.sustainableRatePerSec() != null) {
            curve.put("sustainable", search.sustainableRatePerSec());
        }
        if (search.kneeRatePerSec() != null) {
            curve.put("knee", search.kneeRatePerSec());
        }
        ArrayNode steps = curve.putArray("steps");
        for (SaturationStep step : search.curve()) {
            ObjectNode point = steps.addObject();
            point.put("step", step.step());
            point.put("offered", step.offeredRatePerSec());
            point.put("achieved", step.achievedRatePerSec());
            point.put("p50", step.latencyMs().p50Ms());
            point.put("p99", step.latencyMs().p99Ms());
            point.put("p999", step.latencyMs().p999Ms());
            point.put("held", step.held());
            point.put("answered", step.latencyMs().count() > 0);
        }
        return curve;
    }

    /** A per-transfer figure as "mean [low, high]", or why there is none. */
    private static String cost(MetricSummary summary, int decimals) {
        return summary == null ? "not measured" : summary.meanWithInterval(decimals);
    }

    /** All rounds' latency histograms added; x = 1 / (1 - percentile), the classic percentile-distribution axis. */
    private static ObjectNode percentileCurve(ObjectMapper json, String variant, List<RunResult> runs) {
        Histogram pooled = LatencyHistograms.merge(runs.stream().map(run -> LatencyHistograms.decode(run.latencyHistogram()))
                .toList());
        ObjectNode curve = json.createObjectNode();
        curve.put("variant", variant);
        ArrayNode points = curve.putArray("points");
        if (pooled.getTotalCount() == 0) {
            return curve;
        }
        for (HistogramIterationValue value : pooled.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 100.0) {
                break;
            }
            ObjectNode point = points.addObject();
            point.put("x", 1 / (1 - percentile / 100));
            point.put("ms", Math.max(value.getValueIteratedTo(), 1) / 1e6);
        }
        return curve;
    }

    private static ObjectNode estimate(ObjectMapper json, RatioEstimate estimate) {
        if (estimate == null) {
            return null;
        }
        ObjectNode node = json.createObjectNode();
        node.put("ratio", estimate.ratio());
        node.put("low", estimate.ci95Low());
        node.put("high", estimate.ci95High());
        return node;
    }

    private static String resource(String path) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing from the build: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
