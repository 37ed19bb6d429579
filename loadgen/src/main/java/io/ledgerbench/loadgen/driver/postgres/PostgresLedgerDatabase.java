package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.DatabaseUnavailableException;
import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.driver.RetryBackoff;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.result.BuildVersions;
import io.ledgerbench.loadgen.spec.PostgresqlSpec;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;

/**
 * PostgreSQL as a ledger: reset and invariant checks through JDBC (COPY, CHECKPOINT, VACUUM),
 * transfers through vertx-pg-client, whose asynchronous pool lets a few threads keep many
 * connections busy.
 */
public final class PostgresLedgerDatabase implements LedgerDatabase {

    /** Settings recorded with every result, besides the ones the spec passes through. */
    private static final Set<String> RECORDED_SETTINGS = Set.of("server_version", "fsync", "synchronous_commit",
            "full_page_writes", "wal_level", "synchronous_standby_names", "shared_buffers", "max_wal_size",
            "max_connections", "wal_sync_method", "checkpoint_timeout", "autovacuum");

    private static final int COPY_CHUNK_ROWS = 50_000;

    /** How the benchmark's own sessions show in pg_stat_activity. */
    static final String LOADGEN_APPLICATION_NAME = "ledgerbench-loadgen";

    private final PostgresEndpoint endpoint;
    private final PostgresqlSpec settings;
    private final Vertx vertx;

