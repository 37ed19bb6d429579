package io.ledgerbench.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbench.operator.CommittedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardFileTest {

    static final Path COMMITTED = Path.of("../dashboards/ledgerbench.json");
    static final Path CHART_COPY = Path.of("../helm/ledgerbench/files/dashboards/ledgerbench.json");

    @Test
    void theCommittedDashboardIsWhatTheSourceGenerates() throws Exception {
        CommittedFiles.assertUpToDate(LedgerbenchDashboard.json(), "ledgerbench.updateDashboards", "dashboards",
                COMMITTED, CHART_COPY);
    }

    @Test
    void theChartCarriesTheSameDashboard() throws Exception {
        assertThat(Files.readString(CHART_COPY)).as("the chart's dashboard is stale: run `make dashboards`")
                .isEqualTo(Files.readString(COMMITTED));
    }

    @Test
    void theDashboardKeepsItsUid() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(COMMITTED.toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("ledgerbench-benchmark");
    }

    @Test
    void everyPanelOfSpecSectionTenIsThere() {
        assertThat(LedgerbenchDashboard.panelTitles()).contains("Phase", "Engine and mode", "Throughput",
                "Completed vs rejected", "Error rate", "Latency from intended start", "CPU", "Memory", "Network",
                "NVMe throughput", "Database-node round trips", "Batch size", "Client saturation",
                "Target vs achieved rate");
    }

    @Test
    void theErrorRatePanelMarksFivePercent() throws Exception {
        JsonNode errorRate = panels().stream().filter(panel -> panel.get("title").asText().equals("Error rate"))
                .findFirst().orElseThrow();
        assertThat(errorRate.at("/fieldConfig/defaults/thresholds/steps/1/value").asDouble()).isEqualTo(0.05);
    }

    @Test
    void panelsHaveUniqueIdsAndNoneOverlaps() throws Exception {
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode panel : panels()) {
            assertThat(ids.add(panel.get("id").asInt())).as("id of %s", panel.get("title")).isTrue();
            JsonNode grid = panel.get("gridPos");
            assertThat(grid.get("x").asInt() + grid.get("w").asInt()).isLessThanOrEqualTo(24);
            for (int x = grid.get("x").asInt(); x < grid.get("x").asInt() + grid.get("w").asInt(); x++) {
                for (int y = grid.get("y").asInt(); y < grid.get("y").asInt() + grid.get("h").asInt(); y++) {
                    assertThat(cells.add(x + "," + y)).as("%s overlaps another panel at %s,%s",
                            panel.get("title"), x, y).isTrue();
                }
            }
        }
    }

    private static List<JsonNode> panels() throws Exception {
        List<JsonNode> panels = new ArrayList<>();
        new ObjectMapper().readTree(COMMITTED.toFile()).get("panels").forEach(panels::add);
        return panels;
    }
}
