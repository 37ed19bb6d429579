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
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.ObjectMetadata;
import io.ledgerbench.loadgen.spec.SpecValidator;

/** The BenchmarkRun custom resource; its spec is loadgen's spec type, so the two can never disagree. */
@Group("ledgerbench.io")
@Version("v1alpha1")
@Plural("benchmarkruns")
@ShortNames("br")
// The name prefixes every object of the run; SpecValidator's limit keeps them within 63 characters.
@ValidationRule(value = "self.metadata.name.size() <= " + SpecValidator.MAX_NAME_LENGTH,
        message = "metadata.name must be at most " + SpecValidator.MAX_NAME_LENGTH + " characters")
@AdditionalPrinterColumn(name = "Engine", jsonPath = ".spec.database.engine", type = Type.STRING)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.workload.mode", type = Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Run", jsonPath = ".status.progress", type = Type.STRING)
@AdditionalPrinterColumn(name = "TPS", jsonPath = ".status.throughput", type = Type.NUMBER)
@AdditionalPrinterColumn(name = "P99(ms)", jsonPath = ".status.p99Ms", type = Type.NUMBER)
@AdditionalPrinterColumn(name = "Valid", jsonPath = ".status.valid", type = Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE,
        format = PrinterColumnFormat.NONE)
public class BenchmarkRun extends CustomResource<BenchmarkRunSpec, BenchmarkRunStatus> implements Namespaced {

    @Override
    @Required
    // Runs already measured used this spec; a changed spec would mix two configurations in one result.
    @ValidationRule(value = "self == oldSelf", message = "spec is immutable: delete the BenchmarkRun and create a new one")
    public BenchmarkRunSpec getSpec() {
        return super.getSpec();
    }

    /** This resource as the BenchmarkRun document loadgen reads (what SpecValidator checks and pods get). */
    public BenchmarkRunManifest asManifest() {
        return new BenchmarkRunManifest(BenchmarkRunManifest.API_VERSION, BenchmarkRunManifest.KIND,
                new ObjectMetadata(getMetadata().getName(), getMetadata().getNamespace(), getMetadata().getLabels()),
                getSpec());
    }

    @Override
    protected BenchmarkRunSpec initSpec() {
        return BenchmarkRunSpec.defaults();
    }

    @Override
    protected BenchmarkRunStatus initStatus() {
        return new BenchmarkRunStatus();
    }
}
