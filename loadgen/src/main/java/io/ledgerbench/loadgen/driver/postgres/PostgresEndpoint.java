package io.ledgerbench.loadgen.driver.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the benchmark's PostgreSQL database lives. The database itself (default "ledgerbench")
 * is dropped and recreated for every run; "postgres" is used only as the maintenance database.
 */
public record PostgresEndpoint(String host, int port, String user, String password, String database) {

    public static final String DEFAULT_DATABASE = "ledgerbench";
    public static final String MAINTENANCE_DATABASE = "postgres";
    public static final String URL_FORMAT = "postgresql://USER[:PASSWORD]@HOST[:PORT][/DATABASE]";
    /** The environment variable read for a password the URL leaves out, as libpq does. */
    public static final String PASSWORD_ENVIRONMENT = "PGPASSWORD";

    /** Parses postgresql://user:password@host:port/database (jdbc: prefix allowed); throws IllegalArgumentException with the accepted form. */
    public static PostgresEndpoint parse(String url) {
        String text = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a PostgreSQL URL; expected " + URL_FORMAT);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not a PostgreSQL URL; expected " + URL_FORMAT);
        }
        String user = "postgres";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? DEFAULT_DATABASE : path;
        if (database.equals(MAINTENANCE_DATABASE)) {
            throw new IllegalArgumentException("database '" + MAINTENANCE_DATABASE + "' cannot be the benchmark database:"
                    + " it is dropped and recreated for every run; name another one (default " + DEFAULT_DATABASE + ")");
        }
        return new PostgresEndpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password, database);
    }

    /**
     * This endpoint with the password libpq would use when the URL names none: PGPASSWORD's value
     * (load-generator pods receive the generated password that way, never on the command line).
     */
    public PostgresEndpoint withPasswordFallback(String pgpassword) {
        return password.isEmpty() && pgpassword != null && !pgpassword.isEmpty()
                ? new PostgresEndpoint(host, port, user, pgpassword, database) : this;
    }

    public String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + databaseName;
    }

    /** The endpoint for display: no password. */
    public String describe() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
