package io.ledgerbench.loadgen.result;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the load generator and its client libraries as pinned in the build, recorded with every result. */
public final class BuildVersions {

    private static final Properties VERSIONS = load();

    private BuildVersions() {
    }

    public static String loadgen() {
        return VERSIONS.getProperty("loadgen.version", "unknown");
    }

    public static String vertx() {
        return VERSIONS.getProperty("vertx.version", "unknown");
    }

    /** The TigerBeetle release of the Java client, and so of the server image and the local binary expected. */
    /** The Chart.js release report.html inlines. */
    public static String chartJs() {
        return VERSIONS.getProperty("chartjs.version", "unknown");
    }

    public static String tigerbeetle() {
        return VERSIONS.getProperty("tigerbeetle.version", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersions.class.getResourceAsStream("/ledgerbench-versions.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // recorded as unknown
        }
        return properties;
    }
}
