package io.ledgerbench.loadgen.comparison;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.ledgerbench.loadgen.spec.CleanupSpec;
import io.ledgerbench.loadgen.spec.LoadgenSpec;
import io.ledgerbench.loadgen.spec.SpecValidator;
import io.ledgerbench.loadgen.spec.ValidationSpec;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import java.util.List;

/**
 * The spec of a BenchmarkComparison as the Kubernetes resource holds it: the shared part (workload,
 * load generators, runs = rounds, validation, cleanup, database defaults) and the named variants, each
 * overriding database fields. {@link ComparisonLoader} turns it into one BenchmarkRun per variant.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.variants.exists(v, v.name == self.baseline)",
        message = "baseline must be the name of one of the variants", fieldPath = ".baseline")
@ValidationRule(value = "self.variants.all(v, self.variants.filter(w, w.name == v.name).size() == 1)",
        message = "each variant needs its own name", fieldPath = ".variants")
public record BenchmarkComparisonSpec(
        @Required @Size(max = BenchmarkComparisonSpec.MAX_VARIANT_NAME_LENGTH) String baseline,
        // Bounded so that the API server can bound the cost of the CEL rules above (it refuses the CRD otherwise).
        @Required @Size(min = 2, max = BenchmarkComparisonSpec.MAX_VARIANTS) List<ComparisonVariant> variants,
        // Any database fields (checked by the loader): a Map<String, Object> would make the CRD require objects as values.
        @PreserveUnknownFields ObjectNode database,
        WorkloadSpec workload,
        LoadgenSpec loadgen,
        @Min(1) @Max(SpecValidator.MAX_RUNS) Integer runs,
        ValidationSpec validation,
        CleanupSpec cleanup) {

    /** The most variants one comparison measures (each round runs every one of them). */
    public static final int MAX_VARIANTS = 8;
    /** A variant's name is part of its child BenchmarkRun's name: {@code <comparison>-<variant>-r<round>}. */
    public static final int MAX_VARIANT_NAME_LENGTH = SpecValidator.MAX_NAME_LENGTH - 6;

    /** One variant: a name and the database fields it sets over the shared ones. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComparisonVariant(
            @Required @Size(max = MAX_VARIANT_NAME_LENGTH) @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String name,
            @PreserveUnknownFields ObjectNode database) {
    }
}
