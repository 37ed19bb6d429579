package io.ledgerbench.loadgen.stats;

/**
 * One metric across the runs of a BenchmarkRun: mean, sample standard deviation, coefficient of
 * variation and the 95 % confidence interval of the mean (Student t, n - 1 degrees of freedom).
 * With a single run there is no spread: stddev, cv and the interval are absent (null). A quantity that
 * cannot be negative has no interval either when too few runs would put its lower end below 0.
 */
public record MetricSummary(int n, double mean, Double stddev, Double cv, Double ci95Low, Double ci95High, double min,
                            double max) {

    /** Whether the runs were too few for an interval that the quantity can take (spread known, interval not). */
    public boolean tooFewRunsForAnInterval() {
        return stddev != null && ci95Low == null;
    }

    /** "12345.6 [12000.1, 12690.0]" with that many decimals, or the mean and why there is no interval. */
    public String meanWithInterval(int decimals) {
        String format = "%." + decimals + "f";
        if (stddev == null) {
            return String.format(java.util.Locale.ROOT, format + " (1 run)", mean);
        }
        if (tooFewRunsForAnInterval()) {
            return String.format(java.util.Locale.ROOT, format + " (n=%d too few)", mean, n);
        }
        return String.format(java.util.Locale.ROOT, format + " [" + format + ", " + format + "]", mean, ci95Low, ci95High);
    }
}
