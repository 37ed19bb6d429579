package io.ledgerbench.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes and one clear message per mistake, never a stack trace. */
@ExtendWith(EmbeddedPostgresExtension.class)
class LoadgenCommandTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int loadgen(String... args) {
        return LoadgenCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    private Path file(String yaml) throws Exception {
        Path file = directory.resolve("run.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String valid(String name, String extra) {
        return """
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: %s}
                spec:
                  database: {replicas: 1, postgresql: {poolSize: 4}}
                  workload: {accounts: 1000, concurrency: 4, warmup: 1s, duration: 2s%s}
                  runs: 2
                """.formatted(name, extra);
    }

    private void assertNoStackTrace() {
        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aMissingFileExitsTwoNamingTheFile() {
        assertThat(loadgen("run", directory.resolve("absent.yaml").toString(), "--metrics-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("file: does not exist");
        assertNoStackTrace();
    }

    @Test
    void malformedYamlExitsTwo() throws Exception {
        assertThat(loadgen("run", file("spec: [oops\n").toString(), "--metrics-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("not valid YAML");
        assertNoStackTrace();
    }

    @Test
    void anUnknownEngineExitsTwoListingTheAllowedOnes() throws Exception {
        Path spec = file(valid("x", "").replace("replicas: 1,", "engine: mysql, replicas: 1,"));
        assertThat(loadgen("run", spec.toString(), "--metrics-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("spec.database.engine").contains("allowed: postgresql, tigerbeetle");
        assertNoStackTrace();
    }

    @Test
    void amountMinAboveMaxExitsTwo() throws Exception {
        assertThat(loadgen("run", file(valid("x", ", amount: {min: 9, max: 3}")).toString(), "--metrics-port", "-1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("spec.workload.amount: min (9) must be <= max (3)");
        assertNoStackTrace();
    }

    @Test
    void fewerThanTwoAccountsExitsTwo() throws Exception {
        assertThat(loadgen("run", file(valid("x", "").replace("accounts: 1000", "accounts: 1")).toString(),
                "--metrics-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("spec.workload.accounts: must be at least 2");
        assertNoStackTrace();
    }

    @Test
    void anUnreachableDatabaseExitsThreeWithAPlainMessage() throws Exception {
        assertThat(loadgen("run", file(valid("x", "")).toString(), "--metrics-port", "-1",
                "--postgres-url", "postgresql://postgres@127.0.0.1:1/ledgerbench")).isEqualTo(3);
        assertThat(err.toString()).contains("cannot connect to PostgreSQL at 127.0.0.1:1");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void aMalformedPostgresUrlExitsTwo() throws Exception {
        assertThat(loadgen("run", file(valid("x", "")).toString(), "--postgres-url", "mysql://h/db")).isEqualTo(2);
        assertThat(err.toString()).contains("--postgres-url").contains("postgresql://USER");
    }

    @Test
    void aTigerBeetleBinaryThatIsNotThereExitsTwoNamingTheField() throws Exception {
        Path spec = file(valid("x", "").replace("replicas: 1,", "engine: tigerbeetle, replicas: 1, tigerbeetle: {binary: "
                + directory.resolve("no-such-tigerbeetle") + "},"));
        assertThat(loadgen("run", spec.toString(), "--metrics-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("spec.database.tigerbeetle.binary").contains("is not an executable file");
        assertNoStackTrace();
    }

    @Test
    void validatePrintsTheDefaultedSpec() throws Exception {
        assertThat(loadgen("validate", file(valid("x", "")).toString())).isZero();
        assertThat(out.toString()).contains("isolationLevel: \"read_committed\"").contains("maxErrorRate: 0.05");
    }

    @Test
    void aRunWritesRunJsonAggregateJsonReportAndComparisonCsv(PostgresServer postgres) throws Exception {
        Path results = directory.resolve("results");
        int exit = loadgen("run", file(valid("cli-e2e", ", seed: 5")).toString(), "--metrics-port", "-1",
                "--results-dir", results.toString(), "--postgres-url", postgres.url("cli_e2e"));
        assertThat(exit).as(err.toString()).isZero();
        assertThat(results.resolve("cli-e2e/run-1.json")).exists();
        assertThat(results.resolve("cli-e2e/run-2.json")).exists();
        assertThat(Files.readString(results.resolve("cli-e2e/aggregate.json")))
                .contains("\"ci95Low\"").contains("\"invariantsOk\" : true").contains("\"seed\" : 5");
        // Two runs give an interval unless they differ so much that it would reach below 0 (then the report says so).
        assertThat(Files.readString(results.resolve("cli-e2e/report.txt")))
                .containsPattern("throughput +mean [0-9.]+ TPS, (95% CI \\[|stddev .*too few runs for a 95 % interval)")
                .contains("verdict     VALID");
        assertThat(Files.readAllLines(results.resolve("comparison.csv")))
                .hasSize(4)
                .first().asString().startsWith("benchmark,row,engine");
        assertThat(Files.readString(results.resolve("comparison.csv"))).contains("cli-e2e,run-1,").contains("cli-e2e,aggregate,");
    }

    @Test
    void prepareLoadsTheAccountsWithTheirInitialBalance(PostgresServer postgres) throws Exception {
        assertThat(loadgen("prepare", file(valid("prep", "")).toString(), "--postgres-url", postgres.url("cli_prepare")))
                .as(err.toString()).isZero();
        var endpoint = postgres.endpoint("cli_prepare");
        try (var connection = java.sql.DriverManager.getConnection(endpoint.jdbcUrl("cli_prepare"), endpoint.user(), "");
             var rows = connection.createStatement().executeQuery("SELECT count(*), sum(balance) FROM accounts")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(1000);
            assertThat(rows.getLong(2)).isEqualTo(1000L * 1_000_000L);
        }
    }

    @Test
    void prepareWithAMalformedUrlExitsTwo() throws Exception {
        assertThat(loadgen("prepare", file(valid("prep", "")).toString(), "--postgres-url", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("--postgres-url");
        assertNoStackTrace();
    }

    @Test
    void prepareAgainstAnUnreachableServerExitsThree() throws Exception {
        assertThat(loadgen("prepare", file(valid("prep", "")).toString(),
                "--postgres-url", "postgresql://postgres@127.0.0.1:1/x")).isEqualTo(3);
        assertThat(err.toString()).contains("cannot connect to PostgreSQL at 127.0.0.1:1");
    }

    @Test
    void moreLocalReplicasThanTheMachineTakesExitTwoNamingTheLimit() throws Exception {
        Path spec = file(valid("x", "").replace("replicas: 1,", "replicas: 7,"));
        assertThat(loadgen("run", spec.toString(), "--metrics-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("spec.database.replicas").contains("allowed here: 1..5 (got 7)");
        assertNoStackTrace();
    }

    @Test
    void anExistingServerCannotStandInForAClusterOfReplicas() throws Exception {
        Path spec = file(valid("x", "").replace("replicas: 1,", "replicas: 3,"));
        assertThat(loadgen("run", spec.toString(), "--postgres-url", "postgresql://u@localhost/db", "--metrics-port", "-1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("spec.database.replicas").contains("allowed with --postgres-url: 1 (got 3)");
        assertNoStackTrace();
    }
}
