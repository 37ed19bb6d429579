package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The operator's ClusterRole from the install manifest (the rendered chart), and what an API request needs from it. */
record ClusterRoleRules(List<PolicyRule> rules) {

    /** What RBAC checks for one request: API group, resource (with subresource), verb. */
    record Permission(String group, String resource, String verb) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
        }
    }

    static ClusterRoleRules fromInstallManifest() {
        try {
            List<HasMetadata> objects = Serialization.unmarshal(
                    Files.newInputStream(Path.of("../manifests/install.yaml")));
            ClusterRole role = objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                    .findFirst().orElseThrow(() -> new AssertionError("no ClusterRole in the install manifest"));
            return new ClusterRoleRules(role.getRules());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every (group, resource, verb) the rules grant. */
    java.util.Set<Permission> granted() {
        java.util.Set<Permission> granted = new java.util.TreeSet<>(java.util.Comparator.comparing(Permission::toString));
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(new Permission(group, resource, verb));
                    }
                }
            }
        }
        return granted;
    }

    /** What the rules grant that none of these requests used, e.g. "get ledgerbench.io/benchmarkruns". */
    java.util.List<String> grantedButUnused(java.util.Set<Permission> used) {
        return granted().stream().filter(permission -> !used.contains(permission)).map(Permission::toString).toList();
    }

    boolean allows(Permission permission) {
        return rules.stream().anyMatch(rule -> rule.getApiGroups().contains(permission.group())
                && rule.getResources().contains(permission.resource()) && rule.getVerbs().contains(permission.verb()));
    }

    /** The permission an API request path and method need; empty for non-resource URLs such as /version. */
    static Optional<Permission> of(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        boolean watch = pathAndQuery.contains("watch=true");
        String[] parts = path.replaceFirst("^/", "").split("/");
        String group;
        int index;
        if (parts[0].equals("api") && parts.length > 2) {
            group = "";
            index = 2;
        } else if (parts[0].equals("apis") && parts.length > 3) {
            group = parts[1];
            index = 3;
        } else {
            return Optional.empty();
        }
        if (parts.length > index + 2 && parts[index].equals("namespaces")) {
            index += 2;
        }
        String resource = parts[index];
        boolean named = parts.length > index + 1;
        if (parts.length > index + 2) {
            resource = resource + "/" + parts[index + 2];
        }
        String verb = switch (method) {
            case "GET" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new AssertionError("unexpected method " + method);
        };
        return Optional.of(new Permission(group, resource, verb));
    }
}
