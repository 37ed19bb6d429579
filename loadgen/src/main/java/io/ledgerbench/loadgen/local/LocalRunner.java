package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.comparison.ComparisonCalculator;
import io.ledgerbench.loadgen.comparison.HtmlReport;
import io.ledgerbench.loadgen.driver.DatabaseUnavailableException;
import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.fault.AvailabilityAnalysis;
import io.ledgerbench.loadgen.fault.FaultInjector;
import io.ledgerbench.loadgen.network.LocalNetwork;
import io.ledgerbench.loadgen.network.NamespaceNetwork;
import io.ledgerbench.loadgen.network.PacketCounts;
import io.ledgerbench.loadgen.spec.NetworkEmulation;
import io.ledgerbench.loadgen.network.NetworkResult;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.resources.ResourceMeter;
import io.ledgerbench.loadgen.resources.ResourceSnapshot;
import io.ledgerbench.loadgen.resources.ResourceUsage;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.Environment;
import io.ledgerbench.loadgen.result.ResultCalculator;
import io.ledgerbench.loadgen.result.ResultsReport;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.saturation.SaturationMeasurement;
import io.ledgerbench.loadgen.saturation.SaturationRunner;
import io.ledgerbench.loadgen.saturation.StepDriverListener;
import io.ledgerbench.loadgen.saturation.StepExchange;
import io.ledgerbench.loadgen.schedule.LoadShape;
import io.ledgerbench.loadgen.schedule.RunExecutor;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import io.ledgerbench.loadgen.workload.WorkloadRandom;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a BenchmarkRun without Kubernetes (SPEC section 9): on an embedded PostgreSQL (a single
 * server, or a primary with standbys when the spec asks for replicas), on an existing PostgreSQL,
 * or on TigerBeetle replicas started from a local binary; N runs each from a freshly reset
 * database (a freshly formatted TigerBeetle cluster), results written to disk.
 * The spec's load-generator pods become shares of this one process, each with its own streams.
 */
public final class LocalRunner {

    private final PrintStream out;
    private final ResultsWriter writer;
    private final Optional<PostgresEndpoint> externalPostgres;
    private final LoadgenMetrics metrics;
    private final RunExecutor executor;

    public LocalRunner(PrintStream out, Path resultsDirectory, Optional<PostgresEndpoint> externalPostgres,
                       LoadgenMetrics metrics, Duration progressInterval) {
        this.out = out;
        this.writer = new ResultsWriter(resultsDirectory);
        this.externalPostgres = externalPostgres;
        this.metrics = metrics;
        this.executor = new RunExecutor(progressInterval, RunExecutor.DEFAULT_DRAIN_TIMEOUT);
    }

    /** The most PostgreSQL nodes the local runner starts: each is a full server on this one machine. */
    public static final int MAX_LOCAL_REPLICAS = 5;

    /** Refuses, before anything starts, what the local runner cannot do (on its own servers, or on an external one). */
    public static void checkSupported(BenchmarkRunSpec spec, boolean externalServer) {
        int replicas = spec.database().replicas();
        checkNetworkSupported(spec, externalServer);
        if (spec.database().engine() == EngineType.TIGERBEETLE) {
            if (externalServer) {
                throw new UnsupportedLocallyException("spec.database.engine", "--postgres-url points at PostgreSQL;"
                        + " tigerbeetle runs on replicas the local runner starts itself");
            }
            TigerBeetleBinary.find(spec.database().tigerbeetle(), System.getenv());
            return;
        }
        if (externalServer && !spec.faults().isEmpty()) {
            throw new UnsupportedLocallyException("spec.faults", "faults act on servers the local runner starts;"
                    + " an existing PostgreSQL (--postgres-url) is not one: remove spec.faults or --postgres-url");
        }
        if (externalServer && replicas != 1) {
            throw new UnsupportedLocallyException("spec.database.replicas", "an existing PostgreSQL (--postgres-url) is"
                    + " one server to the local runner; allowed with --postgres-url: 1 (got " + replicas + ")");
        }
        if (replicas > MAX_LOCAL_REPLICAS) {
            throw new UnsupportedLocallyException("spec.database.replicas", "the local runner starts a primary and"
                    + " replicas - 1 standbys on this machine; allowed here: 1.." + MAX_LOCAL_REPLICAS + " (got " + replicas + ")");
        }
    }

