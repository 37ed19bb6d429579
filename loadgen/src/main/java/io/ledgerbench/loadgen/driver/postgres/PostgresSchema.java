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

    /**
     * The batched form of {@link #CREATE_TRANSFER_FUNCTION}: transfers i of the three arrays, applied
     * in input order (a transfer sees the balances the earlier ones left), one flag per transfer
     * back (true = completed, false = rejected). Every account the batch touches is locked once,
     * in id order, so two batches on different connections wait for each other but never
     * deadlock. The balances are computed in memory and each changed account is written once,
     * which is what lets one commit carry a thousand transfers on a few hot rows.
     */
    static final String CREATE_TRANSFER_BATCH_FUNCTION = """
            CREATE FUNCTION transfer_batch(p_debits bigint[], p_credits bigint[], p_amounts bigint[])
            RETURNS boolean[]
            LANGUAGE plpgsql AS $$
            DECLARE
                n              int := coalesce(cardinality(p_debits), 0);
                v_ids          bigint[];
                v_before       bigint[];
                v_balances     bigint[];
                v_debit_slots  bigint[];
                v_credit_slots bigint[];
                v_applied      boolean[];
            BEGIN
                IF coalesce(cardinality(p_credits), 0) <> n OR coalesce(cardinality(p_amounts), 0) <> n THEN
                    RAISE EXCEPTION 'debits, credits and amounts differ in length' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF n = 0 THEN
                    RETURN '{}';
                END IF;
                SELECT array_agg(id ORDER BY id), array_agg(balance ORDER BY id) INTO v_ids, v_before
                FROM (SELECT id, balance FROM accounts WHERE id = ANY (p_debits || p_credits)
                      ORDER BY id FOR UPDATE) AS locked;
                SELECT array_agg(d.slot ORDER BY t.ord), array_agg(c.slot ORDER BY t.ord)
                INTO v_debit_slots, v_credit_slots
                FROM unnest(p_debits, p_credits) WITH ORDINALITY AS t(debit, credit, ord)
                JOIN unnest(v_ids) WITH ORDINALITY AS d(id, slot) ON d.id = t.debit
                JOIN unnest(v_ids) WITH ORDINALITY AS c(id, slot) ON c.id = t.credit;
                IF coalesce(cardinality(v_debit_slots), 0) <> n THEN
                    RAISE EXCEPTION 'unknown account in batch' USING ERRCODE = 'no_data_found';
                END IF;
                v_balances := v_before;
                v_applied := array_fill(false, ARRAY[n]);
                FOR i IN 1 .. n LOOP
                    IF v_balances[v_debit_slots[i]] >= p_amounts[i] THEN
                        v_balances[v_debit_slots[i]] := v_balances[v_debit_slots[i]] - p_amounts[i];
                        v_balances[v_credit_slots[i]] := v_balances[v_credit_slots[i]] + p_amounts[i];
                        v_applied[i] := true;
                    END IF;
                END LOOP;
                UPDATE accounts AS a SET balance = changed.balance
                FROM unnest(v_ids, v_before, v_balances) AS changed(id, before, balance)
                WHERE a.id = changed.id AND changed.balance <> changed.before;
                INSERT INTO transfers (debit, credit, amount)
                SELECT t.debit, t.credit, t.amount
                FROM unnest(p_debits, p_credits, p_amounts, v_applied) WITH ORDINALITY AS t(debit, credit, amount, applied, ord)
                WHERE t.applied
                ORDER BY t.ord;
                RETURN v_applied;
            END
            $$
            """;

    static final String CALL_TRANSFER_BATCH = "SELECT transfer_batch($1, $2, $3)";

    /**
     * The `atomic` mode: one statement, no explicit lock. The conditional debit takes the debit
     * row's lock itself and, at read committed, re-checks balance >= amount against the newest
     * committed version of the row if another transfer changed it meanwhile; the credit and the
     * record only happen when the debit did. The two rows are locked in debit-then-credit order,
     * not id order, so opposite transfers can deadlock; those are retried.
     */
    static final String ATOMIC_TRANSFER = """
            WITH debit AS (
                UPDATE accounts SET balance = balance - $3
                WHERE id = $1 AND balance >= $3 AND EXISTS (SELECT 1 FROM accounts WHERE id = $2)
                RETURNING id
            ), credit AS (
                UPDATE accounts SET balance = balance + $3
                WHERE id = $2 AND EXISTS (SELECT 1 FROM debit)
                RETURNING id
            ), recorded AS (
                INSERT INTO transfers (debit, credit, amount)
                SELECT $1, $2, $3 FROM credit
                RETURNING id
            )
            SELECT count(*) FROM recorded
            """;

    /** The `interactive` mode's statements, each its own round trip inside BEGIN ... COMMIT. */
    static final String LOCK_BOTH_ACCOUNTS = "SELECT id, balance FROM accounts WHERE id IN ($1, $2) ORDER BY id FOR UPDATE";
    static final String DEBIT = "UPDATE accounts SET balance = balance - $2 WHERE id = $1";
    static final String CREDIT = "UPDATE accounts SET balance = balance + $2 WHERE id = $1";
    static final String RECORD_TRANSFER = "INSERT INTO transfers (debit, credit, amount) VALUES ($1, $2, $3)";

    static final String ACCOUNT_TOTALS =
            "SELECT count(*), coalesce(sum(balance), 0), count(*) FILTER (WHERE balance < 0) FROM accounts";

    static final String TRANSFER_COUNT = "SELECT count(*) FROM transfers";
}
