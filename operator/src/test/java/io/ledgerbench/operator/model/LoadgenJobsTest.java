package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadgenJobsTest {

    private static final List<String> TIGERBEETLE = List.of("10.96.0.10:3000", "10.96.0.11:3000", "10.96.0.12:3000");

    private static Container loadgen(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    @Test
    void theLoadJobIsIndexedWithOnePodPerParallelism() {
        Job job = LoadgenJobs.load(Benchmarks.postgres(), 2, List.of());
        assertThat(job.getMetadata().getName()).isEqualTo("pg-fair-medium-r2-load");
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(3);
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void podsRunTheLoadgenRunCommandForTheirRunAgainstThePrimary() {
        assertThat(loadgen(LoadgenJobs.load(Benchmarks.postgres(), 2, List.of())).getArgs()).containsExactly(
                "run", "/etc/ledgerbench/spec/benchmark.yaml",
                "--postgres-url", "postgresql://postgres@pg-fair-medium-db-primary.bench.svc:5432/ledgerbench",
                "--cluster-run", "2");
    }

    @Test
    void prepareAndVerifyAreSinglePodJobs() {
        Job prepare = LoadgenJobs.prepare(Benchmarks.postgres(), 1, List.of());
        Job verify = LoadgenJobs.verify(Benchmarks.postgres(), 1, List.of());
        assertThat(prepare.getSpec().getCompletions()).isEqualTo(1);
        assertThat(loadgen(prepare).getArgs()).startsWith("prepare");
        assertThat(loadgen(verify).getArgs()).startsWith("verify").endsWith("--cluster-run", "1");
        assertThat(verify.getSpec().getBackoffLimit()).isZero();
    }

    @Test
    void podsReadTheSpecConfigMapAndThePasswordSecret() {
        Job job = LoadgenJobs.load(Benchmarks.postgres(), 1, List.of());
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).anySatisfy(volume ->
                assertThat(volume.getConfigMap().getName()).isEqualTo("pg-fair-medium-spec"));
        assertThat(loadgen(job).getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("PGPASSWORD");
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pg-fair-medium-db-credentials");
        });
        assertThat(pod.getServiceAccountName()).isEqualTo("pg-fair-medium-loadgen");
        assertThat(pod.getNodeSelector()).containsEntry("ledgerbench.io/node-group", "loadgen");
    }

    @Test
    void podsRunLockedDown() {
        var security = loadgen(LoadgenJobs.load(Benchmarks.postgres(), 1, List.of())).getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void jobsAreValidOwnedObjectsLabelledWithTheirRun() {
        for (Job job : new Job[] {LoadgenJobs.prepare(Benchmarks.tigerbeetle(), 3, TIGERBEETLE),
                LoadgenJobs.load(Benchmarks.tigerbeetle(), 3, TIGERBEETLE), LoadgenJobs.verify(Benchmarks.tigerbeetle(), 3, TIGERBEETLE)}) {
            ValidKubernetesObjects.assertValidOwnedObject(job);
            assertThat(job.getMetadata().getLabels()).containsEntry("ledgerbench.io/run", "3");
            assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("ledgerbench.io/run", "3");
        }
    }

    @Test
    void tigerbeetlePodsGetNoPostgresPassword() {
        assertThat(loadgen(LoadgenJobs.load(Benchmarks.tigerbeetle(), 1, TIGERBEETLE)).getEnv())
                .noneMatch(variable -> variable.getName().equals("PGPASSWORD"));
    }

    @Test
    void theNetworkProbeRunsOnePodBesideEachDatabasePodAndNamesEveryPeer() {
        Job probe = LoadgenJobs.networkProbe(Benchmarks.postgres());
        ValidKubernetesObjects.assertValidOwnedObject(probe);
        assertThat(probe.getSpec().getCompletions()).isEqualTo(3);
        assertThat(probe.getSpec().getCompletionMode()).isEqualTo("Indexed");
        var pod = probe.getSpec().getTemplate().getSpec();
        assertThat(pod.getSubdomain()).isEqualTo("pg-fair-medium-netprobe");
        assertThat(pod.getNodeSelector()).containsEntry("ledgerbench.io/node-group", "database");
        assertThat(pod.getTolerations()).singleElement().satisfies(toleration ->
                assertThat(toleration.getValue()).isEqualTo("database"));
        assertThat(pod.getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies(term -> assertThat(term.getLabelSelector().getMatchLabels())
                        .isEqualTo(DatabaseStatefulSets.podSelector("pg-fair-medium")));
        assertThat(pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies(term -> assertThat(probe.getSpec().getTemplate().getMetadata().getLabels())
                        .containsAllEntriesOf(term.getLabelSelector().getMatchLabels()));
        assertThat(loadgen(probe).getArgs()).containsSequence("--peers",
                "pg-fair-medium-netprobe-0.pg-fair-medium-netprobe:7000,pg-fair-medium-netprobe-1.pg-fair-medium-netprobe:7000,"
                        + "pg-fair-medium-netprobe-2.pg-fair-medium-netprobe:7000");
        assertThat(loadgen(probe).getResources().getRequests().get("cpu").toString()).isEqualTo("100m");
    }

    @Test
    void theNetworkProbeServiceSelectsTheProbePodsWithoutAClusterIp() {
        Job probe = LoadgenJobs.networkProbe(Benchmarks.postgres());
        var service = LoadgenJobs.networkProbeService(Benchmarks.postgres());
        ValidKubernetesObjects.assertValidOwnedObject(service);
        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(service.getMetadata().getName()).isEqualTo(probe.getSpec().getTemplate().getSpec().getSubdomain());
        assertThat(probe.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
    }

    @Test
    void tigerbeetlePodsGetEveryReplicaAddressInReplicaOrder() {
        assertThat(loadgen(LoadgenJobs.load(Benchmarks.tigerbeetle(), 1, TIGERBEETLE)).getArgs()).containsExactly(
                "run", LoadgenJobs.SPEC_PATH, "--tigerbeetle-addresses", "10.96.0.10:3000,10.96.0.11:3000,10.96.0.12:3000",
                "--cluster-run", "1");
    }

    @Test
    void aClientRoundTripIsAddedByAnInitContainerWithNetAdminOnlyAndTheLoadGeneratorStaysUnprivileged() {
        BenchmarkRun run = Benchmarks.postgres();
        run.setSpec(new io.ledgerbench.loadgen.spec.BenchmarkRunSpec(run.getSpec().database(), run.getSpec().workload(),
                run.getSpec().loadgen(), run.getSpec().runs(), run.getSpec().validation(), run.getSpec().cleanup(),
                new io.ledgerbench.loadgen.spec.NetworkSpec("10ms", null, "1ms"), List.of()));

        var pod = LoadgenJobs.load(run, 1, List.of()).getSpec().getTemplate().getSpec();

        assertThat(pod.getInitContainers()).singleElement().satisfies(init -> {
            assertThat(init.getCommand()).containsExactly("tc", "qdisc", "replace", "dev", "eth0", "root", "netem",
                    "limit", "100000", "delay", "10000us", "1000us");
            assertThat(init.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_ADMIN");
            assertThat(init.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        });
        assertThat(pod.getContainers().getFirst().getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    }

    @Test
    void aLossIsAppliedToThePacketsThePodSendsAsTheChanceAnExchangeLosesOne() {
        BenchmarkRun run = Benchmarks.postgres();
        run.setSpec(new io.ledgerbench.loadgen.spec.BenchmarkRunSpec(run.getSpec().database(), run.getSpec().workload(),
                run.getSpec().loadgen(), run.getSpec().runs(), run.getSpec().validation(), run.getSpec().cleanup(),
                new io.ledgerbench.loadgen.spec.NetworkSpec(null, null, null, 1.0, null), List.of()));

        var pod = LoadgenJobs.load(run, 1, List.of()).getSpec().getTemplate().getSpec();

        // 1 % each way: a request or its answer is lost 1 - 0.99^2 = 1.99 % of the time, all on the way out here.
        assertThat(pod.getInitContainers()).singleElement().satisfies(init -> assertThat(init.getCommand())
                .containsExactly("tc", "qdisc", "replace", "dev", "eth0", "root", "netem", "limit", "100000", "delay",
                        "0us", "loss", "1.9900%"));
    }

    @Test
    void withoutAClientRoundTripThereIsNoInitContainer() {
        assertThat(LoadgenJobs.load(Benchmarks.postgres(), 1, List.of()).getSpec().getTemplate().getSpec()
                .getInitContainers()).isEmpty();
        assertThat(LoadgenJobs.prepare(Benchmarks.postgres(), 1, List.of()).getSpec().getTemplate().getSpec()
                .getInitContainers()).isEmpty();
    }
}
