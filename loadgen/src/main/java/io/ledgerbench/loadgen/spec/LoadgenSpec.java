package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Min;

/** The load-generator pods: how many, which image, where. */
public record LoadgenSpec(@Min(1) Integer parallelism, String image, PlacementSpec placement, ResourcesSpec resources) {

    public static final String DEFAULT_IMAGE = "ghcr.io/ledgerbench/loadgen:0.1.0";

    public LoadgenSpec {
        parallelism = parallelism == null ? 1 : parallelism;
        image = image == null ? DEFAULT_IMAGE : image;
        placement = placement == null ? PlacementSpec.defaults() : placement;
        resources = resources == null ? ResourcesSpec.defaults() : resources;
    }

    public static LoadgenSpec defaults() {
        return new LoadgenSpec(null, null, null, null);
    }
}
