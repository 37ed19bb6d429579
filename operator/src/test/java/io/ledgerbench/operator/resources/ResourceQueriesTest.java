package io.ledgerbench.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceQueriesTest {

    private static List<ResourceQueries.Query> queries() {
        return ResourceQueries.forWindow(List.of("ip-10-0-1-5.ec2.internal", "ip-10-0-2-7.ec2.internal"),
                List.of("nvme1n1"), "bench", "pg-db-[0-9]+", Duration.ofSeconds(300));
    }

    @Test
    void everyQueryCoversExactlyTheWindowEndingAtTheInstantItIsAskedFor() {
        assertThat(queries()).allSatisfy(query -> assertThat(query.promql()).contains("[300s"));
    }

    @Test
    void nodeNamesAreMatchedExactlyDotsIncluded() {
        assertThat(queries().getFirst().promql())
                .contains("instance=~\"ip-10-0-1-5\\\\.ec2\\\\.internal|ip-10-0-2-7\\\\.ec2\\\\.internal\"");
    }

    @Test
    void diskFiguresAreThoseOfTheDataDevicesOnlyAndNetworkLeavesPodLinksOut() {
        assertThat(queries()).filteredOn(query -> query.name().startsWith("disk")).allSatisfy(query ->
                assertThat(query.promql()).contains("device=~\"nvme1n1\""));
        assertThat(queries()).filteredOn(query -> query.name().startsWith("network")).allSatisfy(query ->
                assertThat(query.promql()).contains("device!~\"" + ResourceQueries.NOT_NODE_LINKS + "\""));
    }

    @Test
    void podFiguresAreTheDatabasePodsContainers() {
        assertThat(queries()).filteredOn(query -> query.byLabel().equals("pod")).hasSize(2).allSatisfy(query ->
                assertThat(query.promql()).contains("namespace=\"bench\", pod=~\"pg-db-[0-9]+\", container!=\"\","));
    }
}
