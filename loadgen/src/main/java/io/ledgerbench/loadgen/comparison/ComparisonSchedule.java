package io.ledgerbench.loadgen.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order a comparison is measured in: round r runs every variant once, the order rotated by one
 * each round (A B C, B C A, C A B, ...), so drift of the machine lands on every variant alike and no
 * variant always goes first; every variant of a round gets the same workload seed, so rounds pair up.
 */
public final class ComparisonSchedule {

    /** One measurement: variant v in round r (1-based), with that round's seed. */
    public record Slot(int round, String variant, long seed) {
    }

    private ComparisonSchedule() {
    }

    /** The seed of each round (1-based index - 1), derived from the comparison's seed. */
    public static List<Long> roundSeeds(long seed, int rounds) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> seeds = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            seeds.add(random.nextLong());
        }
        return seeds;
    }

    /** Every slot in the order it runs. */
    public static List<Slot> slots(List<String> variants, int rounds, long seed) {
        List<Long> seeds = roundSeeds(seed, rounds);
        List<Slot> slots = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                slots.add(new Slot(round + 1, variants.get((i + round) % variants.size()), seeds.get(round)));
            }
        }
        return slots;
    }
}
