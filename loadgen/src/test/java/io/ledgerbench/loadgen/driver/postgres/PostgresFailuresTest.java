package io.ledgerbench.loadgen.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import io.ledgerbench.loadgen.driver.TransferResult;
import org.junit.jupiter.api.Test;

class PostgresFailuresTest {

    private static PgException sqlState(String code) {
        return new PgException("boom", "ERROR", code, null);
    }

    @Test
    void serializationFailuresAndDeadlocksAreRetried() {
        assertThat(PostgresFailures.isRetryable(PostgresFailures.reason(sqlState("40001")))).isTrue();
        assertThat(PostgresFailures.isRetryable(PostgresFailures.reason(sqlState("40P01")))).isTrue();
    }

    @Test
    void otherServerErrorsAreFailuresNamedBySqlState() {
        String reason = PostgresFailures.reason(sqlState("23505"));
        assertThat(reason).isEqualTo("sqlstate_23505");
        assertThat(PostgresFailures.isRetryable(reason)).isFalse();
        assertThat(PostgresFailures.reason(sqlState("57P01"))).isEqualTo("server_shutdown");
        assertThat(PostgresFailures.reason(sqlState("57P03"))).as("starting up: refused at connect, nothing applied")
                .isEqualTo("connection_refused");
    }

    @Test
    void aBrokenConnectionIsConnectionLostAndInDoubt() {
        String reason = PostgresFailures.reason(new IOException("reset"));
        assertThat(reason).isEqualTo("connection_lost");
        assertThat(TransferResult.isInDoubt(reason)).as("its commit may have been made before the break").isTrue();
    }

    @Test
    void noServerToConnectToIsConnectionRefusedAndCertainlyNotApplied() {
        String reason = PostgresFailures.reason(new java.net.ConnectException("Connection refused"));
        assertThat(reason).isEqualTo("connection_refused");
        assertThat(TransferResult.isInDoubt(reason)).isFalse();
    }
}
