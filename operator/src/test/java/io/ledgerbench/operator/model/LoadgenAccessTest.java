package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;

class LoadgenAccessTest {

    @Test
    void loadgenPodsMayOnlyWorkWithConfigMaps() {
        Role role = LoadgenAccess.role(Benchmarks.postgres());
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getResources()).containsExactly("configmaps");
            assertThat(rule.getVerbs()).doesNotContain("delete", "*");
        });
        ValidKubernetesObjects.assertValidOwnedObject(role);
    }

    @Test
    void theBindingGivesTheRoleToTheLoadgenServiceAccount() {
        var binding = LoadgenAccess.roleBinding(Benchmarks.postgres());
        assertThat(binding.getRoleRef().getName()).isEqualTo(LoadgenAccess.role(Benchmarks.postgres()).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo(LoadgenAccess.serviceAccount(Benchmarks.postgres()).getMetadata().getName());
            assertThat(subject.getNamespace()).isEqualTo(Benchmarks.NAMESPACE);
        });
    }
}
