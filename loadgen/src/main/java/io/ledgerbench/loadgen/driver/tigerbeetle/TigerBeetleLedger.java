package io.ledgerbench.loadgen.driver.tigerbeetle;

/**
 * How the benchmark's ledger is laid out in TigerBeetle: user accounts 1..N on one ledger, which
 * may not be overdrawn, funded from one reserved account through transfers of their own code, so
 * user transfers can be told from funding ones.
 */
public final class TigerBeetleLedger {

    public static final int LEDGER = 1;
    public static final int ACCOUNT_CODE = 1;
    /** Code of the transfers the workload makes. */
    public static final int USER_TRANSFER_CODE = 1;
    /** Code of the transfers that give each account its initial balance. */
    public static final int FUNDING_TRANSFER_CODE = 2;
    /** The funding account: outside 1..N for any account count the spec allows. */
    public static final long FUNDING_ACCOUNT_ID = Long.MAX_VALUE;
    /** Events per request in release 0.16 (message body 1 MiB - 256 B header, 128 B per transfer). */
    public static final int MAX_BATCH_SIZE = 8189;

    private TigerBeetleLedger() {
    }
}
