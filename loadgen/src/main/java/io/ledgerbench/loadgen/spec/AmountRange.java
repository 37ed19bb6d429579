package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The inclusive range a transfer's amount is drawn from, uniformly. */
@ValidationRule(value = "!has(self.min) || !has(self.max) || self.min <= self.max",
        message = "amount.min must be <= amount.max")
public record AmountRange(@Min(1) Long min, @Min(1) Long max) {

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
