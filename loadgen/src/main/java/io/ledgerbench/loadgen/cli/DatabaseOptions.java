package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.driver.postgres.PostgresLedgerDatabase;
import io.ledgerbench.loadgen.driver.tigerbeetle.TigerBeetleEndpoint;
import io.ledgerbench.loadgen.driver.tigerbeetle.TigerBeetleLedgerDatabase;
import io.ledgerbench.loadgen.result.BuildVersions;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.EngineType;
import picocli.CommandLine.Option;

/** Where the database of a BenchmarkRun is, for the subcommands that work on a running one (the operator's pods). */
final class DatabaseOptions {

    /** An opened database and how results name where it is. */
    record Opened(LedgerDatabase database, String location) {
    }

    @Option(names = "--postgres-url", paramLabel = "URL",
            description = "The PostgreSQL: " + PostgresEndpoint.URL_FORMAT + " (without a password in the URL,"
                    + " PGPASSWORD is used). For `run` without --cluster-run: use it instead of an embedded one; the"
                    + " database (default ledgerbench) is dropped and recreated for every run.")
    String postgresUrl;

    @Option(names = "--tigerbeetle-addresses", paramLabel = "ADDRESSES",
            description = "The TigerBeetle cluster: " + TigerBeetleEndpoint.ADDRESSES_FORMAT
                    + "; its cluster id is the spec's (spec.database.tigerbeetle.clusterId)")
    String tigerbeetleAddresses;

    /** The spec's engine at the address given for it; a missing or malformed address is bad input. */
    Opened open(BenchmarkRunManifest manifest) throws BadInputException {
        if (manifest.spec().database().engine() == EngineType.TIGERBEETLE) {
            if (tigerbeetleAddresses == null) {
                throw new BadInputException("--tigerbeetle-addresses: required, the spec's engine is tigerbeetle");
            }
            TigerBeetleEndpoint endpoint;
            try {
                endpoint = TigerBeetleEndpoint.parse(manifest.spec().database().tigerbeetle().clusterId(),
                        tigerbeetleAddresses);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--tigerbeetle-addresses: " + e.getMessage());
            }
            // The server does not tell its version; clients of another release are refused by it.
            return new Opened(new TigerBeetleLedgerDatabase(endpoint, "TigerBeetle " + BuildVersions.tigerbeetle(),
                    manifest.spec().database().tigerbeetle().requestTimeoutDuration()), endpoint.describe());
        }
        if (postgresUrl == null) {
            throw new BadInputException("--postgres-url: required, the spec's engine is postgresql");
        }
        PostgresEndpoint endpoint = Inputs.postgres(postgresUrl);
        return new Opened(new PostgresLedgerDatabase(endpoint, manifest.spec().database().postgresql()),
                endpoint.describe());
    }
}
