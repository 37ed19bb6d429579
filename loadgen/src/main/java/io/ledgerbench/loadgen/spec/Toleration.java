package io.ledgerbench.loadgen.spec;

/** A Kubernetes toleration, as written in a pod spec. */
public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {
}
