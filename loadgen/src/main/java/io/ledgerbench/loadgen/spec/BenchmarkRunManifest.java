package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A BenchmarkRun document as `kubectl apply` takes it; status, if present, is ignored. */
@JsonIgnoreProperties(value = "status", allowGetters = false)
public record BenchmarkRunManifest(String apiVersion, String kind, ObjectMetadata metadata, BenchmarkRunSpec spec) {

    public static final String API_VERSION = "ledgerbench.io/v1alpha1";
    public static final String KIND = "BenchmarkRun";

    public BenchmarkRunManifest {
        spec = spec == null ? BenchmarkRunSpec.defaults() : spec;
    }

    public String name() {
        return metadata.name();
    }
}
