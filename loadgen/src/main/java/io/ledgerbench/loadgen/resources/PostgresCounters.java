package io.ledgerbench.loadgen.resources;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * PostgreSQL's own account of its work so far: the WAL position (its difference is the exact WAL
 * bytes written), WAL records, WAL writes, fsyncs (WAL and data files: pg_stat_io from PostgreSQL
 * 16, which 18 extends to the WAL; pg_stat_wal's wal_write and wal_sync before 18), data-file
 * buffers written (pg_stat_io from 16, pg_stat_bgwriter before), commits and rollbacks of the
 * benchmark database. Counters other than the WAL position reach the statistics when a backend
 * reports them, at most once a second while it works and when it ends. (Lock waits are not
 * counted anywhere cumulative, so they are not read.)
 */
public record PostgresCounters(String walLsn, long walRecords, long walWrites, long fsyncs, long buffersWritten,
                               long commits, long rollbacks) {

    /** Reads them over a connection of its own to the server's benchmark database. */
    public static PostgresCounters read(PostgresEndpoint endpoint) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", endpoint.password());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "ledgerbench-resources");
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(endpoint.database()), properties);
             Statement statement = connection.createStatement()) {
            int version = single(statement, "SELECT current_setting('server_version_num')::int").intValue();
            String lsn;
            try (ResultSet result = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                result.next();
                lsn = result.getString(1);
            }
            long walRecords = single(statement, "SELECT wal_records FROM pg_stat_wal").longValue();
            long walWrites = version >= 180000
                    ? single(statement, "SELECT coalesce(sum(writes), 0) FROM pg_stat_io WHERE object = 'wal'").longValue()
                    : single(statement, "SELECT wal_write FROM pg_stat_wal").longValue();
            long buffersWritten = version >= 160000
                    ? single(statement, "SELECT coalesce(sum(writes), 0) FROM pg_stat_io WHERE object = 'relation'")
                    .longValue()
                    : single(statement, "SELECT buffers_checkpoint + buffers_clean + buffers_backend FROM pg_stat_bgwriter")
                    .longValue();
            long fsyncs = version >= 180000
                    ? single(statement, "SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io").longValue()
                    : single(statement, "SELECT wal_sync FROM pg_stat_wal").longValue() + (version >= 160000
                            ? single(statement, "SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io").longValue() : 0);
            long commits = single(statement,
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()").longValue();
            long rollbacks = single(statement,
                    "SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()").longValue();
            return new PostgresCounters(lsn, walRecords, walWrites, fsyncs, buffersWritten, commits, rollbacks);
        }
    }

    /** WAL bytes between an earlier WAL position and this one. */
    public long walBytesSince(PostgresCounters earlier) {
        return lsnBytes(walLsn) - lsnBytes(earlier.walLsn);
    }

    /** An LSN "X/Y" as the byte position it stands for. */
    static long lsnBytes(String lsn) {
        String[] parts = lsn.split("/");
        return (Long.parseLong(parts[0], 16) << 32) + Long.parseLong(parts[1], 16);
    }

    private static Number single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return (Number) result.getObject(1);
        }
    }
}
