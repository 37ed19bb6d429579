package io.ledgerbench.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.driver.postgres.PostgresLedgerDatabase;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.result.LatencySummary;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.workload.Transfer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** fixedRate against a real PostgreSQL: coordinated omission cannot hide a stall, and the rate is honest. */
@ExtendWith(EmbeddedPostgresExtension.class)
class OpenLoopLoadTest {

    private static BenchmarkRunSpec spec(double rate, int maxConcurrency, String duration) throws Exception {
        return new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: open-loop}
                spec:
                  database: {replicas: 1, postgresql: {poolSize: %d}}
                  workload:
                    accounts: 10000
                    distribution: {type: uniform}
                    mode: fixedRate
                    targetRate: %s
                    arrival: uniform
                    maxConcurrency: %d
                    warmup: 0s
                    duration: %s
                    seed: 3
                """.formatted(maxConcurrency, rate, maxConcurrency, duration), "test").spec();
    }

    private static RunMeasurement measure(PostgresServer postgres, String database, BenchmarkRunSpec spec,
                                          java.util.function.UnaryOperator<TransferDriver> wrap) throws Exception {
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint(database),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
            RunRecorder recorder = new RunRecorder(MeasurementObserver.NONE);
            try (TransferDriver driver = wrap.apply(ledger.openDriver(recorder.driverListener()))) {
                return new RunExecutor(Duration.ofSeconds(5), Duration.ofSeconds(30)).execute(spec.workload(),
                        RunExecutor.loadShape(spec.workload(), 3, 0, 1), driver, recorder, ProgressListener.NONE);
            }
        }
    }

    @Test
    void aServerStallShowsInLatencyFromIntendedStartButNotInServiceTime(PostgresServer postgres) throws Exception {
        BenchmarkRunSpec spec = spec(400, 4, "5s");
        String database = "open_loop_stall";
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> stall = new CompletableFuture<>();
        RunMeasurement measurement = measure(postgres, database, spec, driver -> new TransferDriver() {
            @Override
            public CompletableFuture<TransferResult> execute(Transfer transfer) {
                if (sent.incrementAndGet() == 400) {
                    // About a second in: lock the accounts table for one second, server side.
                    CompletableFuture.runAsync(() -> holdAccountsLock(postgres, database))
                            .whenComplete((ok, error) -> stall.complete(null));
                }
                return driver.execute(transfer);
            }

            @Override
            public void close() {
                stall.join();
                driver.close();
            }
        });
        LatencySummary latency = LatencySummary.of(measurement.measurement().latency());
        LatencySummary serviceTime = LatencySummary.of(measurement.measurement().serviceTime());
        assertThat(latency.p99Ms()).as("p99 from intended start").isGreaterThan(600);
        assertThat(serviceTime.p95Ms()).as("p95 service time").isLessThan(100);
        assertThat(latency.p95Ms()).isGreaterThan(serviceTime.p95Ms() * 3);
        assertThat(measurement.measurement().counts().delayedArrivals()).as("arrivals that waited").isPositive();
        assertThat(measurement.measurement().counts().dropped()).isZero();
    }

    @Test
    void atAModestRateTheAchievedRateIsWithinTwoPercentOfTarget(PostgresServer postgres) throws Exception {
        BenchmarkRunSpec spec = spec(300, 16, "5s");
        RunMeasurement measurement = measure(postgres, "open_loop_rate", spec, driver -> driver);
        double achieved = measurement.measurement().counts().finished() / (measurement.measurementWindowNanos() / 1e9);
        assertThat(achieved).isCloseTo(300, within(6.0));
        assertThat(measurement.measurement().counts().failed()).isZero();
    }

    private static void holdAccountsLock(PostgresServer postgres, String database) {
        var endpoint = postgres.endpoint(database);
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(database), endpoint.user(), "");
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("LOCK TABLE accounts IN EXCLUSIVE MODE");
            statement.execute("SELECT pg_sleep(1)");
            connection.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
