package io.ledgerbench.operator.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Instant queries against Prometheus's HTTP API (/api/v1/query), each series' value by one label. */
public final class PrometheusClient {

    /** Why a query has no answer: Prometheus unreachable, or it refused the query. */
    public static final class PrometheusException extends Exception {
        public PrometheusException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PrometheusClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** The vector the query yields at that instant, label value -> sample value. */
    public Map<String, Double> query(String promql, Instant at, String byLabel) throws PrometheusException {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + at.getEpochSecond() + "."
                + String.format("%03d", at.getNano() / 1_000_000));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PrometheusException("Prometheus at " + base + " unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusException("interrupted while asking Prometheus at " + base);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PrometheusException("Prometheus at " + base + " answered HTTP " + response.statusCode()
                    + " with no JSON");
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new PrometheusException("Prometheus at " + base + " refused the query (HTTP " + response.statusCode()
                    + "): " + body.path("error").asText("no reason given"));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (JsonNode series : body.path("data").path("result")) {
            values.put(series.path("metric").path(byLabel).asText(""), Double.parseDouble(series.path("value").get(1)
                    .asText()));
        }
        return values;
    }
}
