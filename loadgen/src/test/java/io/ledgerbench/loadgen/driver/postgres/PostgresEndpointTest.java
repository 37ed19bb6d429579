package io.ledgerbench.loadgen.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresEndpointTest {

    @Test
    void aUrlWithoutPasswordTakesPgpassword() {
        PostgresEndpoint endpoint = PostgresEndpoint.parse("postgresql://postgres@db-primary.bench.svc:5432/ledgerbench")
                .withPasswordFallback("s3cret");
        assertThat(endpoint.password()).isEqualTo("s3cret");
        assertThat(endpoint.host()).isEqualTo("db-primary.bench.svc");
    }

    @Test
    void aPasswordInTheUrlWinsOverPgpassword() {
        assertThat(PostgresEndpoint.parse("postgresql://u:given@h/db").withPasswordFallback("other").password())
                .isEqualTo("given");
    }

    @Test
    void withoutPgpasswordThePasswordStaysEmpty() {
        assertThat(PostgresEndpoint.parse("postgresql://u@h/db").withPasswordFallback(null).password()).isEmpty();
    }

    @Test
    void thePasswordNeverAppearsInTheDescription() {
        assertThat(PostgresEndpoint.parse("postgresql://u@h/db").withPasswordFallback("s3cret").describe())
                .doesNotContain("s3cret");
    }
}
