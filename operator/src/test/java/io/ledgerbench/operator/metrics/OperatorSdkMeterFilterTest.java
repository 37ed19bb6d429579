package io.ledgerbench.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.junit.jupiter.api.Test;

class OperatorSdkMeterFilterTest {

    private final MeterFilter filter = new OperatorSdkMeterFilter().sameTagKeysForEveryEvent();

    private static Meter.Id counter(String name, Tags tags) {
        return new Meter.Id(name, tags, null, null, Meter.Type.COUNTER);
    }

    @Test
    void anEventWithoutAnActionGetsAnEmptyOne() {
        Meter.Id mapped = filter.map(counter("events.received", Tags.of("event", "TimerEvent")));

        assertThat(mapped.getTag("action")).isEmpty();
        assertThat(mapped.getTag("event")).isEqualTo("TimerEvent");
    }

    @Test
    void anEventWithAnActionKeepsIt() {
        Meter.Id mapped = filter.map(counter("events.received", Tags.of("event", "ResourceEvent", "action", "ADDED")));

        assertThat(mapped.getTag("action")).isEqualTo("ADDED");
    }

    @Test
    void otherMetersAreLeftAlone() {
        Meter.Id id = counter("reconciliations.started.total", Tags.of("controller.name", "benchmarkrun"));

        assertThat(filter.map(id)).isSameAs(id);
    }
}
