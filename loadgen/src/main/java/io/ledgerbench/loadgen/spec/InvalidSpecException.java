package io.ledgerbench.loadgen.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A BenchmarkRun file that cannot be run, with every field that is wrong and what it allows. */
public final class InvalidSpecException extends Exception {

    private final String source;
    private final List<SpecViolation> violations;

    public InvalidSpecException(String source, List<SpecViolation> violations) {
        this("BenchmarkRun", source, violations);
    }

    /** kind: the document's kind as the message names it (BenchmarkRun, BenchmarkComparison). */
    public InvalidSpecException(String kind, String source, List<SpecViolation> violations) {
        super(describe(kind, source, violations));
        this.source = source;
        this.violations = List.copyOf(violations);
    }

    public InvalidSpecException(String source, SpecViolation violation) {
        this(source, List.of(violation));
    }

    public String source() {
        return source;
    }

    public List<SpecViolation> violations() {
        return violations;
    }

    private static String describe(String kind, String source, List<SpecViolation> violations) {
        String fields = violations.stream().map(SpecViolation::toString).collect(Collectors.joining("\n  "));
        return "invalid " + kind + " " + source + ":\n  " + fields;
    }
}
