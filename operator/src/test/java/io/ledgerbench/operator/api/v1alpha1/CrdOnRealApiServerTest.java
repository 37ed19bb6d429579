package io.ledgerbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.operator.apiserver.RealApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRDs as a real kube-apiserver applies them (the mock server validates nothing): they
 * are established, every shipped example is accepted, and each enum, minimum, maximum, pattern,
 * length, size, required field and CEL rule refuses a resource that breaks it, naming the field.
 * The cases of the schema are read off the CRDs, so a new constraint is tested the day it is added;
 * CEL rules need a hand-written breach, and a test fails for any rule without one.
 */
@EnabledIf(value = "io.ledgerbench.operator.apiserver.RealApiServer#isAvailable", disabledReason = RealApiServer.ABSENT)
class CrdOnRealApiServerTest {

    private static final String NAMESPACE = "schema";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A custom resource kind: its committed CRD and the shipped example its breaches start from. */
    enum Kind {
        BENCHMARK_RUN("BenchmarkRun", "benchmarkruns.ledgerbench.io-v1.yml", "postgresql-fair.yaml"),
        BENCHMARK_COMPARISON("BenchmarkComparison", "benchmarkcomparisons.ledgerbench.io-v1.yml",
                "tigerbeetle-vs-postgresql.yaml");

        final String name;
        final Path crd;
        final Path example;

        Kind(String name, String crd, String example) {
            this.name = name;
            this.crd = Path.of("../crds", crd);
            this.example = Examples.DIRECTORY.resolve(example);
        }

