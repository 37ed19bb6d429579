package io.ledgerbench.loadgen.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TigerBeetleMemoryTest {

    @Test
    void theGridCacheIsThePodMemoryLessFourGibibytes() {
        assertThat(TigerBeetleMemory.cacheGrid(new ResourcesSpec(null, Map.of("memory", "24Gi")))).isEqualTo("20480MiB");
        assertThat(TigerBeetleMemory.cacheGrid(new ResourcesSpec(null, Map.of("memory", "16G")))).isEqualTo("11162MiB");
    }

    @Test
    void theLimitCountsBeforeTheRequest() {
        assertThat(TigerBeetleMemory.cacheGrid(new ResourcesSpec(Map.of("memory", "8Gi"), Map.of("memory", "12Gi"))))
                .isEqualTo("8192MiB");
    }

    @Test
    void aRequestAloneSizesTheGridCache() {
        assertThat(TigerBeetleMemory.cacheGrid(new ResourcesSpec(Map.of("memory", "6Gi"), null))).isEqualTo("2048MiB");
    }

    @Test
    void withoutAMemorySizeTigerBeetlesDefaultStays() {
        assertThat(TigerBeetleMemory.cacheGrid(ResourcesSpec.defaults())).isEqualTo("1GiB");
    }
}
