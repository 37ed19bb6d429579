package io.ledgerbench.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ClientJitTimeTest {

    @Test
    void compilationBeforeTheMeasurementStartedIsNotCounted() {
        // This JVM has compiled plenty by now (JUnit, AssertJ); none of it belongs to a measurement.
        assertThat(ManagementFactory.getCompilationMXBean().getTotalCompilationTime()).isPositive();

        assertThat(new ClientJitTime().secondsSinceMeasurementStart()).isZero();
    }
}