        CustomResourceDefinition definition() {
            try {
                return Serialization.unmarshal(Files.readString(crd), CustomResourceDefinition.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JSONSchemaProps schema() {
            return definition().getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema();
        }

        ObjectNode example() {
            try {
                ObjectNode document = (ObjectNode) YAML.readTree(example.toFile());
                ((ObjectNode) document.get("metadata")).put("namespace", NAMESPACE);
                return document;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One change to a document: the value at a path ({@code spec.variants[1].name}), or its removal (null). */
    record Edit(String path, JsonNode value) {
    }

    /**
     * One way to break one constraint: the edits that break it, the field the refusal must name and a
     * part of the message it must carry.
     */
    record Breach(Kind kind, String constraint, List<Edit> edits, String field, String said) {
        @Override
        public String toString() {
            return kind.name + " " + constraint;
        }

        ObjectNode apply(ObjectNode document) {
            edits.forEach(edit -> edit(document, edit));
            return document;
        }
    }

    private static RealApiServer server;

    @BeforeAll
    static void startServerWithTheCrds() {
        server = RealApiServer.start();
        for (Kind kind : Kind.values()) {
            server.admin().resource(kind.definition()).create();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Stream.of(Kind.values()).allMatch(kind -> established(
                server.admin().apiextensions().v1().customResourceDefinitions()
                        .withName(kind.definition().getMetadata().getName()).get())));
        server.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(condition -> condition.getType().equals("Established") && condition.getStatus().equals("True"));
    }

    private static MixedOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> resources(Kind kind) {
        return server.admin().genericKubernetesResources("ledgerbench.io/v1alpha1", kind.name);
    }

    private static GenericKubernetesResource resource(JsonNode document) {
        return Serialization.unmarshal(document.toString(), GenericKubernetesResource.class);
    }

    /** What the server says when asked to create the document (a dry run: nothing is stored). */
    private static KubernetesClientException refusalOfCreating(Kind kind, JsonNode document) {
        return catchThrowableOfType(KubernetesClientException.class,
                () -> resources(kind).inNamespace(NAMESPACE).resource(resource(document)).dryRun().create());
    }

    @Test
    void theCommittedCrdsAreAcceptedAndEstablished() {
        KubernetesClient admin = server.admin();
        for (Kind kind : Kind.values()) {
            CustomResourceDefinition stored = admin.apiextensions().v1().customResourceDefinitions()
                    .withName(kind.definition().getMetadata().getName()).get();
            assertThat(established(stored)).as(kind.name).isTrue();
            assertThat(stored.getStatus().getConditions()).as(kind.name).anySatisfy(condition -> {
                assertThat(condition.getType()).isEqualTo("NamesAccepted");
                assertThat(condition.getStatus()).isEqualTo("True");
            });
        }
    }

    @Test
    void everyShippedExampleIsAccepted() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Examples.DIRECTORY)) {
            examples = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(12);
        for (Path example : examples) {
            JsonNode document = YAML.readTree(example.toFile());
            Kind kind = document.path("kind").asText().equals("BenchmarkComparison") ? Kind.BENCHMARK_COMPARISON
                    : Kind.BENCHMARK_RUN;
            ((ObjectNode) document.get("metadata")).put("namespace", NAMESPACE);
            assertThat(refusalOfCreating(kind, document)).as(example.getFileName().toString()).isNull();
        }
    }

    /** Each constraint the OpenAPI schema states, read off the committed CRD. */
    static Stream<Breach> schemaBreaches() {
        List<Breach> breaches = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            JSONSchemaProps root = kind.schema();
            breaches.add(new Breach(kind, "spec: required", List.of(new Edit("spec", null)), "spec", "Required value"));
            walk(kind, "spec", root.getProperties().get("spec"), breaches);
        }
        return breaches.stream();
    }

    private static void walk(Kind kind, String path, JSONSchemaProps schema, List<Breach> breaches) {
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            breaches.add(new Breach(kind, path + ": enum", List.of(new Edit(path, NODES.textNode("sideways"))), path,
                    "Unsupported value"));
        }
        boolean integer = "integer".equals(schema.getType());
        if (schema.getMinimum() != null) {
            double below = Boolean.TRUE.equals(schema.getExclusiveMinimum()) ? schema.getMinimum()
                    : schema.getMinimum() - (integer ? 1 : 0.5);
            breaches.add(new Breach(kind, path + ": minimum", List.of(new Edit(path, number(below, integer))), path,
                    "should be greater than"));
        }
        if (schema.getMaximum() != null) {
            double above = schema.getMaximum() + (integer ? 1 : 0.5);
            breaches.add(new Breach(kind, path + ": maximum", List.of(new Edit(path, number(above, integer))), path,
                    "should be less than"));
        }
        if (schema.getPattern() != null) {
            breaches.add(new Breach(kind, path + ": pattern", List.of(new Edit(path, NODES.textNode("!"))), path,
                    "should match"));
        }
        if (schema.getMaxLength() != null) {
            breaches.add(new Breach(kind, path + ": maxLength", List.of(new Edit(path,
                    NODES.textNode("a".repeat(schema.getMaxLength().intValue() + 1)))), path, "Too long"));
        }
        if (schema.getMaxItems() != null) {
            breaches.add(new Breach(kind, path + ": maxItems", List.of(new Edit(path + "[]",
                    NODES.numberNode(schema.getMaxItems().intValue() + 1))), path, "Too many"));
        }
        if (schema.getMinItems() != null && schema.getMinItems() > 0) {
            breaches.add(new Breach(kind, path + ": minItems", List.of(new Edit(path + "[]",
                    NODES.numberNode(schema.getMinItems().intValue() - 1))), path, "should have at least"));
        }
        if (schema.getRequired() != null) {
            for (String required : schema.getRequired()) {
                String field = path + "." + required;
                breaches.add(new Breach(kind, field + ": required", List.of(new Edit(field, null)), field,
                        "Required value"));
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> walk(kind, path + "." + name, property, breaches));
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            walk(kind, path + "[0]", schema.getItems().getSchema(), breaches);
        }
    }

    private static JsonNode number(double value, boolean integer) {
        return integer ? NODES.numberNode((long) value) : NODES.numberNode(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaBreaches")
    void aResourceBreakingASchemaConstraintIsRefusedNamingTheField(Breach breach) {
        assertRefusedAsTheBreachSays(breach);
    }

    /** The example with the breach's edits is refused as invalid (422), naming the field and saying what. */
    private static void assertRefusedAsTheBreachSays(Breach breach) {
        KubernetesClientException refusal = refusalOfCreating(breach.kind(), breach.apply(breach.kind().example()));

        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getStatus().getMessage()).contains(breach.field() + ":").contains(breach.said());
    }

    /** A breach of each CEL rule (x-kubernetes-validations) of both CRDs; the spec's immutability is on update. */
    static Stream<Breach> celBreaches() {
        String run = "spec.workload";
        List<Breach> breaches = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            breaches.add(new Breach(kind, "amount.min <= amount.max", List.of(
                    new Edit(run + ".amount.min", NODES.numberNode(10)), new Edit(run + ".amount.max", NODES.numberNode(5))),
                    run + ".amount", "amount.min must be <= amount.max"));
            breaches.add(new Breach(kind, "fixedRate needs targetRate", List.of(
                    new Edit(run + ".mode", NODES.textNode("fixedRate")), new Edit(run + ".targetRate", null)),
                    run + ".targetRate", "targetRate is required when mode is fixedRate"));
            breaches.add(new Breach(kind, "saturation needs its objective", List.of(
                    new Edit(run + ".mode", NODES.textNode("saturation")), new Edit(run + ".saturation", null)),
                    run + ".saturation", "saturation (at least its p99 objective) is required when mode is saturation"));
        }
        breaches.add(new Breach(Kind.BENCHMARK_RUN, "metadata.name length", List.of(
                new Edit("metadata.name", NODES.textNode("a".repeat(46)))), "<nil>", "metadata.name must be at most 45"));
        breaches.add(new Breach(Kind.BENCHMARK_RUN, "tigerbeetle replicas", List.of(
                new Edit("spec.database.engine", NODES.textNode("tigerbeetle")),
                new Edit("spec.database.replicas", NODES.numberNode(2)), new Edit("spec.database.postgresql", null)),
                "spec.database.replicas", "replicas must be 1, 3 or 6 for tigerbeetle"));
        breaches.add(new Breach(Kind.BENCHMARK_COMPARISON, "metadata.name length", List.of(
                new Edit("metadata.name", NODES.textNode("a".repeat(36)))), "<nil>", "metadata.name must be at most 35"));
        breaches.add(new Breach(Kind.BENCHMARK_COMPARISON, "baseline is a variant", List.of(
                new Edit("spec.baseline", NODES.textNode("nope"))), "spec.baseline", "baseline must be the name of one of the"));
        breaches.add(new Breach(Kind.BENCHMARK_COMPARISON, "variant names unique", List.of(
                new Edit("spec.variants[1].name", NODES.textNode("tigerbeetle")),
                new Edit("spec.variants[0].name", NODES.textNode("tigerbeetle")),
                new Edit("spec.baseline", NODES.textNode("tigerbeetle"))), "spec.variants", "each variant needs its own name"));
        return breaches.stream();
    }

    /** Which CEL rule each breach above breaks (by its message), to find rules without one. */
    private static final Map<String, String> BREACHED_RULE_MESSAGES = Map.of(
            "amount.min <= amount.max", "amount.min must be <= amount.max",
            "fixedRate needs targetRate", "targetRate is required when mode is fixedRate",
            "saturation needs its objective", "saturation (at least its p99 objective) is required when mode",
            "metadata.name length", "metadata.name must be at most",
            "tigerbeetle replicas", "replicas must be 1, 3 or 6 for tigerbeetle",
            "baseline is a variant", "baseline must be the name of one of the variants",
            "variant names unique", "each variant needs its own name");

    @ParameterizedTest(name = "{0}")
    @MethodSource("celBreaches")
    void aResourceBreakingACelRuleIsRefusedWithTheRulesMessage(Breach breach) {
        assertRefusedAsTheBreachSays(breach);
    }

    @Test
    void everyCelRuleOfBothCrdsHasABreachAbove() {
        Set<String> covered = new HashSet<>();
        celBreaches().forEach(breach -> covered.add(breach.kind().name + ": "
                + BREACHED_RULE_MESSAGES.get(breach.constraint())));
        List<String> uncovered = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (ValidationRule rule : rules(kind.schema())) {
                boolean immutability = rule.getRule().equals("self == oldSelf");
                if (!immutability && covered.stream().noneMatch(key -> key.startsWith(kind.name + ": ")
                        && rule.getMessage().startsWith(key.substring(kind.name.length() + 2)))) {
                    uncovered.add(kind.name + ": " + rule.getRule());
                }
            }
        }
        assertThat(uncovered).as("CEL rules with no breach in celBreaches()").isEmpty();
    }

