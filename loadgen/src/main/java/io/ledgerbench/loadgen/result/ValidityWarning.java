package io.ledgerbench.loadgen.result;

/** Something a reader must know about a result; invalidating ones make the result invalid. */
public record ValidityWarning(String code, String message, boolean invalidating) {
}
