package io.ledgerbench.loadgen.spec;

/** The database under test: engine, replication, image and where it runs. */
public record DatabaseSpec(
        EngineType engine,
        Integer replicas,
        String image,
        PlacementSpec placement,
        ResourcesSpec resources,
        StorageSpec storage,
        PostgresqlSpec postgresql,
        TigerbeetleSpec tigerbeetle) {

    /** Pinned default image per engine. */
    public static final String DEFAULT_POSTGRESQL_IMAGE = "postgres:18.1";
    public static final String DEFAULT_TIGERBEETLE_IMAGE = "ghcr.io/tigerbeetle/tigerbeetle:0.16.30";
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
