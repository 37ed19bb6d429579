package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.spec.SpecValidator;
import io.ledgerbench.loadgen.spec.SpecViolation;
import io.ledgerbench.loadgen.workload.WorkloadRandom;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.ledgerbench.operator.dependent.ClusterFacts;
import io.ledgerbench.operator.metrics.BenchmarkRunMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves a BenchmarkRun through its phases (SPEC section 8). Each reconcile looks at the cluster,
 * lets the current phase's step decide (wait, advance, fail) and records the decision in status;
 * phases only move forward and each has a timeout that ends in Failed with a reason. Everything it
 * needs to resume is in status and in owned objects, so a restarted operator carries on.
 */
// Every event reaches reconcile, deletes included: a deleted run's gauges go with it, without a finalizer.
@ControllerConfiguration(name = BenchmarkRunReconciler.NAME, triggerReconcilerOnAllEvents = true)
public class BenchmarkRunReconciler implements Reconciler<BenchmarkRun> {

    public static final String NAME = "benchmarkrun";
    /** After a phase change, the next step follows at once rather than after a recheck interval. */
    private static final Duration NEXT_STEP_DELAY = Duration.ofMillis(100);

    private final OperatorSettings settings;
    private final Clock clock;
    private final BenchmarkRunMetrics metrics;

    @Inject
    public BenchmarkRunReconciler(MeterRegistry registry) {
        this(OperatorSettings.fromEnvironment(System.getenv()), Clock.systemUTC(), registry);
    }

    public BenchmarkRunReconciler(OperatorSettings settings, Clock clock, MeterRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = new BenchmarkRunMetrics(registry);
    }

    @Override
    public List<EventSource<?, BenchmarkRun>> prepareEventSources(EventSourceContext<BenchmarkRun> context) {
        return List.of(informer(StatefulSet.class, context), informer(Pod.class, context), informer(Job.class, context),
                informer(ConfigMap.class, context), informer(Service.class, context));
    }

