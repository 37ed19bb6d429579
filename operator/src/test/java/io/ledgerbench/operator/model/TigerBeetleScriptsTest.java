package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.ledgerbench.loadgen.local.TigerBeetleBinary;
import io.ledgerbench.loadgen.spec.TigerbeetleSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The TigerBeetle pods' scripts pass only flags the pinned release (0.16.30) accepts as stable: its
 * `tigerbeetle --help` documents `format --cluster --replica --replica-count` and `start --addresses
 * --cache-grid`; everything else needs --experimental (which disables upgrades) or is --development
 * (no direct I/O: not what is measured). With a real binary the help text itself is checked.
 */
class TigerBeetleScriptsTest {

    private static final Set<String> FORMAT_FLAGS = Set.of("--cluster", "--replica", "--replica-count");
    private static final Set<String> START_FLAGS = Set.of("--addresses", "--cache-grid");
    private static final Pattern FLAG = Pattern.compile("(--[a-z][a-z-]*)=");

    private static final ConfigMap CONFIG = DatabaseConfig.tigerbeetle(Benchmarks.tigerbeetle(), 1);

    /** The flags of the script's `tigerbeetle COMMAND` invocation (continuation lines joined). */
    private static Set<String> flags(String script, String command) {
        String invocation = script.replace("\\\n", " ").lines()
                .filter(line -> line.contains("/tigerbeetle " + command + " ")).findFirst().orElseThrow();
        Set<String> flags = new LinkedHashSet<>();
        Matcher matcher = FLAG.matcher(invocation);
        while (matcher.find()) {
            flags.add(matcher.group(1));
        }
        return flags;
    }

    @Test
    void formatPassesOnlyTheReleasesStableFormatFlags() {
        Set<String> used = flags(CONFIG.getData().get(DatabaseConfig.FORMAT_SCRIPT), "format");
        assertThat(used).isNotEmpty().isSubsetOf(FORMAT_FLAGS);
    }

    @Test
    void startPassesOnlyTheReleasesStableStartFlagsAndSizesTheGridCache() {
        Set<String> used = flags(CONFIG.getData().get(DatabaseConfig.START_SCRIPT), "start");
        assertThat(used).containsExactlyInAnyOrderElementsOf(START_FLAGS);
    }

    @Test
    void neitherScriptAsksForDevelopmentOrExperimentalMode() {
        for (String script : CONFIG.getData().values()) {
            assertThat(script).doesNotContain("--development").doesNotContain("--experimental");
        }
    }

    static boolean tigerbeetlePresent() {
        return TigerBeetleBinary.isAvailable(System.getenv());
    }

    @Test
    @EnabledIf(value = "tigerbeetlePresent", disabledReason = "no tigerbeetle binary ($TIGERBEETLE_BIN or PATH)")
    void theRealBinaryDocumentsEveryFlagTheScriptsPass() throws IOException, InterruptedException {
        Path binary = TigerBeetleBinary.find(TigerbeetleSpec.defaults(), System.getenv());
        Process help = new ProcessBuilder(binary.toString(), "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String formatUsage = text.lines().filter(line -> line.contains("tigerbeetle format")).findFirst().orElseThrow();
        String startUsage = text.lines().filter(line -> line.contains("tigerbeetle start")).findFirst().orElseThrow();
        for (String flag : flags(CONFIG.getData().get(DatabaseConfig.FORMAT_SCRIPT), "format")) {
            assertThat(formatUsage).as("format usage of the real binary").contains(flag + "=");
        }
        for (String flag : flags(CONFIG.getData().get(DatabaseConfig.START_SCRIPT), "start")) {
            assertThat(startUsage).as("start usage of the real binary").contains(flag + "=");
        }
    }
}
