package io.ledgerbench.operator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API server's audit log (one JSON event per line): who asked for what, and what the server answered. */
public final class AuditLog {

    /** One request as the server authorized and answered it. */
    public record Request(String user, String verb, String group, String resource, String subresource,
                          String namespace, String name, int code, String uri) {

        /** What RBAC checks: the resource with its subresource, e.g. {@code benchmarkruns/status}. */
        public String resourcePath() {
            return subresource.isEmpty() ? resource : resource + "/" + subresource;
        }

        public boolean forbidden() {
            return code == 403;
        }

        @Override
        public String toString() {
            return user + " " + verb + " " + (group.isEmpty() ? "" : group + "/") + resourcePath() + " " + uri
                    + " -> " + code;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    /** Every answered request so far (watches once, when they end or now), in order. */
    public List<Request> requests() {
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, Request> byId = new LinkedHashMap<>();
        try (var lines = Files.lines(file)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                JsonNode event = read(line);
                if (event.path("responseStatus").has("code")) {
                    byId.put(event.path("auditID").asText(), request(event));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(byId.values());
    }

    /** The requests made as that user (the impersonated one where a client impersonates). */
    public List<Request> requestsBy(String user) {
        return requests().stream().filter(request -> request.user().equals(user)).toList();
    }

    private static Request request(JsonNode event) {
        JsonNode impersonated = event.path("impersonatedUser");
        String user = impersonated.has("username") ? impersonated.path("username").asText()
                : event.path("user").path("username").asText();
        JsonNode object = event.path("objectRef");
        return new Request(user, event.path("verb").asText(), object.path("apiGroup").asText(""),
                object.path("resource").asText(""), object.path("subresource").asText(""),
                object.path("namespace").asText(""), object.path("name").asText(""),
                event.path("responseStatus").path("code").asInt(), event.path("requestURI").asText());
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable audit event: " + line, e);
        }
    }
}
