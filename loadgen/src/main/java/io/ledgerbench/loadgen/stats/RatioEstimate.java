package io.ledgerbench.loadgen.stats;

/**
 * How many times a variant's metric is the baseline's, from paired rounds: the geometric mean of the
 * per-round ratios and its 95 % confidence interval (Student t on the per-round log ratios, n - 1
 * degrees of freedom, mapped back with exp: always positive, as a ratio of rates must be). With one
 * pair there is no interval (null bounds).
 */
public record RatioEstimate(int pairs, double ratio, Double ci95Low, Double ci95High) {

    public static final String METHOD = "geometric mean of the paired rounds' ratios; 95 % interval from Student t"
            + " on the per-round log ratios (n - 1 degrees of freedom)";

    /** Whether the interval leaves 1 out: only then is there a measurable difference. */
    public boolean measurableDifference() {
        return ci95Low != null && (ci95Low > 1 || ci95High < 1);
    }
}
