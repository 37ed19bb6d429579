package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.regex.Pattern;

/** The rules a real API server enforces on the objects the model builds (no cluster here to enforce them). */
final class ValidKubernetesObjects {

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    private static final Pattern LABEL_KEY = Pattern.compile(
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");

    private ValidKubernetesObjects() {
    }

    /** Name, labels and the owner reference of any object the operator creates. */
    static void assertValidOwnedObject(HasMetadata object) {
        assertValidObjectOwnedBy(object, "BenchmarkRun");
    }

    /** The same for an object owned by a resource of another kind (a BenchmarkComparison). */
    static void assertValidObjectOwnedBy(HasMetadata object, String ownerKind) {
        String name = object.getMetadata().getName();
        assertThat(name).as("name of %s", object.getKind()).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63);
        object.getMetadata().getLabels().forEach((key, value) -> {
            assertThat(key).as("label key on %s", name).matches(LABEL_KEY);
            assertThat(value).as("label %s on %s", key, name).matches(LABEL_VALUE).hasSizeLessThanOrEqualTo(63);
        });
        assertThat(object.getMetadata().getOwnerReferences()).as("owner of %s", name).singleElement()
                .satisfies(owner -> {
                    assertThat(owner.getKind()).isEqualTo(ownerKind);
                    assertThat(owner.getApiVersion()).isEqualTo("ledgerbench.io/v1alpha1");
                    assertThat(owner.getUid()).isEqualTo(Benchmarks.UID);
                    assertThat(owner.getController()).isTrue();
                });
        assertThat(object.getMetadata().getNamespace()).isEqualTo(Benchmarks.NAMESPACE);
    }

    /** A workload's selector must select its own template, and every container needs a name and an image. */
    static void assertSelectsTemplate(LabelSelector selector, PodTemplateSpec template) {
        assertThat(selector.getMatchLabels()).isNotEmpty();
        assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(selector.getMatchLabels());
        for (Container container : template.getSpec().getContainers()) {
            assertThat(container.getName()).matches(DNS_LABEL);
            assertThat(container.getImage()).isNotBlank();
        }
    }
}
