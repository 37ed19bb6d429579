package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class DatabaseSecretTest {

    @Test
    void generatedPasswordsAre32HexCharactersAndDiffer() {
        SecureRandom random = new SecureRandom();
        String password = DatabaseSecret.generatePassword(random);
        assertThat(password).hasSize(32).matches("[0-9a-f]+");
        assertThat(DatabaseSecret.generatePassword(random)).isNotEqualTo(password);
    }

    @Test
    void theSecretHoldsTheGeneratedPassword() {
        var secret = DatabaseSecret.build(Benchmarks.postgres(), "0123456789abcdef0123456789abcdef");
        assertThat(secret.getStringData()).containsEntry(DatabaseSecret.PASSWORD_KEY, "0123456789abcdef0123456789abcdef")
                .containsEntry(DatabaseSecret.USER_KEY, DatabaseSecret.USER);
        assertThat(secret.getMetadata().getName()).isEqualTo("pg-fair-medium-db-credentials");
        ValidKubernetesObjects.assertValidOwnedObject(secret);
    }
}
