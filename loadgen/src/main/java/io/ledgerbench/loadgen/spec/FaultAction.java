package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a fault does to a database node: kill it at once (SIGKILL of its processes; on Kubernetes its pod
 * deleted with a 1 s grace period, SIGTERM then SIGKILL), or stop it cleanly (SIGTERM, the server's own shutdown; the pod deleted
 * with its grace period).
 */
public enum FaultAction {
    KILL("kill"),
    STOP("stop");

    private final String specValue;

    FaultAction(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
