package io.ledgerbench.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.operator.api.v1alpha1.Examples;
import io.ledgerbench.operator.model.DatabaseStatefulSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** eks-terraform/ as parsed by hcl4j (no Terraform binary here): declared, placed and pinned as the examples need. */
class EksTerraformTest {

    static final Path TERRAFORM = Path.of("../eks-terraform");
    private static final Pattern VARIABLE_USE = Pattern.compile("\\bvar\\.([a-zA-Z_][a-zA-Z0-9_]*)");
    private static final Pattern EXACT_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    /** Every .tf file, parsed, by file name. */
    private static Map<String, Map<String, Object>> files;
    private static String allText;

    @BeforeAll
    static void parseEveryFile() throws Exception {
        files = new TreeMap<>();
        StringBuilder text = new StringBuilder();
        try (Stream<Path> paths = Files.list(TERRAFORM)) {
            for (Path file : paths.filter(path -> path.toString().endsWith(".tf")).sorted().toList()) {
                files.put(file.getFileName().toString(), new HCLParser().parse(file.toFile(), "UTF-8"));
                text.append(Files.readString(file)).append('\n');
            }
        }
        allText = text.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> block(String type) {
        Map<String, Object> merged = new HashMap<>();
        files.values().forEach(file -> merged.putAll((Map<String, Object>) file.getOrDefault(type, Map.of())));
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String variableDefault(String name) {
        return String.valueOf(map(block("variable").get(name)).get("default"));
    }

    @Test
    void theConfigurationIsSplitIntoTheExpectedFiles() {
        assertThat(files).containsKeys("versions.tf", "variables.tf", "main.tf", "helm.tf", "outputs.tf");
        assertThat(TERRAFORM.resolve("nvme-setup.sh")).exists();
    }

    @Test
    void everyVariableUsedIsDeclaredAndEveryDeclaredOneIsUsed() {
        Set<String> used = new TreeSet<>();
        Matcher use = VARIABLE_USE.matcher(allText);
        while (use.find()) {
            used.add(use.group(1));
        }
        assertThat(block("variable").keySet()).as("declared variables").containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void everyVariableSaysWhatItIsFor() {
        block("variable").forEach((name, definition) ->
                assertThat(map(definition)).as(name).containsKeys("description", "type"));
    }

    @Test
    void theDatabaseNodeGroupIsI4iWithTheLabelAndTaintTheExamplesUse() throws IOException {
        Map<String, Object> nodeGroups = map(map(block("module").get("eks")).get("eks_managed_node_groups"));
        Map<String, Object> database = map(nodeGroups.get("database"));

        assertThat(String.valueOf(((List<?>) database.get("instance_types")).getFirst()))
                .isEqualTo("var.database_instance_type");
        assertThat(variableDefault("database_instance_type")).isEqualTo("i4i.xlarge");
        assertThat(variableDefault("database_node_count")).isEqualTo("3.0");

        for (String file : Examples.forCluster()) {
            var placement = Examples.read(file).getSpec().database().placement();
            assertThat(map(database.get("labels"))).as(file).containsAllEntriesOf(placement.nodeSelector());
            Map<String, Object> taint = map(map(database.get("taints")).get("dedicated"));
            assertThat(placement.tolerations()).as(file).anySatisfy(toleration -> {
                assertThat(toleration.key()).isEqualTo(taint.get("key"));
                assertThat(toleration.value()).isEqualTo(taint.get("value"));
                assertThat(toleration.effect()).isEqualTo("NoSchedule");
                assertThat(taint.get("effect")).isEqualTo("NO_SCHEDULE");
            });
        }
    }

    @Test
    void theDatabaseNodesMountTheirNvmeWhereTheOperatorLooksForIt() throws IOException {
        Map<String, Object> database = map(map(map(block("module").get("eks")).get("eks_managed_node_groups"))
                .get("database"));
        assertThat(database).containsKey("cloudinit_pre_nodeadm");
        assertThat(Files.readString(TERRAFORM.resolve("nvme-setup.sh")))
                .contains("MOUNT_POINT=${MOUNT_POINT:-" + DatabaseStatefulSets.LOCAL_NVME_HOST_PATH + "}");
    }

    @Test
    void theZonesAreThoseOfferingEveryNodeTypeAndAtLeastTwoAreRequired() {
        Map<String, Object> offerings = map(map(block("data").get("aws_ec2_instance_type_offerings")).get("node_types"));
        assertThat(offerings.get("location_type")).isEqualTo("availability-zone");
        assertThat(allText).contains("for_each = toset([var.database_instance_type, var.loadgen_instance_type,"
                + " var.system_instance_type])");
        assertThat(allText).contains("contains(offering.locations, zone)")
                .contains("zones = slice(local.offered_zones, 0, min(3, length(local.offered_zones)))")
                .doesNotContain("slice(data.aws_availability_zones.available.names, 0, 3)");
        Map<String, Object> check = map(map(block("resource").get("terraform_data")).get("zones_offering_every_node_type"));
        assertThat(String.valueOf(check.get("lifecycle"))).contains("precondition").contains("Fewer than two availability zones");
        assertThat(allText).contains("condition     = length(local.offered_zones) >= 2");
        assertThat(block("output")).containsKey("zones");
    }

    @Test
    void theChartsWaitForTheNodeGroupsTheirPodsRunOn() {
        Map<String, Object> releases = map(map(block("resource")).get("helm_release"));
        releases.forEach((name, release) -> assertThat(String.valueOf(map(release).get("depends_on")))
                .as("helm_release %s depends_on", name).contains("module.eks"));
    }

    @Test
    void terraformsWorkingFilesAndStateAreNotCommitted() throws IOException {
        assertThat(Files.readAllLines(Path.of("../.gitignore"))).contains(".terraform/", "*.tfstate", "*.tfstate.*");
    }

    @Test
    void theLoadGeneratorNodeGroupCarriesTheLabelTheExamplesSelect() throws IOException {
        Map<String, Object> loadgen = map(map(map(block("module").get("eks")).get("eks_managed_node_groups"))
                .get("loadgen"));
        assertThat(map(loadgen.get("labels")))
                .containsAllEntriesOf(Examples.read("postgresql-fair.yaml").getSpec().loadgen().placement().nodeSelector());
        assertThat(variableDefault("loadgen_instance_type")).isEqualTo("c5.large");
    }

    /**
     * What a default node can give one pod: the instance's vCPUs and memory less what EKS reserves
     * for the kubelet and the system (about 0.1 vCPU, and 1.8 GiB on i4i.xlarge / 0.6 GiB on
     * c5.large) and what the DaemonSets ask (about 0.2 vCPU and 0.3 GiB).
     */
    private static final Map<String, double[]> ALLOCATABLE_CPU_AND_GIB = Map.of(
            "i4i.xlarge", new double[] {4 - 0.3, 32 - 2.1},
            "c5.large", new double[] {2 - 0.3, 4 - 0.9});

    @Test
    void everyClusterExampleFitsTheDefaultNodes() throws IOException {
        double[] database = ALLOCATABLE_CPU_AND_GIB.get(variableDefault("database_instance_type"));
        double[] loadgen = ALLOCATABLE_CPU_AND_GIB.get(variableDefault("loadgen_instance_type"));
        for (String file : Examples.forCluster()) {
            var spec = Examples.read(file).getSpec();
            Map<String, String> databaseRequests = spec.database().resources().requests();
            assertThat(Quantity.getAmountInBytes(new Quantity(databaseRequests.get("memory"))).doubleValue() / (1L << 30))
                    .as("%s database memory (GiB)", file).isLessThanOrEqualTo(database[1]);
            assertThat(new Quantity(databaseRequests.get("cpu")).getNumericalAmount().doubleValue())
                    .as("%s database cpu", file).isLessThanOrEqualTo(database[0]);
            Map<String, String> loadgenRequests = spec.loadgen().resources().requests();
            assertThat(Quantity.getAmountInBytes(new Quantity(loadgenRequests.get("memory"))).doubleValue() / (1L << 30))
                    .as("%s load-generator memory (GiB)", file).isLessThanOrEqualTo(loadgen[1]);
            assertThat(new Quantity(loadgenRequests.get("cpu")).getNumericalAmount().doubleValue())
                    .as("%s load-generator cpu", file).isLessThanOrEqualTo(loadgen[0]);
            assertThat(spec.loadgen().parallelism()).as("%s load-generator pods", file)
                    .isLessThanOrEqualTo((int) Double.parseDouble(variableDefault("loadgen_node_count")));
        }
    }

    @Test
    void providersModulesChartsAndKubernetesArePinned() {
        Map<String, Object> providers = map(map(block("terraform").get("required_providers")));
        // The EKS module's own providers too: unpinned, they would be taken at their newest on every init.
        assertThat(providers).containsKeys("aws", "helm", "tls", "time", "cloudinit", "null");
        providers.forEach((name, provider) ->
                assertThat(String.valueOf(map(provider).get("version"))).as("provider %s", name).matches(EXACT_VERSION));
        block("module").forEach((name, module) ->
                assertThat(String.valueOf(map(module).get("version"))).as("module %s", name).matches(EXACT_VERSION));
        Map<String, Object> releases = map(map(block("resource")).get("helm_release"));
        releases.forEach((name, release) -> {
            if (map(release).containsKey("repository")) {
                String version = String.valueOf(map(release).get("version"));
                String pinned = version.startsWith("var.") ? variableDefault(version.substring(4)) : version;
                assertThat(pinned).as("chart of helm_release %s", name).matches(EXACT_VERSION);
            }
        });
        assertThat(variableDefault("kubernetes_version")).matches("1\\.\\d+");
    }

    @Test
    void monitoringAndTheOperatorCanEachBeSwitchedOff() {
        Map<String, Object> releases = map(map(block("resource")).get("helm_release"));
        assertThat(allText).contains("count = var.install_monitoring ? 1 : 0")
                .contains("count = var.install_ledgerbench ? 1 : 0");
        assertThat(releases).containsKeys("kube_prometheus_stack", "ledgerbench");
    }

    @Test
    void theOperatorImageDefaultIsTheChartsOwn() throws IOException {
        Map<String, Object> values = Serialization.unmarshal(Files.readString(Path.of("../helm/ledgerbench/values.yaml")),
                Map.class);
        Map<String, Object> image = map(values.get("image"));
        assertThat(variableDefault("ledgerbench_image_repository")).isEqualTo(image.get("repository"));
        assertThat(variableDefault("ledgerbench_image_tag")).isEqualTo(image.get("tag"));
    }

    @Test
    void theOutputsTellHowToReachTheCluster() {
        Map<String, Object> outputs = block("output");
        assertThat(outputs).containsKeys("kubeconfig_command", "cluster_name", "region", "cluster_endpoint");
    }

}
