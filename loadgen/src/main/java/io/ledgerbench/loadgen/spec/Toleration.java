package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Pattern;

/** A Kubernetes toleration, as written in a pod spec. */
public record Toleration(String key, @Pattern("^(Exists|Equal)$") String operator, String value, String effect, Long tolerationSeconds) {
}
