package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.ledgerbench.loadgen.result.BuildVersions;

/** The database under test: engine, replication, image and where it runs. */
@ValidationRule(value = "!has(self.engine) || self.engine != 'tigerbeetle' || !has(self.replicas) || self.replicas in [1, 3, 6]",
        message = "replicas must be 1, 3 or 6 for tigerbeetle", fieldPath = ".replicas")
public record DatabaseSpec(
        EngineType engine,
        @Min(1) Integer replicas,
        String image,
        PlacementSpec placement,
        ResourcesSpec resources,
        StorageSpec storage,
        PostgresqlSpec postgresql,
        TigerbeetleSpec tigerbeetle) {

    /** Pinned default image per engine. */
    public static final String DEFAULT_POSTGRESQL_IMAGE = "postgres:18.1";
    /** The server release equals the Java client's (one value in the build: tigerbeetle.version). */
    public static final String DEFAULT_TIGERBEETLE_IMAGE = "ghcr.io/tigerbeetle/tigerbeetle:" + BuildVersions.tigerbeetle();
    public static final int DEFAULT_REPLICAS = 3;

    public DatabaseSpec {
        engine = engine == null ? EngineType.POSTGRESQL : engine;
        replicas = replicas == null ? DEFAULT_REPLICAS : replicas;
        image = image == null
                ? (engine == EngineType.TIGERBEETLE ? DEFAULT_TIGERBEETLE_IMAGE : DEFAULT_POSTGRESQL_IMAGE)
                : image;
        placement = placement == null ? PlacementSpec.defaults() : placement;
        resources = resources == null ? ResourcesSpec.defaults() : resources;
        storage = storage == null ? StorageSpec.defaults() : storage;
        postgresql = postgresql == null ? PostgresqlSpec.defaults() : postgresql;
        tigerbeetle = tigerbeetle == null ? TigerbeetleSpec.defaults() : tigerbeetle;
    }

    public static DatabaseSpec defaults() {
        return new DatabaseSpec(null, null, null, null, null, null, null, null);
    }
}
