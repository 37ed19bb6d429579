package io.ledgerbench.operator.dashboard;

import static io.ledgerbench.operator.dashboard.DashboardQueries.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of dashboards/ledgerbench.json (SPEC section 10): rows of panels over the queries in
 * {@link DashboardQueries}. The UID is fixed so links and provisioning survive regeneration.
 */
final class LedgerbenchDashboard {

    static final String UID = "ledgerbench-benchmark";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int FULL_WIDTH = 24;

    private final ArrayNode panels = JSON.arrayNode();
    private int nextId = 1;
    private int y;
    private int x;
    private int rowHeight;

    private LedgerbenchDashboard() {
    }

    /** The dashboard as committed: pretty-printed JSON ending with a newline. */
    static String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(build()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode build() {
        LedgerbenchDashboard layout = new LedgerbenchDashboard();
        layout.benchmarkRow();
        layout.throughputRow();
        layout.latencyRow();
        layout.loadGeneratorRow();
        layout.nodeRow();
        layout.operatorRow();

        ObjectNode dashboard = JSON.objectNode();
        dashboard.put("uid", UID);
        dashboard.put("title", "ledgerbench");
        dashboard.put("description", "A BenchmarkRun as it runs: phases, throughput, outcomes, latency, load-generator "
                + "saturation and the nodes under it.");
        dashboard.set("tags", JSON.arrayNode().add("ledgerbench"));
        dashboard.put("timezone", "utc");
        dashboard.put("editable", true);
        dashboard.put("graphTooltip", 1);
        dashboard.put("refresh", "10s");
        dashboard.put("schemaVersion", 39);
        dashboard.put("version", 1);
        dashboard.set("time", JSON.objectNode().put("from", "now-1h").put("to", "now"));
        dashboard.set("annotations", JSON.objectNode().set("list", JSON.arrayNode()));
        dashboard.set("templating", JSON.objectNode().set("list", JSON.arrayNode()
                .add(datasourceVariable())
                .add(queryVariable("namespace", "Namespace", NAMESPACES, false))
                .add(queryVariable("benchmarkrun", "BenchmarkRun", BENCHMARKRUNS, true))
                .add(queryVariable("node", "Node", NODES, true))));
        dashboard.set("panels", layout.panels);
        return dashboard;
    }

    /** Every query in the dashboard: panel targets and variable queries. */
    static List<String> queries() {
        ObjectNode dashboard = build();
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> queries.add(target.get("expr").asText())));
        dashboard.get("templating").get("list").forEach(variable -> {
            if ("query".equals(variable.get("type").asText())) {
                queries.add(variable.get("query").get("query").asText());
            }
        });
        return queries;
    }

    private void benchmarkRow() {
        row("BenchmarkRun");
        ObjectNode phases = panel("state-timeline", "Phase", "The operator's phase for the BenchmarkRun (1 = in it).",
                12, 6, "none", target(PHASE, "{{phase}}"));
        phases.set("options", JSON.objectNode().put("showValue", "never").put("mergeValues", true));
        ObjectNode phaseColours = JSON.objectNode();
        phaseColours.set("0", JSON.objectNode().put("text", " ").put("color", "transparent"));
        phaseColours.set("1", JSON.objectNode().put("text", "in phase").put("color", "blue"));
        ObjectNode mapping = JSON.objectNode().put("type", "value");
        mapping.set("options", phaseColours);
        phases.withObjectProperty("fieldConfig").withObjectProperty("defaults").set("mappings", JSON.arrayNode().add(mapping));
        stat("Run", "The run in progress (1-based).", 4, "none", "value", target(CURRENT_RUN, "run"));
        stat("Engine and mode", "What is measured and how: maxThroughput (closed loop) or fixedRate (open loop).",
                4, "none", "name", target(ENGINE_AND_MODE, "{{engine}} · {{mode}}"));
        stat("Load-generator phase", "warmup or measurement, as the load generators report it.", 4, "none", "name",
                target(LOADGEN_PHASE, "{{phase}}"));
    }

    private void throughputRow() {
        row("Throughput and outcomes");
        timeseries("Throughput", "Transfers answered per second (completed + rejected), all load generators.",
                8, "reqps", target(THROUGHPUT, "transfers/s"));
        timeseries("Completed vs rejected", "Per outcome; rejected = not enough balance, failed = errors.",
                8, "reqps", target(BY_OUTCOME, "{{outcome}}"));
        ObjectNode errors = timeseries("Error rate", "Failed / all transfers. Above 5 % a run is not valid.",
                8, "percentunit", target(ERROR_RATE, "error rate"));
        ObjectNode defaults = errors.withObjectProperty("fieldConfig").withObjectProperty("defaults");
        defaults.set("thresholds", JSON.objectNode().put("mode", "absolute").set("steps", JSON.arrayNode()
                .add(JSON.objectNode().put("color", "green").putNull("value"))
                .add(JSON.objectNode().put("color", "red").put("value", 0.05))));
        defaults.withObjectProperty("custom").set("thresholdsStyle", JSON.objectNode().put("mode", "line"));
        timeseries("Retries", "Serialization failures and deadlocks retried, by reason.", 8, "reqps",
                target(RETRIES, "{{reason}}"));
    }

    private void latencyRow() {
        row("Latency");
        timeseries("Latency from intended start", "p50 / p95 / p99 / p99.9 including any queueing (fixedRate).",
                12, "s", target(latency("0.5"), "p50"), target(latency("0.95"), "p95"), target(latency("0.99"), "p99"),
                target(latency("0.999"), "p99.9"));
        timeseries("Service time", "From the actual send; the gap to latency is time spent queued.", 12, "s",
                target(serviceTime("0.5"), "p50"), target(serviceTime("0.99"), "p99"));
        ObjectNode results = panel("bargauge", "Finished runs", "Measured throughput and p99 of each finished run.",
                12, 8, "none", target(RESULT_THROUGHPUT, "run {{run}} transfers/s"));
        results.set("options", JSON.objectNode().put("orientation", "horizontal").put("displayMode", "basic"));
        stat("Finished runs: p99 and validity", "p99 latency per run; valid = 1 when invariants held.", 12, "s",
                "value_and_name", target(RESULT_P99, "run {{run}} p99"), target(RESULT_VALID, "run {{run}} valid"));
    }

    private void loadGeneratorRow() {
        row("Load generators");
        timeseries("Target vs achieved rate", "fixedRate: the target, what was achieved, and arrivals dropped.",
                8, "reqps", target(TARGET_RATE, "target"), target(ACHIEVED_RATE, "achieved"),
                target(DROPPED, "dropped"));
        ObjectNode saturation = timeseries("Client saturation", "Load-generator CPU (fraction of its cores); above "
                + "80 % the client, not the database, may be the limit.", 8, "percentunit",
                target(CLIENT_CPU, "{{pod}} CPU"));
        saturation.withObjectProperty("fieldConfig").withObjectProperty("defaults").set("thresholds", JSON.objectNode().put("mode", "absolute")
                .set("steps", JSON.arrayNode().add(JSON.objectNode().put("color", "green").putNull("value"))
                        .add(JSON.objectNode().put("color", "orange").put("value", 0.8))));
        saturation.withObjectProperty("fieldConfig").withObjectProperty("defaults").withObjectProperty("custom")
                .set("thresholdsStyle", JSON.objectNode().put("mode", "line"));
        timeseries("In flight", "Transfers sent and not yet answered, per load generator.", 8, "none",
                target(IN_FLIGHT, "{{pod}}"));
        timeseries("Batch size", "Transfers per request of a batching driver (TigerBeetle, PostgreSQL batched).",
                12, "none", target(BATCH_MEAN, "mean"), target(BATCH_P99, "p99"));
        timeseries("Database-node round trips", "TCP round trips between database nodes (p99), measured before "
                + "the first run.", 12, "s", target(ROUND_TRIP_P99, "{{from_node}} → {{to_node}}"));
    }

    private void nodeRow() {
        row("Nodes");
        timeseries("CPU", "Busy fraction per node (node-exporter).", 8, "percentunit", target(NODE_CPU, "{{instance}}"));
        timeseries("Memory", "Used fraction per node.", 8, "percentunit", target(NODE_MEMORY, "{{instance}}"));
        timeseries("Network", "Bytes per second per node, received (+) and sent.", 8, "Bps",
                target(NETWORK_RECEIVED, "{{instance}} in"), target(NETWORK_SENT, "{{instance}} out"));
        timeseries("NVMe throughput", "Bytes per second written and read per NVMe device.", 8, "Bps",
                target(DISK_WRITTEN, "{{instance}} {{device}} write"), target(DISK_READ, "{{instance}} {{device}} read"));
        timeseries("NVMe busy", "Fraction of time the device had I/O in progress.", 8, "percentunit",
                target(DISK_BUSY, "{{instance}} {{device}}"));
        timeseries("NVMe write latency", "Mean time per completed write (fsync-heavy engines feel it first).", 8, "s",
                target(DISK_WRITE_LATENCY, "{{instance}} {{device}}"));
    }

    private void operatorRow() {
        row("Operator");
        timeseries("Reconciles", "Reconciles started and failed per second.", 12, "ops",
                target(RECONCILES, "{{controller_name}} started"), target(RECONCILE_FAILURES, "{{controller_name}} failed"));
        timeseries("Reconcile duration", "p99 time of one reconcile.", 12, "s", target(RECONCILE_P99, "p99"));
    }

    private void row(String title) {
        newLine();
        ObjectNode row = JSON.objectNode();
        row.put("id", nextId++);
        row.put("type", "row");
        row.put("title", title);
        row.put("collapsed", false);
        row.set("gridPos", gridPos(FULL_WIDTH, 1));
        row.set("panels", JSON.arrayNode());
        panels.add(row);
        y += 1;
    }

    private ObjectNode timeseries(String title, String description, int width, String unit, ObjectNode... targets) {
        ObjectNode panel = panel("timeseries", title, description, width, 8, unit, targets);
        panel.withObjectProperty("fieldConfig").withObjectProperty("defaults").withObjectProperty("custom").put("fillOpacity", 10).put("showPoints", "never");
        panel.set("options", JSON.objectNode().set("legend", JSON.objectNode().put("displayMode", "list")
                .put("placement", "bottom")));
        return panel;
    }

    private ObjectNode stat(String title, String description, int width, String unit, String textMode,
                            ObjectNode... targets) {
        ObjectNode panel = panel("stat", title, description, width, 6, unit, targets);
        panel.set("options", JSON.objectNode().put("textMode", textMode).put("colorMode", "none")
                .put("graphMode", "none").set("reduceOptions", JSON.objectNode()
                        .put("values", false).set("calcs", JSON.arrayNode().add("lastNotNull"))));
        return panel;
    }

    private ObjectNode panel(String type, String title, String description, int width, int height, String unit,
                             ObjectNode... targets) {
        if (x + width > FULL_WIDTH) {
            newLine();
        }
        ObjectNode panel = JSON.objectNode();
        panel.put("id", nextId++);
        panel.put("type", type);
        panel.put("title", title);
        panel.put("description", description);
        panel.set("datasource", datasource());
        panel.set("gridPos", gridPos(width, height));
        ObjectNode fieldConfig = panel.putObject("fieldConfig");
        fieldConfig.putObject("defaults").put("unit", unit).putObject("custom");
        fieldConfig.putArray("overrides");
        ArrayNode panelTargets = panel.putArray("targets");
        char refId = 'A';
        for (ObjectNode target : targets) {
            target.put("refId", String.valueOf(refId++));
            target.set("datasource", datasource());
            panelTargets.add(target);
        }
        panels.add(panel);
        x += width;
        rowHeight = Math.max(rowHeight, height);
        return panel;
    }

    private ObjectNode gridPos(int width, int height) {
        return JSON.objectNode().put("h", height).put("w", width).put("x", x).put("y", y);
    }

    private void newLine() {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
    }

    private static ObjectNode target(String expr, String legend) {
        return JSON.objectNode().put("expr", expr).put("legendFormat", legend);
    }

    private static ObjectNode datasource() {
        return JSON.objectNode().put("type", "prometheus").put("uid", "${datasource}");
    }

    private static ObjectNode datasourceVariable() {
        ObjectNode variable = JSON.objectNode();
        variable.put("name", "datasource");
        variable.put("label", "Data source");
        variable.put("type", "datasource");
        variable.put("query", "prometheus");
        variable.put("hide", 0);
        return variable;
    }

    private static ObjectNode queryVariable(String name, String label, String query, boolean multi) {
        ObjectNode variable = JSON.objectNode();
        variable.put("name", name);
        variable.put("label", label);
        variable.put("type", "query");
        variable.set("datasource", datasource());
        variable.set("query", JSON.objectNode().put("query", query).put("refId", "PrometheusVariableQueryEditor-" + name));
        variable.put("refresh", 2);
        variable.put("sort", 1);
        variable.put("multi", multi);
        variable.put("includeAll", multi);
        if (multi) {
            variable.put("allValue", ".*");
        }
        return variable;
    }

    /** The panels' titles, in order. */
    static List<String> panelTitles() {
        List<String> titles = new ArrayList<>();
        build().get("panels").forEach(panel -> titles.add(panel.get("title").asText()));
        return titles;
    }
}