    /** Any change to an object of a benchmark wakes that benchmark's reconcile (found by its instance label). */
    private static <R extends HasMetadata> EventSource<R, BenchmarkRun> informer(Class<R> type,
                                                                               EventSourceContext<BenchmarkRun> context) {
        SecondaryToPrimaryMapper<R> toBenchmark = resource -> Optional
                .ofNullable(resource.getMetadata().getLabels())
                .map(labels -> labels.get(ClusterLabels.INSTANCE))
                .map(name -> Set.of(new ResourceID(name, resource.getMetadata().getNamespace())))
                .orElse(Set.of());
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, BenchmarkRun.class)
                .withName(type.getSimpleName())
                .withLabelSelector(ClusterLabels.MANAGED_BY + "=" + ClusterLabels.OPERATOR)
                .withSecondaryToPrimaryMapper(toBenchmark)
                .build(), context);
    }

    @Override
    public UpdateControl<BenchmarkRun> reconcile(BenchmarkRun owner, Context<BenchmarkRun> context) {
        if (context.isPrimaryResourceDeleted()) {
            metrics.forget(owner);
            return UpdateControl.noUpdate();
        }
        KubernetesClient client = context.getClient();
        if (owner.getStatus() == null) {
            owner.setStatus(new BenchmarkRunStatus());
        }
        BenchmarkRunStatus status = owner.getStatus();
        BenchmarkRunStatus before = client.getKubernetesSerialization().clone(status);
        BenchmarkPhase phase = Optional.ofNullable(status.getPhase()).orElse(BenchmarkPhase.Pending);
        if (phase.isFinal()) {
            metrics.observe(owner);
            return UpdateControl.noUpdate();
        }
        int run = Optional.ofNullable(status.getRun()).orElse(0);
        RunSteps runSteps = new RunSteps(client, settings, clock);
        StepOutcome outcome = switch (phase) {
            case Pending -> admit(owner);
            case Queued -> queue(owner, context, client);
            case Provisioning -> new ProvisioningStep(client).provision(owner);
            case Loading -> runSteps.load(owner, run);
            case Running -> runSteps.measure(owner, run);
            case Verifying -> runSteps.verify(owner, run);
            case Aggregating -> new AggregationStep(client).aggregate(owner);
            case Succeeded, Failed -> throw new IllegalStateException("final phases are not reconciled");
        };
        outcome = failIfOverdue(outcome, phase, run, owner);
        new StatusTransitions(client, clock).apply(owner, phase, outcome);
        status.setObservedGeneration(owner.getMetadata().getGeneration());
        metrics.observe(owner);

        UpdateControl<BenchmarkRun> control = status.equals(before) ? UpdateControl.noUpdate()
                : UpdateControl.patchStatus(owner);
        if (!status.getPhase().isFinal()) {
            control.rescheduleAfter(outcome instanceof StepOutcome.Advance ? NEXT_STEP_DELAY
                    : outcome instanceof StepOutcome.Wait wait && wait.recheckAfter() != null
                    && wait.recheckAfter().compareTo(settings.recheckInterval()) < 0
                    ? wait.recheckAfter() : settings.recheckInterval());
        }
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<BenchmarkRun> updateErrorStatus(BenchmarkRun owner, Context<BenchmarkRun> context,
                                                                    Exception e) {
        if (isGone(owner, context.getClient())) {
            // Deleted while this reconcile ran: nothing to retry, and its series go now.
            metrics.forget(owner);
            return ErrorStatusUpdateControl.<BenchmarkRun>noStatusUpdate().withNoRetry();
        }
        // Not a verdict: the API server or a stored object misbehaved; the reconcile is retried.
        if (owner.getStatus() == null) {
            owner.setStatus(new BenchmarkRunStatus());
        }
        owner.getStatus().setMessage("reconcile failed, retrying: " + e.getMessage());
        return ErrorStatusUpdateControl.patchStatus(owner);
    }

    /** The BenchmarkRun itself was deleted (a new one of the same name is another run). */
    private static boolean isGone(BenchmarkRun owner, KubernetesClient client) {
        BenchmarkRun current = client.resources(BenchmarkRun.class).inNamespace(owner.getMetadata().getNamespace())
                .withName(owner.getMetadata().getName()).get();
        return current == null || !current.getMetadata().getUid().equals(owner.getMetadata().getUid());
    }

    /** Pending: a spec the CRD schema could not refuse is refused here, naming the field; the seed is drawn once. */
    private StepOutcome admit(BenchmarkRun owner) {
        List<SpecViolation> violations = new java.util.ArrayList<>(SpecValidator.validate(owner.asManifest()));
        if (violations.isEmpty()) {
            violations.addAll(ClusterSpecRules.violations(owner.getSpec()));
        }
        if (!violations.isEmpty()) {
            return new StepOutcome.Fail("InvalidSpec", violations.stream().map(SpecViolation::toString)
                    .collect(Collectors.joining("; ")));
        }
        if (owner.getStatus().getSeed() == null) {
            owner.getStatus().setSeed(Optional.ofNullable(owner.getSpec().workload().seed())
                    .orElseGet(WorkloadRandom::newSeed));
        }
        return new StepOutcome.Advance(BenchmarkPhase.Queued, 0);
    }

    private StepOutcome queue(BenchmarkRun owner, Context<BenchmarkRun> context, KubernetesClient client) {
        Optional<BenchmarkRun> blocker = FairQueue.blocker(owner, context.getPrimaryCache().list().toList(),
                new ClusterFacts(client).nodes());
        owner.getStatus().setQueuedBehind(blocker
                .map(other -> other.getMetadata().getNamespace() + "/" + other.getMetadata().getName()).orElse(null));
        return blocker.<StepOutcome>map(other -> new StepOutcome.Wait("BenchmarkRun " + owner.getStatus().getQueuedBehind()
                        + " to finish (its pods may use the same nodes)"))
                .orElseGet(() -> new StepOutcome.Advance(BenchmarkPhase.Provisioning, 1));
    }

    private StepOutcome failIfOverdue(StepOutcome outcome, BenchmarkPhase phase, int run, BenchmarkRun owner) {
        if (!(outcome instanceof StepOutcome.Wait wait) || owner.getStatus().getPhaseStartedAt() == null) {
            return outcome;
        }
        Optional<Duration> timeout = switch (phase) {
            case Provisioning -> Optional.of(settings.provisioningTimeout());
            case Loading -> Optional.of(settings.loadingTimeout());
            case Running -> Optional.of(settings.runningTimeout(owner.getSpec().workload()));
            case Verifying -> Optional.of(settings.verifyingTimeout());
            case Aggregating -> Optional.of(settings.aggregatingTimeout());
            default -> Optional.empty();
        };
        Instant started = Instant.parse(owner.getStatus().getPhaseStartedAt());
        if (timeout.isEmpty() || Instant.now(clock).isBefore(started.plus(timeout.get()))) {
            return outcome;
        }
        String which = phase == BenchmarkPhase.Provisioning ? phase.name() : phase.name() + " (run " + run + ")";
        return new StepOutcome.Fail(phase.name() + "Timeout", which + " did not finish within "
                + timeout.get().toSeconds() + " s; still waiting for " + wait.waitingFor());
    }
}
