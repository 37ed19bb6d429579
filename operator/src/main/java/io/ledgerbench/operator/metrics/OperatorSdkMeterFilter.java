package io.ledgerbench.operator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Gives the operator SDK's events-received counter the same tag keys for every event. The SDK tags
 * resource events with an action and timer events without one; Prometheus refuses a second set of
 * keys for one name, and the refusal, thrown on the SDK's timer thread, would stop every scheduled
 * recheck (java-operator-sdk issue 3038). An empty action is what Prometheus treats as no action.
 */
@Singleton
public class OperatorSdkMeterFilter {

    static final String EVENTS_RECEIVED = "events.received";
    static final String ACTION = "action";

    @Produces
    @Singleton
    public MeterFilter sameTagKeysForEveryEvent() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().startsWith(EVENTS_RECEIVED) && id.getTag(ACTION) == null) {
                    return id.withTag(Tag.of(ACTION, ""));
                }
                return id;
            }
        };
    }
}
