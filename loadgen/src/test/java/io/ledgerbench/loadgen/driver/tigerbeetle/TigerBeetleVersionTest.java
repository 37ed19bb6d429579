package io.ledgerbench.loadgen.driver.tigerbeetle;

import static org.assertj.core.api.Assertions.assertThat;

import com.tigerbeetle.Client;
import io.ledgerbench.loadgen.result.BuildVersions;
import io.ledgerbench.loadgen.spec.DatabaseSpec;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Client, server image and expected local binary are one TigerBeetle release (SPEC section 4). */
class TigerBeetleVersionTest {

    @Test
    void theServerImageIsTheReleaseOfTheClientLibraryOnTheClasspath() throws Exception {
        Properties client = new Properties();
        try (InputStream in = Client.class.getResourceAsStream(
                "/META-INF/maven/com.tigerbeetle/tigerbeetle-java/pom.properties")) {
            assertThat(in).as("the client jar's Maven metadata").isNotNull();
            client.load(in);
        }
        assertThat(BuildVersions.tigerbeetle()).isEqualTo(client.getProperty("version"));
        assertThat(DatabaseSpec.DEFAULT_TIGERBEETLE_IMAGE).endsWith(":" + client.getProperty("version"));
    }
}
