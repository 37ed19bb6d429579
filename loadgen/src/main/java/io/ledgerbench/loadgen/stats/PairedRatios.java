package io.ledgerbench.loadgen.stats;

/** Ratios of paired measurements (round r of a variant against round r of the baseline). */
public final class PairedRatios {

    private PairedRatios() {
    }

    /**
     * The ratio variant / baseline from pairs (same index = same round). Every value must be positive:
     * a ratio of rates or latencies where one side measured nothing has no meaning.
     */
    public static RatioEstimate estimate(double[] variant, double[] baseline) {
        if (variant.length != baseline.length || variant.length == 0) {
            throw new IllegalArgumentException("need the same number (at least one) of variant and baseline rounds, got "
                    + variant.length + " and " + baseline.length);
        }
        double[] logRatios = new double[variant.length];
        for (int i = 0; i < variant.length; i++) {
            if (!(variant[i] > 0) || !(baseline[i] > 0)) {
                throw new IllegalArgumentException("round " + (i + 1) + " has a value that is not positive: "
                        + variant[i] + " / " + baseline[i]);
            }
            logRatios[i] = Math.log(variant[i] / baseline[i]);
        }
        MetricSummary logs = SampleStatistics.summarize(logRatios);
        if (logs.n() < 2) {
            return new RatioEstimate(1, Math.exp(logs.mean()), null, null);
        }
        return new RatioEstimate(logs.n(), Math.exp(logs.mean()), Math.exp(logs.ci95Low()), Math.exp(logs.ci95High()));
    }
}
