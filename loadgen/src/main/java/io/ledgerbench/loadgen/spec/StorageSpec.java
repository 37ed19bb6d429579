package io.ledgerbench.loadgen.spec;

/** Where database pods keep their data on Kubernetes. */
public record StorageSpec(StorageType type, String storageClassName, String size) {

    public static final String DEFAULT_SIZE = "200Gi";

    public StorageSpec {
        type = type == null ? StorageType.LOCAL_NVME : type;
        size = size == null ? DEFAULT_SIZE : size;
    }

    public static StorageSpec defaults() {
        return new StorageSpec(null, null, null);
    }
}
