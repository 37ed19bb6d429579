package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a BenchmarkRun YAML file into the typed, defaulted spec and refuses anything that cannot run. */
public final class SpecLoader {

    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The manifest in file, defaulted and validated. */
    public BenchmarkRunManifest load(Path file) throws InvalidSpecException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(source, new SpecViolation("file", "does not exist: " + file.toAbsolutePath()));
        } catch (IOException e) {
            throw new InvalidSpecException(source, new SpecViolation("file", "cannot be read: " + e.getMessage()));
        }
        return parse(text, source);
    }

    /** The manifest in yamlText (source names it in messages), defaulted and validated. */
    public BenchmarkRunManifest parse(String yamlText, String source) throws InvalidSpecException {
        if (yamlText.isBlank()) {
            throw new InvalidSpecException(source, new SpecViolation("file", "is empty: expected a BenchmarkRun document"));
        }
        // Syntax first (the whole document), so a YAML mistake is reported as one, with its line.
        JsonNode document;
        try {
            document = yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(source, new SpecViolation("file", "is not valid YAML" + at(e.getLocation())
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse("")));
        }
        if (document == null || document.isMissingNode() || document.isNull()) {
            throw new InvalidSpecException(source, new SpecViolation("file", "is empty: expected a BenchmarkRun document"));
        }
        if (!document.isObject()) {
            throw new InvalidSpecException(source, new SpecViolation("file",
                    "is not a BenchmarkRun document: expected a mapping with apiVersion, kind, metadata and spec"));
        }
        BenchmarkRunManifest manifest;
        try {
            manifest = yaml.treeToValue(document, BenchmarkRunManifest.class);
        } catch (JsonMappingException e) {
            throw new InvalidSpecException(source, mappingViolation(e));
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(source, new SpecViolation("file", e.getOriginalMessage()));
        }
        if (manifest == null) {
            throw new InvalidSpecException(source, new SpecViolation("file", "is empty: expected a BenchmarkRun document"));
        }
        List<SpecViolation> violations = SpecValidator.validate(manifest);
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(source, violations);
        }
        return manifest;
    }

    /** YAML text of a spec, as results record it. */
    public String toYaml(Object value) {
        try {
            return yaml.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("spec types always serialize", e);
        }
    }

    private static SpecViolation mappingViolation(JsonMappingException e) {
        String field = fieldPath(e.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new SpecViolation(field, "unknown field; allowed here: " + known);
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(SpecLoader::specSpelling).collect(Collectors.joining(", "));
            return new SpecViolation(field, "'" + format.getValue() + "' is not allowed; allowed: " + allowed);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new SpecViolation(field, "expected " + describe(mismatch.getTargetType()) + at(e.getLocation()));
        }
        if (e.getPath().isEmpty()) {
            return new SpecViolation("file", "is not a BenchmarkRun document" + at(e.getLocation()) + ": " + e.getOriginalMessage());
        }
        return new SpecViolation(field, e.getOriginalMessage());
    }

    private static String specSpelling(Object constant) {
        try {
            return (String) constant.getClass().getMethod("specValue").invoke(constant);
        } catch (ReflectiveOperationException e) {
            return constant.toString();
        }
    }

    private static String describe(Class<?> type) {
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of fields";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a " + type.getSimpleName();
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "file" : field.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
