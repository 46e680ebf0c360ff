package dev.shimscan.core.engine;

/**
 * Which rules of a {@link ResourceChecker} to run, as a bit mask: bit {@code i} stands for the checker's rule
 * {@code i}, and bit 63 for rule 63 and every rule after it (so a mask never leaves a rule out by overflow).
 * The keyword filter computes a file's mask; {@link #ALL} runs every rule.
 */
public final class RuleSelection {
    /** Every rule. */
    public static final long ALL = -1L;
    /** No rule. */
    public static final long NONE = 0L;

    private RuleSelection() {
    }

    /** The bit of the rule at {@code index}. */
    public static long bit(int index) {
        return index < Long.SIZE - 1 ? 1L << index : 1L << (Long.SIZE - 1);
    }

    /** The mask of the first {@code count} rules. */
    public static long firstRules(int count) {
        long mask = 0;
        for (int i = 0; i < Math.min(count, Long.SIZE); i++) {
            mask |= bit(i);
        }
        return mask;
    }

    /** True when {@code selection} runs the rule at {@code index}. */
    public static boolean includes(long selection, int index) {
        return (selection & bit(index)) != 0;
    }
}
