package io.ledgerbench.loadgen.spec;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a defaulted BenchmarkRun against the rules of SPEC sections 3 to 7; lists every violation. */
public final class SpecValidator {

    /** Names become Kubernetes object names and result directories: an RFC 1123 label. */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    /** Object names append up to 18 characters (e.g. "-db-" plus a revision hash) and must stay within 63. */
    public static final int MAX_NAME_LENGTH = 45;
    static final int MAX_POOL_SIZE = 1000;
    /** The largest batch a PostgreSQL run may ask for (batch sizes are recorded exactly up to it). */
    public static final int MAX_BATCH_SIZE = 100_000;
    private static final Duration MAX_BATCH_LINGER = Duration.ofSeconds(1);
    /** Below this a primary lost from a healthy cluster would look like a cluster that cannot answer. */
    static final Duration MIN_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int MAX_RUNS = 100;
    static final int MAX_RETRIES = 100;
    static final double MAX_EXPONENT = 10.0;
    /** More faults than this in one measurement would be a different experiment (chaos), not a node loss. */
    public static final int MAX_FAULTS = 10;
    private static final Duration FOREVER = Duration.ofDays(365_000);
    /** How long after a node's restart another fault may hit it: the restart itself takes seconds. */
    static final Duration FAULT_MARGIN = Duration.ofSeconds(10);

    /** Settings that decide durability, and the spec field that owns each (SPEC section 5). */
    private static final Map<String, String> DURABILITY_SETTINGS = Map.of(
            "fsync", "nothing: fsync stays on",
            "full_page_writes", "nothing: full_page_writes stays on",
            "synchronous_commit", "spec.database.postgresql.synchronousCommit",
            "synchronous_standby_names", "spec.database.postgresql.synchronousStandbys");

    private final List<SpecViolation> violations = new ArrayList<>();

    private SpecValidator() {
    }

    /** Every violation of the manifest; empty when it can run. */
    public static List<SpecViolation> validate(BenchmarkRunManifest manifest) {
        SpecValidator validator = new SpecValidator();
        validator.checkManifest(manifest);
        return List.copyOf(validator.violations);
    }

    private void checkManifest(BenchmarkRunManifest manifest) {
        if (!BenchmarkRunManifest.API_VERSION.equals(manifest.apiVersion())) {
            fail("apiVersion", "must be " + BenchmarkRunManifest.API_VERSION + " (got " + quoted(manifest.apiVersion()) + ")");
        }
        if (!BenchmarkRunManifest.KIND.equals(manifest.kind())) {
            fail("kind", "must be " + BenchmarkRunManifest.KIND + " (got " + quoted(manifest.kind()) + ")");
        }
        String name = manifest.metadata() == null ? null : manifest.metadata().name();
        if (name == null || name.isBlank()) {
            fail("metadata.name", "is required: lowercase letters, digits and '-', at most " + MAX_NAME_LENGTH + " characters");
        } else if (!NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
            fail("metadata.name", quoted(name) + " is not allowed: lowercase letters, digits and '-', starting and ending"
                    + " with a letter or digit, at most " + MAX_NAME_LENGTH + " characters");
        }
        BenchmarkRunSpec spec = manifest.spec();
        checkDatabase(spec.database());
        checkWorkload(spec.workload());
        atLeast("spec.loadgen.parallelism", spec.loadgen().parallelism(), 1);
        between("spec.runs", spec.runs(), 1, MAX_RUNS);
        ValidationSpec validation = spec.validation();
        nonNegative("spec.validation.maxThroughputCV", validation.maxThroughputCV());
        nonNegative("spec.validation.maxP99CV", validation.maxP99CV());
        fraction("spec.validation.maxErrorRate", validation.maxErrorRate());
        fraction("spec.validation.maxClientCpu", validation.maxClientCpu());
        checkNetwork(spec.network(), spec.database());
        checkFaults(spec);
    }

