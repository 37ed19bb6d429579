package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.spec.SpecViolation;

/** A valid spec asking for something the local runner cannot do (yet); names the field. */
public final class UnsupportedLocallyException extends RuntimeException {

    private final SpecViolation violation;

    public UnsupportedLocallyException(String field, String problem) {
        super(field + ": " + problem);
        this.violation = new SpecViolation(field, problem);
    }

    public SpecViolation violation() {
        return violation;
    }
}
