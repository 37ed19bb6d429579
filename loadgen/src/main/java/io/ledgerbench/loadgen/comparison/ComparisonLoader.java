package io.ledgerbench.loadgen.comparison;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.InvalidSpecException;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.spec.SpecValidator;
import io.ledgerbench.loadgen.spec.SpecViolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a BenchmarkComparison YAML file: a shared part (workload, loadgen, runs, validation, cleanup and
 * database defaults) and named variants that override only `database`. Each variant becomes an ordinary
 * BenchmarkRun (the shared part, its database merged over the shared database defaults) checked by the
 * BenchmarkRun rules; every problem is reported with the field it is in.
 */
public final class ComparisonLoader {

    private static final Set<String> SPEC_FIELDS = Set.of("baseline", "variants", "database", "workload", "loadgen",
            "runs", "validation", "cleanup");
    private static final Set<String> VARIANT_FIELDS = Set.of("name", "database");
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    private final YAMLMapper yaml = new YAMLMapper();
    private final SpecLoader runs = new SpecLoader();

    public BenchmarkComparison load(Path file) throws InvalidSpecException {
        String source = file.toString();
        try {
            return parse(Files.readString(file), source);
        } catch (NoSuchFileException e) {
            throw refused(source, List.of(new SpecViolation("file", "does not exist: " + file.toAbsolutePath())));
        } catch (IOException e) {
            throw refused(source, List.of(new SpecViolation("file", "cannot be read: " + e.getMessage())));
        }
    }