    private void checkNetwork(NetworkSpec network, DatabaseSpec database) {
        Optional<Duration> client = roundTrip("spec.network.clientRoundTrip", network.clientRoundTrip());
        Optional<Duration> nodes = roundTrip("spec.network.nodeRoundTrip", network.nodeRoundTrip());
        Optional<Duration> jitter = roundTrip("spec.network.jitter", network.jitter());
        if (nodes.filter(delay -> !delay.isZero()).isPresent() && database.replicas() == 1) {
            fail("spec.network.nodeRoundTrip", "needs at least 2 database nodes: replicas is 1 (set it to 0ms, or"
                    + " add replicas)");
        }
        double loss = network.lossPercent();
        if (!(loss >= 0 && loss <= NetworkSpec.MAX_LOSS_PERCENT)) {
            fail("spec.network.lossPercent", "must be between 0 and " + (int) NetworkSpec.MAX_LOSS_PERCENT
                    + " (percent of packets, each way; got " + loss + ")");
        } else if (loss > 0 && network.emulation() == NetworkEmulation.RELAYS) {
            fail("spec.network.lossPercent", "relays carry TCP streams and cannot lose packets: set emulation:"
                    + " namespaces, or remove lossPercent");
        }
        if (client.isEmpty() || nodes.isEmpty() || jitter.isEmpty() || jitter.get().isZero()) {
            return;
        }
        // A one-way delay is half a round trip; a jitter beyond it would ask for negative delays.
        Duration smallest = java.util.stream.Stream.of(client.get(), nodes.get()).filter(delay -> !delay.isZero())
                .min(Duration::compareTo).orElse(Duration.ZERO);
        if (smallest.isZero()) {
            fail("spec.network.jitter", "varies an added delay, and none is asked for: set clientRoundTrip or"
                    + " nodeRoundTrip, or remove jitter");
        } else if (jitter.get().multipliedBy(2).compareTo(smallest) > 0) {
            fail("spec.network.jitter", "must be at most half the smallest round trip asked for (" + smallest.toMillis()
                    + "ms, so at most " + smallest.toMillis() / 2 + "ms): each one-way delay varies by +/- jitter (got "
                    + network.jitter() + ")");
        }
    }

    private Optional<Duration> roundTrip(String field, String text) {
        Optional<Duration> delay = duration(field, text);
        if (delay.filter(value -> value.compareTo(NetworkSpec.MAX_ROUND_TRIP) > 0).isPresent()) {
            fail(field, "must be at most " + NetworkSpec.MAX_ROUND_TRIP.toMillis() + "ms (got " + text + ")");
            return Optional.empty();
        }
        return delay;
    }

    private void checkFaults(BenchmarkRunSpec spec) {
        List<FaultSpec> faults = spec.faults();
        if (faults.size() > MAX_FAULTS) {
            fail("spec.faults", "at most " + MAX_FAULTS + " faults per run (got " + faults.size() + ")");
            return;
        }
        if (!faults.isEmpty() && spec.workload().mode() == LoadMode.SATURATION) {
            fail("spec.faults", "apply in maxThroughput and fixedRate modes: a saturation search's steps would each"
                    + " judge a different outage");
            return;
        }
        Optional<Duration> measurement = DurationText.parse(spec.workload().duration());
        Map<String, Duration> nodeBackAt = new java.util.HashMap<>();
        Map<String, String> nodeDownAt = new java.util.HashMap<>();
        List<Integer> inOrder = new ArrayList<>();
        for (int index = 0; index < faults.size(); index++) {
            inOrder.add(index);
        }
        inOrder.sort(java.util.Comparator.comparing(index -> DurationText.parse(faults.get(index).at())
                .orElse(Duration.ZERO)));
        for (int index : inOrder) {
            FaultSpec fault = faults.get(index);
            String field = "spec.faults[" + index + "]";
            checkFaultNode(field + ".node", fault.node(), spec.database());
            Optional<Duration> at = duration(field + ".at", fault.at());
            Optional<Duration> restart = fault.restartAfter() == null ? Optional.empty()
                    : duration(field + ".restartAfter", fault.restartAfter());
            restart.filter(Duration::isZero).ifPresent(zero -> fail(field + ".restartAfter", "must be longer than 0"
                    + " (leave it out to keep the node down)"));
            if (at.isEmpty()) {
                continue;
            }
            measurement.filter(window -> at.get().compareTo(window) >= 0).ifPresent(window -> fail(field + ".at",
                    "must fall inside the measurement (duration " + spec.workload().duration() + "): it is an offset"
                            + " from the measurement's start (got " + fault.at() + ")"));
            if (restart.isPresent() && measurement.isPresent()
                    && at.get().plus(restart.get()).compareTo(measurement.get()) >= 0) {
                fail(field + ".restartAfter", "would bring " + fault.node() + " back after the measurement ends (at "
                        + fault.at() + " + " + fault.restartAfter() + " >= duration " + spec.workload().duration()
                        + "): shorten it, or leave it out to keep the node down");
            }
            Duration back = nodeBackAt.get(fault.node());
            // A restart takes its own time (seconds): a fault on the same node needs a margin after it.
            if (back != null && at.get().compareTo(back.plus(FAULT_MARGIN)) < 0) {
                fail(field + ".at", "node " + fault.node() + " is still down from an earlier fault at "
                        + nodeDownAt.get(fault.node())
                        + (back.equals(FOREVER) ? " (it is never restarted)" : " (it restarts at " + back.toSeconds()
                        + "s; allow " + FAULT_MARGIN.toSeconds() + "s for it to come back)"));
            }
            nodeBackAt.put(fault.node(), fault.restartAfter() == null || restart.isEmpty() ? FOREVER
                    : at.get().plus(restart.get()));
            nodeDownAt.put(fault.node(), fault.at());
        }
    }