    /** Checks the server is reachable; throws DatabaseUnavailableException with a plain message otherwise. */
    public PostgresLedgerDatabase(PostgresEndpoint endpoint, PostgresqlSpec settings) {
        this.endpoint = endpoint;
        this.settings = settings;
        try (Connection ignored = connect(PostgresEndpoint.MAINTENANCE_DATABASE)) {
            // reachable
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot connect to PostgreSQL at " + endpoint.host() + ":"
                    + endpoint.port() + " as " + endpoint.user() + ": " + e.getMessage(), e);
        }
        this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    }

    @Override
    public String serverVersion() {
        try (Connection connection = connect(PostgresEndpoint.MAINTENANCE_DATABASE);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version()")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read the PostgreSQL version: " + e.getMessage(), e);
        }
    }

    @Override
    public String clientVersion() {
        return "vertx-pg-client " + BuildVersions.vertx();
    }

    @Override
    public Map<String, String> serverSettings() {
        Set<String> names = new TreeSet<>(RECORDED_SETTINGS);
        names.addAll(settings.parameters().keySet());
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection connection = connect(PostgresEndpoint.MAINTENANCE_DATABASE);
             var query = connection.prepareStatement("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY (?)"
                     + " ORDER BY name")) {
            query.setArray(1, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read PostgreSQL settings: " + e.getMessage(), e);
        }
        // What the benchmark's own connections run with (set per session, see openDriver).
        values.put("session.default_transaction_isolation", settings.isolationLevel().sqlName());
        values.put("session.synchronous_commit", settings.synchronousCommit().specValue());
        return values;
    }

    @Override
    public void reset(WorkloadSpec workload) {
        try (Connection admin = connect(PostgresEndpoint.MAINTENANCE_DATABASE);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + quoted(endpoint.database()) + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + quoted(endpoint.database()));
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot recreate database " + endpoint.database() + ": " + e.getMessage(), e);
        }
        try (Connection connection = connect(endpoint.database());
             Statement statement = connection.createStatement()) {
            statement.execute(PostgresSchema.CREATE_ACCOUNTS);
            statement.execute(PostgresSchema.CREATE_TRANSFERS);
            copyAccounts(connection, workload.accounts(), workload.initialBalance());
            statement.execute(PostgresSchema.ACCOUNTS_PRIMARY_KEY);
            statement.execute(PostgresSchema.CREATE_TRANSFER_FUNCTION);
            statement.execute(PostgresSchema.CREATE_TRANSFER_BATCH_FUNCTION);
            statement.execute("CHECKPOINT");
            statement.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot load accounts into " + endpoint.database() + ": " + e.getMessage(), e);
        }
    }

    private static void copyAccounts(Connection connection, long accounts, long initialBalance) throws SQLException {
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try {
            for (long first = 1; first <= accounts; first += COPY_CHUNK_ROWS) {
                long last = Math.min(accounts, first + COPY_CHUNK_ROWS - 1);
                copy.copyIn(PostgresSchema.COPY_ACCOUNTS, accountRows(first, last, initialBalance));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader accountRows(long first, long last, long initialBalance) {
        StringBuilder rows = new StringBuilder((int) (last - first + 1) * 16);
        for (long id = first; id <= last; id++) {
            rows.append(id).append('\t').append(initialBalance).append('\n');
        }
        return new StringReader(rows.toString());
    }

    @Override
    public TransferDriver openDriver(DriverListener driverListener) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setDatabase(endpoint.database())
                .setUser(endpoint.user())
                .setPassword(endpoint.password())
                .setCachePreparedStatements(true)
                .addProperty("application_name", LOADGEN_APPLICATION_NAME)
                // Startup parameters, so the spec holds on any server, embedded or not: every transaction
                // on these connections runs at the spec's isolation level and commit durability.
                .addProperty("default_transaction_isolation", settings.isolationLevel().sqlName())
                .addProperty("synchronous_commit", settings.synchronousCommit().specValue());
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(settings.poolSize()))
                .connectingTo(connect)
                .using(vertx)
                .build();
        prewarm(pool, settings.poolSize());
        ConflictRetry retry = new ConflictRetry(vertx, RetryBackoff.of(settings.retry()), driverListener);
        return switch (settings.mode()) {
            case INTERACTIVE -> new SingleTransferDriver(pool, new InteractiveTransfer(pool), retry);
            case ATOMIC -> new SingleTransferDriver(pool, OneStatementTransfer.atomic(pool), retry);
            case PROCEDURE -> new SingleTransferDriver(pool, OneStatementTransfer.procedure(pool), retry);
            case BATCHED -> new BatchedTransferDriver(vertx, pool, settings.poolSize(), settings.batchSize(),
                    settings.batchLingerDuration(), retry, driverListener);
        };
    }

    /** Opens every pooled connection before the clock starts, so connection setup is not measured. */
    private void prewarm(Pool pool, int connections) {
        List<Future<SqlConnection>> opened = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            opened.add(pool.getConnection());
        }
        try {
            Future.all(opened).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            pool.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DatabaseUnavailableException("cannot open " + connections + " connections to "
                    + endpoint.describe() + ": " + cause.getMessage(), cause);
        } finally {
            opened.stream().filter(Future::succeeded).forEach(connection -> connection.result().close());
        }
    }

    @Override
    public java.util.Optional<java.net.InetSocketAddress> serverAddress() {
        return java.util.Optional.of(java.net.InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()));
    }

    @Override
    public InvariantReport verify(WorkloadSpec workload, long completedTransfers, long inDoubtTransfers) {
        try (Connection connection = connect(endpoint.database());
             Statement statement = connection.createStatement()) {
            endAbandonedSessions(connection);
            long accounts;
            long total;
            long negative;
            try (ResultSet row = statement.executeQuery(PostgresSchema.ACCOUNT_TOTALS)) {
                row.next();
                accounts = row.getLong(1);
                total = row.getBigDecimal(2).longValueExact();
                negative = row.getLong(3);
            }
            long stored;
            try (ResultSet row = statement.executeQuery(PostgresSchema.TRANSFER_COUNT)) {
                row.next();
                stored = row.getLong(1);
            }
            return InvariantReport.check(workload.accounts(), workload.accounts() * workload.initialBalance(),
                    accounts, total, negative, completedTransfers, inDoubtTransfers, stored);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot check invariants: " + e.getMessage(), e);
        }
    }

    /**
     * Ends the load generator's sessions still open on the database: a transfer abandoned at the
     * drain deadline may still wait for a lock there and commit after the check otherwise. Ending
     * the session rolls it back unless it already committed, so the count checked is final.
     */
    private static void endAbandonedSessions(Connection connection) throws SQLException {
        try (var terminate = connection.prepareStatement("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = ? AND pid <> pg_backend_pid()")) {
            terminate.setString(1, LOADGEN_APPLICATION_NAME);
            terminate.executeQuery().close();
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", endpoint.password());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "ledgerbench-admin");
        return DriverManager.getConnection(endpoint.jdbcUrl(database), properties);
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
