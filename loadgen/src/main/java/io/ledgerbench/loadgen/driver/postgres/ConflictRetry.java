package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.RetryBackoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a PostgreSQL interaction again after a conflict (serialization failure, deadlock) with
 * capped, jittered backoff, up to the spec's limit. Every attempt is a whole transaction that
 * either committed or rolled back, so a retry never applies a transfer twice.
 */
final class ConflictRetry {

    private final Vertx vertx;
    private final RetryBackoff backoff;
    private final DriverListener listener;

    ConflictRetry(Vertx vertx, RetryBackoff backoff, DriverListener listener) {
        this.vertx = vertx;
        this.backoff = backoff;
        this.listener = listener;
    }

    /**
     * The first attempt's result that is not a retryable conflict, or the last conflict once the
     * retries are spent. transfers is how many transfers one attempt carries: each counts a retry.
     */
    <T> Future<T> run(Supplier<Future<T>> attempt, int transfers) {
        Promise<T> answer = Promise.promise();
        attempt(attempt, transfers, 0, answer);
        return answer.future();
    }

    private <T> void attempt(Supplier<Future<T>> attempt, int transfers, int retriesSoFar, Promise<T> answer) {
        attempt.get().onComplete(result -> {
            if (result.succeeded()) {
                answer.complete(result.result());
                return;
            }
            String reason = PostgresFailures.reason(result.cause());
            if (!PostgresFailures.isRetryable(reason) || !backoff.mayRetry(retriesSoFar)) {
                answer.fail(result.cause());
                return;
            }
            for (int i = 0; i < transfers; i++) {
                listener.retried(reason);
            }
            long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(backoff.delayNanos(retriesSoFar)));
            vertx.setTimer(delayMillis, timer -> attempt(attempt, transfers, retriesSoFar + 1, answer));
        });
    }
}