    private void checkFaultNode(String field, String node, DatabaseSpec database) {
        Optional<Integer> ordinal = FaultSpec.ordinal(node);
        boolean tigerbeetle = database.engine() == EngineType.TIGERBEETLE;
        String allowed = tigerbeetle
                ? "replica-0 .. replica-" + (database.replicas() - 1) + " (tigerbeetle)"
                : "primary" + (database.replicas() > 1 ? " or standby-1 .. standby-" + (database.replicas() - 1) : "")
                + " (postgresql with " + database.replicas() + " replica" + (database.replicas() == 1 ? ")" : "s)");
        boolean fits = ordinal.isPresent() && ordinal.get() < database.replicas()
                && (tigerbeetle ? node.startsWith("replica-") : !node.startsWith("replica-"));
        if (!fits) {
            fail(field, "must name a node of this database: " + allowed + " (got " + quoted(node) + ")");
        }
    }

    private void checkDatabase(DatabaseSpec database) {
        int replicas = database.replicas();
        if (database.engine() == EngineType.TIGERBEETLE) {
            if (replicas != 1 && replicas != 3 && replicas != 6) {
                fail("spec.database.replicas", "must be 1, 3 or 6 for tigerbeetle (got " + replicas + ")");
            }
            checkTigerBeetleMemory(database.resources());
            duration("spec.database.tigerbeetle.requestTimeout", database.tigerbeetle().requestTimeout())
                    .filter(timeout -> timeout.compareTo(MIN_REQUEST_TIMEOUT) < 0)
                    .ifPresent(timeout -> fail("spec.database.tigerbeetle.requestTimeout", "must be at least "
                            + MIN_REQUEST_TIMEOUT.toSeconds() + "s: a view change after a lost replica takes seconds (got "
                            + quoted(database.tigerbeetle().requestTimeout()) + ")"));
        } else {
            atLeast("spec.database.replicas", replicas, 1);
        }
        PostgresqlSpec postgresql = database.postgresql();
        int standbys = postgresql.synchronousStandbys();
        if (standbys < 0) {
            fail("spec.database.postgresql.synchronousStandbys", "must be at least 0 (got " + standbys + ")");
        } else if (database.engine() == EngineType.POSTGRESQL && replicas > 1 && standbys > replicas - 1) {
            fail("spec.database.postgresql.synchronousStandbys", "must be at most replicas - 1 = " + (replicas - 1)
                    + " (got " + standbys + ")");
        }
        between("spec.database.postgresql.batchSize", postgresql.batchSize(), 1, MAX_BATCH_SIZE);
        duration("spec.database.postgresql.batchLinger", postgresql.batchLinger()).ifPresent(linger -> {
            if (linger.compareTo(MAX_BATCH_LINGER) > 0) {
                fail("spec.database.postgresql.batchLinger", "must be at most 1s (got " + postgresql.batchLinger() + ")");
            }
        });
        between("spec.database.postgresql.poolSize", postgresql.poolSize(), 1, MAX_POOL_SIZE);
        RetrySpec retry = postgresql.retry();
        between("spec.database.postgresql.retry.maxRetries", retry.maxRetries(), 0, MAX_RETRIES);
        Optional<Duration> initial = duration("spec.database.postgresql.retry.initialBackoff", retry.initialBackoff());
        Optional<Duration> max = duration("spec.database.postgresql.retry.maxBackoff", retry.maxBackoff());
        if (initial.isPresent() && max.isPresent() && initial.get().compareTo(max.get()) > 0) {
            fail("spec.database.postgresql.retry.initialBackoff", "must not exceed maxBackoff (" + retry.maxBackoff() + ")");
        }
        for (var parameter : postgresql.parameters().entrySet()) {
            if (!parameter.getKey().matches("^[a-z_][a-z0-9_.]*$")) {
                fail("spec.database.postgresql.parameters." + parameter.getKey(),
                        "is not a PostgreSQL setting name (lowercase letters, digits, '_' and '.')");
            }
            String owner = DURABILITY_SETTINGS.get(parameter.getKey());
            if (owner != null) {
                fail("spec.database.postgresql.parameters." + parameter.getKey(), "cannot be passed through: durability"
                        + " is what the comparison holds equal, set it with " + owner);
            }
            if (parameter.getValue() == null || parameter.getValue().isBlank()) {
                fail("spec.database.postgresql.parameters." + parameter.getKey(), "needs a value");
            }
        }
    }

