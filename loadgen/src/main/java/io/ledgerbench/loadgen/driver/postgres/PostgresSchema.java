package io.ledgerbench.loadgen.driver.postgres;

/** The SQL of the PostgreSQL ledger: tables, the transfer function, invariant queries. */
final class PostgresSchema {

    private PostgresSchema() {
    }

    /** Autovacuum stays off during runs: a vacuum starting mid-measurement would be noise. */
    static final String CREATE_ACCOUNTS = """
            CREATE TABLE accounts (
                id      bigint NOT NULL,
                balance bigint NOT NULL
            ) WITH (autovacuum_enabled = false)
            """;

    static final String CREATE_TRANSFERS = """
            CREATE TABLE transfers (
                id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                debit  bigint NOT NULL,
                credit bigint NOT NULL,
                amount bigint NOT NULL,
                ts     timestamptz NOT NULL DEFAULT now()
            ) WITH (autovacuum_enabled = false)
            """;

    static final String COPY_ACCOUNTS = "COPY accounts (id, balance) FROM STDIN";

    /** Added after the bulk load: building the index once is faster than maintaining it row by row. */
    static final String ACCOUNTS_PRIMARY_KEY = "ALTER TABLE accounts ADD PRIMARY KEY (id)";

    /**
     * One transfer, next to the data. Both rows are locked in id order, so two transfers between
     * the same accounts in opposite directions cannot deadlock; the balance is read only after
     * the lock is held, so no concurrent transfer can slip between the check and the update.
     */
    static final String CREATE_TRANSFER_FUNCTION = """
            CREATE FUNCTION transfer(p_debit bigint, p_credit bigint, p_amount bigint) RETURNS text
            LANGUAGE plpgsql AS $$
            DECLARE
                v_balance bigint;
            BEGIN
                PERFORM 1 FROM accounts WHERE id = least(p_debit, p_credit) FOR UPDATE;
                PERFORM 1 FROM accounts WHERE id = greatest(p_debit, p_credit) FOR UPDATE;
                SELECT balance INTO v_balance FROM accounts WHERE id = p_debit;
                IF v_balance IS NULL THEN
                    RAISE EXCEPTION 'unknown debit account %', p_debit USING ERRCODE = 'no_data_found';
                END IF;
                IF v_balance < p_amount THEN
                    RETURN 'rejected';
                END IF;
                UPDATE accounts SET balance = balance - p_amount WHERE id = p_debit;
                UPDATE accounts SET balance = balance + p_amount WHERE id = p_credit;
                INSERT INTO transfers (debit, credit, amount) VALUES (p_debit, p_credit, p_amount);
                RETURN 'completed';
            END
            $$
            """;

    static final String CALL_TRANSFER = "SELECT transfer($1, $2, $3)";

    static final String ACCOUNT_TOTALS =
            "SELECT count(*), coalesce(sum(balance), 0), count(*) FILTER (WHERE balance < 0) FROM accounts";

    static final String TRANSFER_COUNT = "SELECT count(*) FROM transfers";
}