    /** Network namespaces: for servers the runner starts, and only with root's rights. */
    private static void checkNetworkSupported(BenchmarkRunSpec spec, boolean externalServer) {
        if (!LocalNetwork.shapes(spec.network()) || spec.network().emulation() != NetworkEmulation.NAMESPACES) {
            return;
        }
        String instead = "; or set spec.network.emulation: relays (TCP delay relays on loopback, no rights needed)";
        if (externalServer) {
            throw new UnsupportedLocallyException("spec.network.emulation", "namespaces hold servers the local runner"
                    + " starts; an existing PostgreSQL (--postgres-url) is not one" + instead);
        }
        NamespaceNetwork.missingRights().ifPresent(missing -> {
            throw new UnsupportedLocallyException("spec.network.emulation", "namespaces (the default) " + missing
                    + ": run as root" + instead);
        });
    }

    /** Runs every run of the manifest and returns the aggregate (results already written). */
    public AggregateResult run(BenchmarkRunManifest manifest) throws IOException, InterruptedException {
        checkSupported(manifest.spec(), externalPostgres.isPresent());
        long seed = Optional.ofNullable(manifest.spec().workload().seed()).orElseGet(WorkloadRandom::newSeed);
        BenchmarkRunSpec spec = manifest.spec().withSeed(seed);
        String name = manifest.name();
        try (LocalNetwork network = LocalNetwork.of(spec.network(), spec.database().replicas());
             LocalServers servers = LocalServers.start(spec, externalPostgres, out, network)) {
            NetworkResult distance = measureDistance(network, servers);
            Environment environment = null;
            List<RunResult> results = new ArrayList<>();
            for (int run = 1; run <= spec.runs(); run++) {
                try (LedgerDatabase database = servers.openForRun(run)) {
                    if (environment == null) {
                        environment = Environment.measuredWith(spec, database, servers.location());
                        out.println("server: " + environment.serverVersion());
                    }
                    Optional<PacketCounts> packetsBefore = network.clientPackets();
                    RunResult result = withDistance(runOnce(name, run, spec, seed, database, environment, servers),
                            distance, packetsSince(network, packetsBefore), network);
                    results.add(result);
                    out.println("[run " + run + "/" + spec.runs() + "] wrote " + writer.writeRun(result));
                }
            }
            AggregateResult aggregate = ResultCalculator.aggregate(results);
            String report = ResultsReport.render(aggregate, results);
            writer.writeAggregate(aggregate, results, report);
            Files.writeString(writer.benchmarkDirectory(name).resolve("report.html"),
                    HtmlReport.render(ComparisonCalculator.single(results), Map.of(name, results)), StandardCharsets.UTF_8);
            out.println();
            out.print(report);
            out.println();
            out.println("results: " + writer.benchmarkDirectory(name) + "/ (report.html, report.txt, JSON) and "
                    + writer.comparisonCsv());
            return aggregate;
        }
    }

    /**
     * Run number {@code run} of the manifest with this seed, on servers started for it alone and stopped
     * after (a comparison interleaves single runs of several manifests); nothing is written.
     */
    public RunResult runSingle(BenchmarkRunManifest manifest, int run, long seed) throws InterruptedException {
        checkSupported(manifest.spec(), externalPostgres.isPresent());
        BenchmarkRunSpec spec = manifest.spec().withSeed(seed);
        try (LocalNetwork network = LocalNetwork.of(spec.network(), spec.database().replicas());
             LocalServers servers = LocalServers.start(spec, externalPostgres, out, network);
             LedgerDatabase database = servers.openForRun(run)) {
            NetworkResult distance = measureDistance(network, servers);
            Environment environment = Environment.measuredWith(spec, database, servers.location());
            out.println("server: " + environment.serverVersion());
            Optional<PacketCounts> packetsBefore = network.clientPackets();
            RunResult result = runOnce(manifest.name(), run, spec, seed, database, environment, servers);
            return withDistance(result, distance, packetsSince(network, packetsBefore), network);
        }
    }

    /** The round trips across the distance the spec adds, measured once the servers are up (null without one). */
    private NetworkResult measureDistance(LocalNetwork network, LocalServers servers) throws InterruptedException {
        if (!network.isShaped()) {
            return null;
        }
        NetworkResult measured = network.measure(servers.nodePort());
        out.println("network: " + ResultsReport.describeNetwork(measured));
        return measured;
    }

    /** What the client's link carried and lost since before (empty where it is not counted). */
    private static Optional<PacketCounts> packetsSince(LocalNetwork network, Optional<PacketCounts> before) {
        return before.flatMap(earlier -> network.clientPackets().map(now -> now.since(earlier)));
    }

