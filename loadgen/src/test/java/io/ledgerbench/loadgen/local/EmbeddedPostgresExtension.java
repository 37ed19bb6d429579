package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real PostgreSQL 18 (the same embedded server `make run` uses), started once per
 * test run and stopped at its end. Each test names its own database, so tests never share data.
 */
public final class EmbeddedPostgresExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PostgresServer.class, key -> new PostgresServer(
                        EmbeddedPostgresServer.start(BenchmarkRunSpec.defaults())), PostgresServer.class);
    }

    /** The shared server; endpoint(db) points at a database of the caller's own. */
    public record PostgresServer(EmbeddedPostgresServer server) implements AutoCloseable {

        public PostgresEndpoint endpoint(String database) {
            PostgresEndpoint base = server.endpoint();
            return new PostgresEndpoint(base.host(), base.port(), base.user(), base.password(), database);
        }

        /** A JDBC connection to the caller's database, for tests that act as a second client. */
        public Connection connect(String database) throws SQLException {
            PostgresEndpoint base = server.endpoint();
            Properties properties = new Properties();
            properties.setProperty("user", base.user());
            properties.setProperty("password", base.password());
            return DriverManager.getConnection(base.jdbcUrl(database), properties);
        }

        public String url(String database) {
            PostgresEndpoint base = server.endpoint();
            return "postgresql://" + base.user() + "@" + base.host() + ":" + base.port() + "/" + database;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