    private void checkWorkload(WorkloadSpec workload) {
        atLeast("spec.workload.accounts", workload.accounts(), 2);
        nonNegative("spec.workload.initialBalance", workload.initialBalance());
        if (workload.accounts() >= 2 && workload.initialBalance() >= 0) {
            BigInteger total = BigInteger.valueOf(workload.accounts()).multiply(BigInteger.valueOf(workload.initialBalance()));
            if (total.bitLength() > 62) {
                fail("spec.workload.initialBalance", "accounts x initialBalance must stay below 2^62 so the sum of"
                        + " balances fits a bigint (got " + total + ")");
            }
        }
        AmountRange amount = workload.amount();
        atLeast("spec.workload.amount.min", amount.min(), 1);
        if (amount.max() < amount.min()) {
            fail("spec.workload.amount", "min (" + amount.min() + ") must be <= max (" + amount.max() + ")");
        }
        double exponent = workload.distribution().exponent();
        if (!(exponent >= 0 && exponent <= MAX_EXPONENT)) {
            fail("spec.workload.distribution.exponent", "must be between 0 (uniform) and " + MAX_EXPONENT
                    + " (got " + exponent + ")");
        }
        atLeast("spec.workload.concurrency", workload.concurrency(), 1);
        atLeast("spec.workload.maxConcurrency", workload.maxConcurrency(), 1);
        if (workload.mode() == LoadMode.FIXED_RATE) {
            if (workload.targetRate() == null) {
                fail("spec.workload.targetRate", "is required when mode is fixedRate (total transfers per second across all pods)");
            } else if (!(workload.targetRate() > 0)) {
                fail("spec.workload.targetRate", "must be greater than 0 (got " + workload.targetRate() + ")");
            }
        }
        Optional<Duration> warmup = duration("spec.workload.warmup", workload.warmup());
        Optional<Duration> measurement = duration("spec.workload.duration", workload.duration());
        measurement.filter(Duration::isZero).ifPresent(zero -> fail("spec.workload.duration", "must be longer than 0"));
        if (workload.mode() == LoadMode.SATURATION) {
            if (workload.targetRate() != null) {
                fail("spec.workload.targetRate", "does not apply in saturation mode: the search sets each step's rate"
                        + " (give its start as saturation.startRate)");
            }
            checkSaturation(workload.saturation(), warmup, measurement);
        } else if (workload.saturation() != null) {
            fail("spec.workload.saturation", "applies only when mode is saturation (mode is "
                    + workload.mode().specValue() + "): remove it, or set mode: saturation");
        }
    }