    /**
     * The run's result with the network's, and what the client's link carried and lost during the run when counted;
     * a network that stopped carrying part of its traffic ends the benchmark: the run did not have the network
     * it claims, and nothing of it is written.
     */
    private static RunResult withDistance(RunResult result, NetworkResult distance, Optional<PacketCounts> packets,
                                          LocalNetwork network) {
        network.failure().ifPresent(failure -> {
            throw new IllegalStateException("the emulated network failed during run " + result.run() + " (" + failure
                    + "): its results are not written");
        });
        return distance == null ? result : ResultCalculator.withNetwork(result,
                packets.map(distance::withClientPackets).orElse(distance));
    }

    private RunResult runOnce(String name, int run, BenchmarkRunSpec spec, long seed, LedgerDatabase database,
                              Environment environment, LocalServers servers) throws InterruptedException {
        ResourceMeter meter = servers.resourceMeter();
        out.printf("[run %d/%d] resetting database: %d accounts of %d%n", run, spec.runs(), spec.workload().accounts(),
                spec.workload().initialBalance());
        long resetStartNanos = System.nanoTime();
        database.reset(spec.workload());
        // A freshly started TigerBeetle cluster answers its first request only after ~10 s on a small machine, and
        // its client warns "slow request" about it: say that this was the reset, outside every measurement.
        out.printf("[run %d/%d] database ready after %.1f s (reset and accounts loaded; not part of any"
                + " measurement)%n", run, spec.runs(), (System.nanoTime() - resetStartNanos) / 1e9);
        if (spec.workload().mode() == LoadMode.SATURATION) {
            return searchOnce(name, run, spec, seed, database, environment, servers.resourceMeter());
        }
        RunRecorder recorder = new RunRecorder(metrics.forRun(run));
        FaultInjector faults = spec.faults().isEmpty() ? null : new FaultInjector(spec.faults(),
                servers.faultTarget(), spec.database(), recorder::endRun,
                line -> out.printf("[run %d/%d] %s%n", run, spec.runs(), line));
        if (faults != null) {
            recorder.keepFineTimeline(AvailabilityAnalysis.BUCKET_NANOS);
        }
        int pods = spec.loadgen().parallelism();
        if (spec.workload().mode() == LoadMode.FIXED_RATE) {
            metrics.targetRate(spec.workload().targetRate());
        }
        LoadShape load = allPods(spec.workload(), seed, pods);
        Instant startedAt = Instant.now();
        RunMeasurement measurement;
        AtomicReference<ResourceSnapshot> windowStart = new AtomicReference<>();
        ResourceSnapshot windowEnd;
        try (TransferDriver driver = database.openDriver(recorder.driverListener())) {
            out.printf("[run %d/%d] warmup %s, then measurement %s%n", run, spec.runs(), spec.workload().warmup(),
                    spec.workload().duration());
            try {
                measurement = executor.execute(spec.workload(), load, driver, recorder,
                        new ConsoleProgress(out, run, spec.runs()), () -> {
                            if (faults != null) {
                                faults.start(System.nanoTime());
                            }
                            windowStart.set(meter.windowStart());
                        });
            } finally {
                if (faults != null) {
                    faults.close();
                }
            }
            // The processes' counters before the driver's connections close (a PostgreSQL backend's I/O leaves /proc with it).
            windowEnd = meter.snapshot();
        }
        // PostgreSQL's statistics after they close: each backend reports what it still held as it ends.
        windowEnd = meter.withFreshStatistics(windowEnd);
        Instant finishedAt = Instant.now();
        if (measurement.stoppedEarlyReason() != null) {
            out.printf("[run %d/%d] STOPPED EARLY: %s (%d transfers failed, %d of them in doubt)%n", run, spec.runs(),
                    measurement.stoppedEarlyReason(), measurement.warmup().counts().failed()
                            + measurement.measurement().counts().failed(), measurement.inDoubtInAllPhases());
        }
        LocalServers.Verification checked = faults == null
                ? new LocalServers.Verification(database, "the run's database", false)
                : servers.verificationAfterFaults(database);
        InvariantReport invariants;
        try {
            if (faults != null) {
                out.printf("[run %d/%d] checking invariants on %s%n", run, spec.runs(), checked.nodes());
            }
            invariants = verify(run, spec, checked.database(), measurement.completedInAllPhases(),
                    measurement.inDoubtInAllPhases(), measurement.stoppedEarlyReason());
        } finally {
            if (checked.closeAfter()) {
                checked.database().close();
            }
        }
        RunResult result = ResultCalculator.runResult(name, run, spec, seed, startedAt, finishedAt, measurement,
                invariants, environment);
        if (faults != null) {
            result = ResultCalculator.withFaults(result, measurement, spec.workload().warmupDuration().toNanos(),
                    faults.applied(), checked.nodes());
            servers.restoreNodes();
            // A node killed and restarted inside the window starts its processes' counters again: the window's
            // difference would be meaningless (negative, even), so no cost is claimed for a run with faults.
            return result;
        }
        return result.withResources(windowStart.get() == null ? null : ResourceUsage.between(windowStart.get(),
                windowEnd, result.counts().completed(), notCounted(spec)));
    }