    public BenchmarkComparison parse(String yamlText, String source) throws InvalidSpecException {
        JsonNode document;
        try {
            document = yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw refused(source, List.of(new SpecViolation("file", "is not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""))));
        }
        return parse(document, source);
    }

    /** The comparison a Kubernetes resource of this name and spec describes (source names it in messages). */
    public BenchmarkComparison fromResource(String name, BenchmarkComparisonSpec spec, String source)
            throws InvalidSpecException {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("apiVersion", BenchmarkComparison.API_VERSION);
        document.put("kind", BenchmarkComparison.KIND);
        document.putObject("metadata").put("name", name);
        document.set("spec", withoutNulls(yaml.valueToTree(spec)));
        return parse(document, source);
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            object.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    nulls.add(field.getKey());
                } else {
                    withoutNulls(field.getValue());
                }
            });
            object.remove(nulls);
        } else if (node.isArray()) {
            node.forEach(ComparisonLoader::withoutNulls);
        }
        return node;
    }

    private BenchmarkComparison parse(JsonNode document, String source) throws InvalidSpecException {
        if (document == null || !document.isObject()) {
            throw refused(source, List.of(new SpecViolation("file", "is not a BenchmarkComparison document: expected a"
                    + " mapping with apiVersion, kind, metadata and spec")));
        }
        List<SpecViolation> violations = new ArrayList<>();
        if (!BenchmarkComparison.API_VERSION.equals(document.path("apiVersion").asText(null))) {
            violations.add(new SpecViolation("apiVersion", "must be " + BenchmarkComparison.API_VERSION));
        }
        if (!BenchmarkComparison.KIND.equals(document.path("kind").asText(null))) {
            violations.add(new SpecViolation("kind", "must be " + BenchmarkComparison.KIND));
        }
        String name = document.path("metadata").path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            violations.add(new SpecViolation("metadata.name", "'" + name + "' is not allowed: lowercase letters, digits"
                    + " and '-', starting and ending with a letter or digit"));
        }
        JsonNode spec = document.path("spec");
        if (!spec.isObject()) {
            violations.add(new SpecViolation("spec", "required: baseline, variants and the shared workload"));
            throw refused(source, violations);
        }
        for (Iterator<String> fields = spec.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!SPEC_FIELDS.contains(field)) {
                violations.add(new SpecViolation("spec." + field, "unknown field; allowed here: "
                        + String.join(", ", SPEC_FIELDS.stream().sorted().toList())));
            }
        }
        List<JsonNode> variantNodes = variantNodes(spec.path("variants"), violations);
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < variantNodes.size(); i++) {
            JsonNode variant = variantNodes.get(i);
            String field = "spec.variants[" + i + "]";
            for (Iterator<String> fields = variant.fieldNames(); fields.hasNext(); ) {
                String key = fields.next();
                if (!VARIANT_FIELDS.contains(key)) {
                    violations.add(new SpecViolation(field + "." + key, "a variant overrides only database (and has a"
                            + " name); " + key + " is shared by every variant so that the rounds compare like with like:"
                            + " set it under spec"));
                }
            }
            if (variant.has("database") && !variant.get("database").isObject()) {
                violations.add(new SpecViolation(field + ".database", "expected a mapping of database fields that"
                        + " override spec.database (e.g. {engine: tigerbeetle})"));
            }
            String variantName = variant.path("name").asText("");
            if (!NAME.matcher(variantName).matches()) {
                violations.add(new SpecViolation(field + ".name", "'" + variantName + "' is not allowed: lowercase"
                        + " letters, digits and '-', starting and ending with a letter or digit"));
            } else if (!seen.add(variantName)) {
                violations.add(new SpecViolation(field + ".name", "'" + variantName + "' names two variants; each"
                        + " variant needs its own name"));
            } else if (childName(name, variantName, spec.path("runs").asInt(BenchmarkRunSpec.DEFAULT_RUNS)).length()
                    > SpecValidator.MAX_NAME_LENGTH) {
                violations.add(new SpecViolation(field + ".name", "'" + childName(name, variantName,
                        spec.path("runs").asInt(BenchmarkRunSpec.DEFAULT_RUNS)) + "' (comparison, variant and round: the name of its BenchmarkRun"
                        + " on Kubernetes) is longer than " + SpecValidator.MAX_NAME_LENGTH + " characters"));
            }
            names.add(variantName);
        }
        String baseline = spec.path("baseline").asText(null);
        if (baseline == null) {
            violations.add(new SpecViolation("spec.baseline", "required: the name of the variant the others are"
                    + " compared with (one of " + String.join(", ", names) + ")"));
        } else if (!variantNodes.isEmpty() && !names.contains(baseline)) {
            violations.add(new SpecViolation("spec.baseline", "'" + baseline + "' is not a variant; allowed: "
                    + String.join(", ", names)));
        }
        if (!violations.isEmpty()) {
            throw refused(source, violations);
        }
        List<Variant> variants = new ArrayList<>();
        Set<SpecViolation> runViolations = new LinkedHashSet<>();
        for (int i = 0; i < variantNodes.size(); i++) {
            String variantName = names.get(i);
            ObjectNode run = runDocument(name, spec, variantNodes.get(i), variantName);
            try {
                variants.add(new Variant(variantName, runs.parse(yaml.writeValueAsString(run), source)));
            } catch (InvalidSpecException e) {
                for (SpecViolation violation : e.violations()) {
                    runViolations.add(relabel(violation, i, variantName));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree always serializes", e);
            }
        }
        if (!runViolations.isEmpty()) {
            throw refused(source, List.copyOf(runViolations));
        }
        return new BenchmarkComparison(name, baseline, variants, variants.getFirst().run().spec().runs());
    }

    /** The longest name a variant's BenchmarkRun gets on Kubernetes: the one of its last round. */
    private static String childName(String comparison, String variant, int rounds) {
        return new ResourceNames(comparison).comparisonRound(variant, rounds);
    }

    private static List<JsonNode> variantNodes(JsonNode variants, List<SpecViolation> violations) {
        List<JsonNode> nodes = new ArrayList<>();
        if (!variants.isArray() || variants.size() < 2) {
            violations.add(new SpecViolation("spec.variants", "required: a list of at least 2 variants, each"
                    + " {name, database}"));
            return nodes;
        }
        if (variants.size() > BenchmarkComparisonSpec.MAX_VARIANTS) {
            violations.add(new SpecViolation("spec.variants", variants.size() + " variants: at most "
                    + BenchmarkComparisonSpec.MAX_VARIANTS + " (every round measures each of them)"));
            return nodes;
        }
        for (int i = 0; i < variants.size(); i++) {
            if (!variants.get(i).isObject()) {
                violations.add(new SpecViolation("spec.variants[" + i + "]", "expected a mapping {name, database}"));
            } else {
                nodes.add(variants.get(i));
            }
        }
        return nodes;
    }

    /** The variant's BenchmarkRun document: the shared part, the variant's database merged over the shared one. */
    private static ObjectNode runDocument(String comparison, JsonNode spec, JsonNode variant, String variantName) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode runSpec = nodes.objectNode();
        for (String field : List.of("workload", "loadgen", "runs", "validation", "cleanup")) {
            if (spec.has(field)) {
                runSpec.set(field, spec.get(field).deepCopy());
            }
        }
        ObjectNode database = spec.path("database").isObject() ? spec.get("database").deepCopy() : nodes.objectNode();
        if (variant.path("database").isObject()) {
            merge(database, variant.get("database"));
        }
        runSpec.set("database", database);
        ObjectNode document = nodes.objectNode();
        document.put("apiVersion", BenchmarkRunManifest.API_VERSION);
        document.put("kind", BenchmarkRunManifest.KIND);
        document.putObject("metadata").put("name", comparison + "-" + variantName);
        document.set("spec", runSpec);
        return document;
    }

    /** Mappings merge field by field; anything else in the override replaces what was there. */
    static void merge(ObjectNode base, JsonNode override) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = override.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static SpecViolation relabel(SpecViolation violation, int index, String variantName) {
        String field = violation.field();
        if (field.startsWith("spec.database")) {
            return new SpecViolation("spec.variants[" + index + "].database" + field.substring("spec.database".length()),
                    violation.problem() + " (variant " + variantName + ", its database merged over spec.database)");
        }
        return violation;
    }

    private static InvalidSpecException refused(String source, List<SpecViolation> violations) {
        return new InvalidSpecException(BenchmarkComparison.KIND, source, violations);
    }
}
