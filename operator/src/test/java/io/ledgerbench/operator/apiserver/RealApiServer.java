package io.ledgerbench.operator.apiserver;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.Utils;
import io.fabric8.kubeapitest.binary.Binaries;
import io.fabric8.kubeapitest.binary.OSInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real kube-apiserver with its etcd, started by fabric8's kube-api-test in offline mode from the
 * binaries where that tool keeps them ({@code $KUBE_API_TEST_DIR} or {@code ~/.kubeapitest}, under
 * {@code k8s/<version>-linux-amd64/}), with an audit log of every request and clients that act as a
 * given ServiceAccount (impersonation; the API server's RBAC authorizer decides). A
 * {@code kube-controller-manager} beside the binaries, where there is one, runs the real garbage collector.
 */
public final class RealApiServer implements AutoCloseable {

    /** Why the real-server tests are skipped on a machine without the binaries. */
    public static final String ABSENT = "no kube-apiserver, etcd, kubectl in ~/.kubeapitest/k8s/<version>-linux-amd64"
            + " ($KUBE_API_TEST_DIR); KUBE_API_TEST_OFFLINE_MODE=false lets kube-api-test download them";

    private static final String CONTROLLER_MANAGER = "kube-controller-manager";

    private final KubeAPIServer server;
    private final Path binaries;
    private final Path workDirectory;
    private final Path kubeconfig;
    private final AuditLog auditLog;
    private final KubernetesClient admin;
    private final List<KubernetesClient> clients = new ArrayList<>();
    private Process controllerManager;
    private final Thread stopAtExit = new Thread(this::stopProcesses, "stop-kube-apiserver");

    private RealApiServer(KubeAPIServer server, Path binaries, Path workDirectory, AuditLog auditLog) {
        this.server = server;
        this.binaries = binaries;
        this.workDirectory = workDirectory;
        this.auditLog = auditLog;
        try {
            this.kubeconfig = Files.writeString(workDirectory.resolve("kubeconfig"), server.getKubeConfigYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.admin = client(adminConfig());
    }

    /**
     * For {@code @EnabledIf}: kube-apiserver, etcd and kubectl are where kube-api-test looks for them,
     * or it may download them (only when {@code KUBE_API_TEST_OFFLINE_MODE=false} says so: CI machines
     * here have no internet, and a test must not depend on it silently).
     */
    public static boolean isAvailable() {
        return binaryDirectory().isPresent() || downloadAllowed();
    }

    private static boolean downloadAllowed() {
        return "false".equalsIgnoreCase(System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_OFFLINE_MODE));
    }

    /** Starts etcd and kube-apiserver (RBAC on, audit log on) and waits until the default namespace exists. */
    public static RealApiServer start() {
        Optional<Path> present = binaryDirectory();
        if (present.isEmpty() && !downloadAllowed()) {
            throw new IllegalStateException(ABSENT);
        }
        try {
            Path work = Files.createTempDirectory("ledgerbench-apiserver");
            Path policy = Files.writeString(work.resolve("audit-policy.yaml"), """
                    apiVersion: audit.k8s.io/v1
                    kind: Policy
                    omitStages: [RequestReceived]
                    rules:
                      - level: Metadata
                    """);
            Path audit = work.resolve("audit.log");
            KubeAPIServerConfigBuilder config = KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withTestDir(testDirectory().toString())
                    .withOfflineMode(present.isPresent());
            present.ifPresent(binaries -> config.withApiServerVersion(versionOf(binaries)));
            KubeAPIServer server = new KubeAPIServer(config
                    .withStartupTimeout(180_000)
                    .withApiServerFlag("--audit-policy-file", policy.toString())
                    .withApiServerFlag("--audit-log-path", audit.toString())
                    .withApiServerFlag("--audit-log-mode", "blocking")
                    // As on EKS: setting blockOwnerDeletion needs update on the owner's finalizers.
                    .withApiServerFlag("--enable-admission-plugins", "OwnerReferencesPermissionEnforcement")
                    .build());
            server.start();
            Path binaries = present.or(RealApiServer::binaryDirectory).orElseThrow(() -> new IllegalStateException(
                    "kube-api-test started a server but its binaries are not under " + testDirectory()));
            RealApiServer started = new RealApiServer(server, binaries, work, new AuditLog(audit));
            // A test JVM ended without @AfterAll (Ctrl-C, a timeout) must not leave kube-apiserver and etcd running.
            Runtime.getRuntime().addShutdownHook(started.stopAtExit);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client with the cluster-admin certificate kube-api-test made (group system:masters). */
    public KubernetesClient admin() {
        return admin;
    }

    /** A client whose every request is authorized as that ServiceAccount, as a pod running under it would be. */
    public KubernetesClient asServiceAccount(String namespace, String name, String userAgent) {
        return client(new ConfigBuilder(adminConfig())
                .withImpersonateUsername(serviceAccountUser(namespace, name))
                .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace,
                        "system:authenticated")
                .withUserAgent(userAgent)
                .build());
    }

    /** The user name the API server gives a ServiceAccount's requests. */
    public static String serviceAccountUser(String namespace, String name) {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    /** The admin kubeconfig as a file, for kubectl. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs kubectl (the one beside the server's binaries) against this server; returns what it printed. */
    public String kubectl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve(Binaries.KUBECTL_BINARY_NAME).toString(),
                "--kubeconfig", kubeconfig.toString()));
        command.addAll(Arrays.asList(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", arguments) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts kube-controller-manager with only the garbage collector, where the binary is beside the
     * others; false where it is not (the test then plays the collector itself). Start it after the
     * CRDs are installed: the collector discovers resources when it starts.
     */
    public boolean startGarbageCollector() {
        Path binary = binaries.resolve(CONTROLLER_MANAGER);
        if (!Files.isExecutable(binary)) {
            return false;
        }
        try {
            controllerManager = new ProcessBuilder(binary.toString(), "--kubeconfig", kubeconfig.toString(),
                    "--controllers", "garbagecollector", "--leader-elect=false", "--secure-port", "0")
                    .redirectErrorStream(true).redirectOutput(workDirectory.resolve("controller-manager.log").toFile())
                    .start();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's version as it reports it (e.g. v1.36.2). */
    public String gitVersion() {
        return admin.getKubernetesVersion().getGitVersion();
    }

    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
        clients.forEach(KubernetesClient::close);
        stopProcesses();
        try (Stream<Path> files = Files.walk(workDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopProcesses() {
        if (controllerManager != null) {
            controllerManager.destroyForcibly();
            try {
                controllerManager.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.stop();
    }

    private Config adminConfig() {
        return Config.fromKubeconfig(server.getKubeConfigYaml());
    }

    private KubernetesClient client(Config config) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    private static Path testDirectory() {
        return Optional.ofNullable(System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR)).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME));
    }

    /** The newest version directory holding all three binaries, as kube-api-test would choose it. */
    private static Optional<Path> binaryDirectory() {
        String suffix = Utils.platformSuffix(new OSInfo());
        Path versions = testDirectory().resolve("k8s");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(versions)) {
            List<String> complete = entries.filter(directory -> directory.getFileName().toString().endsWith(suffix))
                    .filter(directory -> Stream.of(Binaries.API_SERVER_BINARY_NAME, Binaries.ETCD_BINARY_NAME,
                            Binaries.KUBECTL_BINARY_NAME).allMatch(name -> Files.isExecutable(directory.resolve(name))))
                    .map(directory -> directory.getFileName().toString())
                    .map(name -> name.substring(0, name.length() - suffix.length()))
                    .toList();
            return complete.isEmpty() ? Optional.empty()
                    : Optional.of(versions.resolve(Utils.getLatestVersion(new ArrayList<>(complete)) + suffix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionOf(Path binaries) {
        String name = binaries.getFileName().toString();
        return name.substring(0, name.length() - Utils.platformSuffix(new OSInfo()).length());
    }
}