    /** stepWarmup, stepMeasurement: each step's (the workload's warmup and duration), when they parse. */
    private void checkSaturation(SaturationSpec saturation, Optional<Duration> stepWarmup,
                                 Optional<Duration> stepMeasurement) {
        String field = "spec.workload.saturation";
        if (saturation == null) {
            fail(field, "is required when mode is saturation: at least p99, the latency objective (e.g. p99: 50ms)");
            return;
        }
        if (saturation.p99() == null) {
            fail(field + ".p99", "is required: the p99 latency a step must hold, " + DurationText.ACCEPTED);
        } else {
            duration(field + ".p99", saturation.p99()).filter(Duration::isZero)
                    .ifPresent(zero -> fail(field + ".p99", "must be longer than 0"));
        }
        double ratio = saturation.minAchievedRatio();
        if (!(ratio > 0 && ratio <= 1)) {
            fail(field + ".minAchievedRatio", "must be above 0 and at most 1: the share of the offered rate a step"
                    + " must achieve (got " + ratio + ")");
        }
        if (saturation.startRate() != null) {
            if (!(saturation.startRate() > 0)) {
                fail(field + ".startRate", "must be greater than 0 (got " + saturation.startRate() + ")");
            }
            if (saturation.startFraction() != null || saturation.probeDuration() != null) {
                fail(field + ".startRate", "excludes startFraction and probeDuration: the search starts either at a"
                        + " given rate or at a fraction of a probe's throughput");
            }
        } else {
            if (!(saturation.startFraction() > 0 && saturation.startFraction() <= 1)) {
                fail(field + ".startFraction", "must be above 0 and at most 1: the share of the probe's throughput"
                        + " the search starts at (got " + saturation.startFraction() + ")");
            }
            duration(field + ".probeDuration", saturation.probeDuration()).filter(Duration::isZero)
                    .ifPresent(zero -> fail(field + ".probeDuration", "must be longer than 0"));
        }
        double growth = saturation.growthFactor();
        if (!(growth > 1 && growth <= SaturationSpec.MAX_GROWTH_FACTOR)) {
            fail(field + ".growthFactor", "must be above 1 and at most " + (int) SaturationSpec.MAX_GROWTH_FACTOR
                    + ": each ramp step multiplies the rate by it (got " + growth + ")");
        }
        double resolution = saturation.resolution();
        if (!(resolution >= SaturationSpec.MIN_RESOLUTION && resolution <= SaturationSpec.MAX_RESOLUTION)) {
            fail(field + ".resolution", "must be between " + SaturationSpec.MIN_RESOLUTION + " and "
                    + SaturationSpec.MAX_RESOLUTION + ": bisection stops once the first failing rate is within this"
                    + " fraction above the last holding one (got " + resolution + ")");
        }
        between(field + ".maxSteps", saturation.maxSteps(), SaturationSpec.MIN_STEPS, SaturationSpec.MAX_STEPS);
        Optional<Duration> limit = duration(field + ".timeLimit", saturation.timeLimit());
        Optional<Duration> probe = saturation.probes()
                ? DurationText.parse(saturation.probeDuration()) : Optional.of(Duration.ZERO);
        if (limit.isPresent() && stepWarmup.isPresent() && stepMeasurement.isPresent() && probe.isPresent()) {
            // The probe has a warmup of its own, like every step.
            Duration needed = stepWarmup.get().plus(stepMeasurement.get()).multipliedBy(2)
                    .plus(saturation.probes() ? stepWarmup.get().plus(probe.get()) : Duration.ZERO);
            if (limit.get().compareTo(needed) < 0) {
                fail(field + ".timeLimit", "must leave room for " + (saturation.probes() ? "the probe and " : "")
                        + "two steps of warmup + duration: at least " + needed.toSeconds() + "s (got "
                        + saturation.timeLimit() + ")");
            }
        }
    }

    private void checkTigerBeetleMemory(ResourcesSpec resources) {
        String field = resources.limits().containsKey("memory") ? "spec.database.resources.limits.memory"
                : "spec.database.resources.requests.memory";
        Optional<Long> bytes;
        try {
            bytes = TigerBeetleMemory.podMemoryBytes(resources);
        } catch (IllegalArgumentException | ArithmeticException e) {
            fail(field, "is not a Kubernetes quantity such as 24Gi (" + e.getMessage() + ")");
            return;
        }
        bytes.filter(memory -> memory < TigerBeetleMemory.minPodMemoryBytes()).ifPresent(memory -> fail(field,
                "must be at least " + TigerBeetleMemory.minPodMemoryBytes() / TigerBeetleMemory.MIB + "Mi for a"
                        + " TigerBeetle replica: about 3Gi of its own, 1Gi headroom and a grid cache of at least 256Mi"
                        + " (got " + memory / TigerBeetleMemory.MIB + "Mi)"));
    }

    private Optional<Duration> duration(String field, String text) {
        Optional<Duration> parsed = DurationText.parse(text);
        if (parsed.isEmpty()) {
            fail(field, quoted(text) + " is not a duration: " + DurationText.ACCEPTED);
        }
        return parsed;
    }

    private void atLeast(String field, long value, long minimum) {
        if (value < minimum) {
            fail(field, "must be at least " + minimum + " (got " + value + ")");
        }
    }

    private void between(String field, long value, long minimum, long maximum) {
        if (value < minimum || value > maximum) {
            fail(field, "must be between " + minimum + " and " + maximum + " (got " + value + ")");
        }
    }

    private void nonNegative(String field, double value) {
        if (!(value >= 0)) {
            fail(field, "must be at least 0 (got " + value + ")");
        }
    }

    private void fraction(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            fail(field, "must be a fraction between 0 and 1 (got " + value + ")");
        }
    }

    private void fail(String field, String problem) {
        violations.add(new SpecViolation(field, problem));
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "'" + text + "'";
    }
}
