package io.ledgerbench.loadgen.cluster;

/**
 * One pod's share of one saturation step (step 0: the closed-loop probe) in its portable form: the total rate
 * offered by all pods (0 for the probe) and what this pod measured, when.
 */
public record PodStep(int step, double offeredRatePerSec, PodResult measured) {
}