    /** One saturation search (SPEC section 6): steps on one driver, invariants after the last, costs at the answer. */
    private RunResult searchOnce(String name, int run, BenchmarkRunSpec spec, long seed, LedgerDatabase database,
                                 Environment environment, ResourceMeter meter) throws InterruptedException {
        int pods = spec.loadgen().parallelism();
        Map<Integer, ResourceSnapshot> windowStarts = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Integer, ResourceSnapshot> windowEnds = new java.util.concurrent.ConcurrentHashMap<>();
        SaturationRunner.StepHooks hooks = new SaturationRunner.StepHooks() {
            @Override
            public void stepStarting(int step, Double offeredRatePerSec) {
                metrics.targetRate(offeredRatePerSec == null ? 0 : offeredRatePerSec);
                out.printf("[run %d/%d] %s: warmup %s, then measurement %s%n", run, spec.runs(), step == 0
                        ? "probe at maxThroughput" : String.format(java.util.Locale.ROOT, "step %d at %.1f/s", step,
                        offeredRatePerSec), spec.workload().warmup(), step == 0
                        ? spec.workload().saturation().probeDuration() : spec.workload().duration());
            }

            @Override
            public void measurementStarted(int step) {
                windowStarts.put(step, meter.windowStart());
            }

            @Override
            public void stepEnded(int step) {
                windowEnds.put(step, meter.snapshot());
            }
        };
        SaturationRunner runner = new SaturationRunner(executor,
                line -> out.printf("[run %d/%d] %s%n", run, spec.runs(), line));
        StepDriverListener listener = new StepDriverListener();
        Instant startedAt = Instant.now();
        SaturationMeasurement search;
        try (TransferDriver driver = database.openDriver(listener)) {
            search = runner.run(spec.workload(), seed, startedAt, driver, listener, metrics.forRun(run),
                    stepWorkload -> allPods(stepWorkload, stepWorkload.seed(), pods), StepExchange.SINGLE_PROCESS,
                    new ConsoleProgress(out, run, spec.runs()), hooks);
        }
        Instant finishedAt = Instant.now();
        out.printf("[run %d/%d] search ended: %s%n", run, spec.runs(), search.endReason());
        InvariantReport invariants = verify(run, spec, database, search.completedInAllPhases(),
                search.inDoubtInAllPhases(), search.endReason());
        RunResult result = ResultCalculator.saturationRunResult(name, run, spec, seed, startedAt, finishedAt, search,
                invariants, environment);
        int shown = search.shownStep(result.saturation()).step();
        ResourceSnapshot start = windowStarts.get(shown);
        ResourceSnapshot end = windowEnds.get(shown);
        // The step's end as read when it ended: the backends stay connected for the next step, so their statistics
        // lag by up to a second there (refreshed now, they would count later steps' work).
        return result.withResources(start == null || end == null ? null : ResourceUsage.between(start, end,
                result.counts().completed(), notCounted(spec)));
    }

    private static String notCounted(BenchmarkRunSpec spec) {
        return spec.database().engine() == EngineType.TIGERBEETLE
                ? "TigerBeetle keeps no such statistics, and its fsyncs are io_uring operations /proc does not count"
                : null;
    }

    /** Checks the database against every transfer the run completed; says so on the console. */
    private InvariantReport verify(int run, BenchmarkRunSpec spec, LedgerDatabase database, long completed,
                                   long inDoubt, String stoppedEarlyReason) {
        InvariantReport invariants;
        try {
            invariants = database.verify(spec.workload(), completed, inDoubt);
        } catch (DatabaseUnavailableException e) {
            throw new DatabaseUnavailableException("run " + run + " could not be verified: " + e.getMessage()
                    + (stoppedEarlyReason == null ? "" : " (the run had stopped early: " + stoppedEarlyReason + ")"), e);
        }
        out.printf("[run %d/%d] invariants %s%n", run, spec.runs(),
                invariants.ok() ? "passed" : "FAILED: " + String.join("; ", invariants.violations()));
        return invariants;
    }

    /** The load of every pod of the spec for this workload, side by side in this process. */
    private static LoadShape allPods(WorkloadSpec workload, long seed, int pods) {
        List<LoadShape> shares = new ArrayList<>();
        for (int pod = 0; pod < pods; pod++) {
            shares.add(RunExecutor.loadShape(workload, seed, pod, pods));
        }
        return shares.size() == 1 ? shares.getFirst() : new ParallelLoad(shares);
    }
}
