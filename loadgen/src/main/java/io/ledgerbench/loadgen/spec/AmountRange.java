package io.ledgerbench.loadgen.spec;

/** The inclusive range a transfer's amount is drawn from, uniformly. */
public record AmountRange(Long min, Long max) {

    public static final long DEFAULT_MIN = 1;
    public static final long DEFAULT_MAX = 1000;

    public AmountRange {
        min = min == null ? DEFAULT_MIN : min;
        max = max == null ? DEFAULT_MAX : max;
    }

    public static AmountRange defaults() {
        return new AmountRange(null, null);
    }
}
