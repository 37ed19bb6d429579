package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a database pod keeps its data on Kubernetes. */
public enum StorageType {
    LOCAL_NVME("localNvme"),
    EMPTY_DIR("emptyDir"),
    PVC("pvc");

    private final String specValue;

    StorageType(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