    private static List<ValidationRule> rules(JSONSchemaProps schema) {
        List<ValidationRule> rules = new ArrayList<>(schema.getXKubernetesValidations() == null ? List.of()
                : schema.getXKubernetesValidations());
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> rules.addAll(rules(property)));
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            rules.addAll(rules(schema.getItems().getSchema()));
        }
        return rules;
    }

    @Test
    void theSpecCannotChangeOnceCreatedButTheStatusCan() {
        for (Kind kind : Kind.values()) {
            ObjectNode document = kind.example();
            ((ObjectNode) document.get("metadata")).put("name", "immutable");
            GenericKubernetesResource created = resources(kind).inNamespace(NAMESPACE).resource(resource(document)).create();

            ObjectNode changed = kind.example();
            ((ObjectNode) changed.get("metadata")).put("name", "immutable")
                    .put("resourceVersion", created.getMetadata().getResourceVersion());
            edit(changed, new Edit("spec.runs", NODES.numberNode(2)));
            KubernetesClientException refusal = catchThrowableOfType(KubernetesClientException.class,
                    () -> resources(kind).inNamespace(NAMESPACE).resource(resource(changed)).update());

            assertThat(refusal).as(kind.name).isNotNull();
            assertThat(refusal.getCode()).isEqualTo(422);
            assertThat(refusal.getStatus().getMessage()).contains("spec: Invalid value").contains("spec is immutable");

            GenericKubernetesResource withStatus = resources(kind).inNamespace(NAMESPACE).withName("immutable").get();
            Map<String, String> status = Map.of("phase", kind == Kind.BENCHMARK_RUN ? "Queued" : "Pending");
            withStatus.setAdditionalProperty("status", status);
            assertThat(resources(kind).inNamespace(NAMESPACE).resource(withStatus).updateStatus()
                    .getAdditionalProperties().get("status")).as(kind.name).isEqualTo(status);
        }
    }

    /** Sets (or removes, for a null value) the value at a dotted path, creating what is missing on the way. */
    private static void edit(ObjectNode document, Edit edit) {
        String[] parts = edit.path().split("\\.");
        JsonNode node = document;
        for (int i = 0; i < parts.length - 1; i++) {
            node = child(node, parts[i]);
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("[]")) { // a list of that many copies of its first item
            String name = last.substring(0, last.length() - 2);
            ArrayNode list = (ArrayNode) child(node, last);
            JsonNode first = list.isEmpty() ? NODES.objectNode() : list.get(0);
            ArrayNode copies = NODES.arrayNode();
            for (int i = 0; i < edit.value().asInt(); i++) {
                copies.add(first.deepCopy());
            }
            ((ObjectNode) node).set(name, copies);
            return;
        }
        if (last.contains("[")) {
            ArrayNode list = (ArrayNode) child(node, last.substring(0, last.indexOf('[')) + "[]");
            int index = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.indexOf(']')));
            while (list.size() <= index) {
                list.addObject();
            }
            list.set(index, edit.value());
        } else if (edit.value() == null) {
            ((ObjectNode) node).remove(last);
        } else {
            ((ObjectNode) node).set(last, edit.value());
        }
    }

    /** The child object (or list, for "name[]"; list item for "name[i]"), created empty where absent. */
    private static JsonNode child(JsonNode node, String part) {
        ObjectNode parent = (ObjectNode) node;
        if (part.endsWith("[]")) {
            String name = part.substring(0, part.length() - 2);
            return parent.has(name) ? parent.get(name) : parent.putArray(name);
        }
        if (part.contains("[")) {
            ArrayNode list = (ArrayNode) child(parent, part.substring(0, part.indexOf('[')) + "[]");
            int index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.indexOf(']')));
            while (list.size() <= index) {
                list.addObject();
            }
            return list.get(index);
        }
        return parent.has(part) && parent.get(part).isObject() ? parent.get(part) : parent.putObject(part);
    }
}
