package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** The part of Kubernetes object metadata a BenchmarkRun file carries; server-set fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectMetadata(String name, String namespace, Map<String, String> labels) {

    public ObjectMetadata {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
