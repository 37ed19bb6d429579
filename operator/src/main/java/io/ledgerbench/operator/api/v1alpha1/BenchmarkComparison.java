package io.ledgerbench.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.ledgerbench.loadgen.comparison.BenchmarkComparisonSpec;
import io.ledgerbench.loadgen.spec.SpecValidator;

/**
 * The BenchmarkComparison custom resource: variants of one benchmark measured in interleaved rounds,
 * each measurement a child BenchmarkRun; its spec is loadgen's comparison spec type.
 */
@Group("ledgerbench.io")
@Version("v1alpha1")
@Plural("benchmarkcomparisons")
@ShortNames("bc")
// Child BenchmarkRuns are named <comparison>-<variant>-r<round> and must stay within the BenchmarkRun limit.
@ValidationRule(value = "self.metadata.name.size() <= " + (SpecValidator.MAX_NAME_LENGTH - 10),
        message = "metadata.name must be at most " + (SpecValidator.MAX_NAME_LENGTH - 10) + " characters")
@AdditionalPrinterColumn(name = "Baseline", jsonPath = ".spec.baseline", type = Type.STRING)
@AdditionalPrinterColumn(name = "Variants", jsonPath = ".status.variantNames", type = Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Round", jsonPath = ".status.round", type = Type.STRING)
@AdditionalPrinterColumn(name = "Best ratio", jsonPath = ".status.bestRatio", type = Type.STRING)
@AdditionalPrinterColumn(name = "Valid", jsonPath = ".status.valid", type = Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE,
        format = PrinterColumnFormat.NONE)
public class BenchmarkComparison extends CustomResource<BenchmarkComparisonSpec, BenchmarkComparisonStatus>
        implements Namespaced {

    @Override
    @Required
    // Rounds already measured used this spec; a changed spec would pair rounds of two comparisons.
    @ValidationRule(value = "self == oldSelf", message = "spec is immutable: delete the BenchmarkComparison and create"
            + " a new one")
    public BenchmarkComparisonSpec getSpec() {
        return super.getSpec();
    }
}
