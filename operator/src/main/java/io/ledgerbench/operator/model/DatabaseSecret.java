package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/** The Secret holding the database superuser's generated password (PostgreSQL; TigerBeetle has no passwords). */
public final class DatabaseSecret {

    public static final String USER = "postgres";
    public static final String PASSWORD_KEY = "password";
    public static final String USER_KEY = "username";

    private DatabaseSecret() {
    }

    public static Secret build(BenchmarkRun owner, String password) {
        ResourceNames names = new ResourceNames(owner.getMetadata().getName());
        return new SecretBuilder()
                .withMetadata(Owners.metadata(owner, names.databaseSecret(),
                        ClusterLabels.of(owner.getMetadata().getName(), ClusterLabels.DATABASE)))
                .withType("Opaque")
                .withStringData(Map.of(USER_KEY, USER, PASSWORD_KEY, password))
                .build();
    }

    /** 32 random hex characters: strong, and safe in a connection string and a shell. */
    public static String generatePassword(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
