package dev.shimscan.core.source.manifest;

import dev.shimscan.core.engine.RuleSelection;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.Keyword;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.rule.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides from a file's bytes, without decoding or parsing them, which enabled rules could fire on it: those
 * whose {@link Keywords} the text fulfils. A file no rule could fire on is not parsed at all, and a parsed file
 * runs only the rules it selects. The answer errs on the side of parsing: every rule runs when the file could
 * spell a keyword in a way a byte search does not see (a backslash escape with x, u or U, any non-ASCII byte, a
 * UTF-16 byte-order mark) or when parsing it has something else to say ({@code {{} of an unrendered Helm
 * template, a NUL byte of a binary file). Inside a keyword, quotes and backslashes are skipped (shell quote
 * removal, JSON and YAML escapes), a backslash before a line break skips the break and the next line's
 * indentation (YAML double-quoted folding), and a {@code /} matches any run of slashes and backslashes.
 * Thread-safe.
 *
 * <p>Speed: the bytes are read in overlapping pairs, and a table of all 65,536 pairs says whether the first byte
 * of a pair needs a closer look (it may start a keyword followed by the pair's second byte, or it is one of the
 * bytes above). Most pairs need none, so the loop over a file is a load, a table lookup and a test per byte.
 */
public final class KeywordFilter {
    private static final byte[] LOWER = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }

    /**
     * One keyword to look for: finding it selects {@code rules} (the rules with a single group that holds it, as
     * {@link RuleSelection} bits) and sets {@code groups}, its bit among the keywords of rules with several
     * groups (see {@link Conjunction}).
     */
    private record Candidate(byte[] text, byte[][] notFollowedBy, long rules, long groups) {
    }

    /** A rule with several groups: selected once each group's mask of keyword bits meets the keywords found. */
    private record Conjunction(long rule, long[] groups) {
    }

    /** Keywords by their first byte. */
    private final Candidate[][] byFirstByte = new Candidate[128][];
    /**
     * Keywords by their first two bytes ({@code 128 * first + second}), for the usual case of a second byte that is
     * not a quote, a backslash or a slash (a keyword's second byte is never a quote or a backslash; one whose
     * second byte is a slash can only match where the text's second byte is one of those).
     */
    private final Candidate[][] byFirstTwoBytes = new Candidate[128 * 128][];
    /**
     * For each pair of bytes ({@code 256 * first + second}): whether the first needs a closer look,
     * {@link #NO_LOOK}, {@link #LOOK} or {@link #LOOK_IF_THIRD}.
     */
    private final byte[] pairs = new byte[256 * 256];
    private static final byte NO_LOOK = 0;
    private static final byte LOOK = 1;
    /** Only when the byte after the pair is in {@link #thirds}: every keyword of the pair has a plain third byte. */
    private static final byte LOOK_IF_THIRD = 2;
    /**
     * For a pair of keyword bytes ({@code 128 * lower(first) + lower(second)}), a 128-bit set (two longs) of the
     * bytes that may follow: the keywords' third bytes in either case, and the quotes and backslash a keyword may
     * hold anywhere.
     */
    private final long[] thirds = new long[128 * 128 * 2];
    private final Conjunction[] conjunctions;
    /** The mask of every rule the filter knows: once the selection holds them all, reading on is pointless. */
    private final long everyRule;

    private KeywordFilter(List<Candidate> candidates, List<Conjunction> conjunctions, long everyRule) {
        List<List<Candidate>> lists = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            lists.add(new ArrayList<>());
        }
        for (Candidate c : candidates) {
            lists.get(c.text()[0]).add(c);
        }
        for (int i = 0; i < 128; i++) {
            if (!lists.get(i).isEmpty()) {
                byFirstByte[i] = lists.get(i).toArray(Candidate[]::new);
            }
        }
        Map<Integer, List<Candidate>> twos = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.text()[1] != '/') {
                twos.computeIfAbsent(128 * c.text()[0] + c.text()[1], x -> new ArrayList<>()).add(c);
            }
        }
        twos.forEach((k, v) -> byFirstTwoBytes[k] = v.toArray(Candidate[]::new));
        for (int first = 0; first < 256; first++) {
            for (int second = 0; second < 256; second++) {
                pairs[256 * first + second] = lookAt(first, second);
            }
        }
        this.conjunctions = conjunctions.toArray(Conjunction[]::new);
        this.everyRule = everyRule;
    }

    /**
     * How the byte {@code first}, followed by {@code second}, is looked at: {@link #NO_LOOK}, {@link #LOOK}, or
     * {@link #LOOK_IF_THIRD} (which fills in the pair's {@link #thirds}).
     */
    private byte lookAt(int first, int second) {
        if (first == 0 || first >= 128) {
            return LOOK; // NUL or non-ASCII: every rule runs
        }
        if (first == '\\') {
            return second == 'x' || second == 'u' || second == 'U' ? LOOK : NO_LOOK; // an escape may spell a keyword
        }
        if (first == '{') {
            return second == '{' ? LOOK : NO_LOOK; // a Helm template: parsing reports it
        }
        if (byFirstByte[LOWER[first]] == null) {
            return NO_LOOK;
        }
        if (second == '"' || second == '\'' || second == '\\' || second == '/') {
            return LOOK; // skipped or a separator inside a keyword: every keyword with this first byte may match
        }
        if (second == 0 || second >= 128) {
            return NO_LOOK; // the pair that starts with this byte says so
        }
        int slot = 128 * LOWER[first] + LOWER[second];
        if (byFirstTwoBytes[slot] == null) {
            return NO_LOOK;
        }
        long[] allowed = new long[2];
        for (Candidate c : byFirstTwoBytes[slot]) {
            if (c.text().length < 3 || c.text()[2] == '/') {
                return LOOK;
            }
            int third = c.text()[2];
            for (int b : new int[] {third, Character.toUpperCase(third), '"', '\'', '\\'}) {
                allowed[b >> 6] |= 1L << (b & 63);
            }
        }
        thirds[2 * slot] = allowed[0];
        thirds[2 * slot + 1] = allowed[1];
        return LOOK_IF_THIRD;
    }

    /**
     * The filter for the rules that apply to manifests among {@code rules}, in that order: bit {@code i} of a
     * selection is the {@code i}-th of them (the order of {@code ResourceChecker.rules()}). Empty when one of
     * them declares no keywords (every file must then be parsed and every rule run).
     */
    public static Optional<KeywordFilter> of(List<Rule> rules) {
        List<Keywords> declarations = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.meta().sources().contains(SourceKind.MANIFEST)) {
                if (!rule.keywords().declared()) {
                    return Optional.empty();
                }
                declarations.add(rule.keywords());
            }
        }
        // per keyword: {rules it selects alone, its bit among the keywords of rules with several groups}
        Map<Keyword, long[]> masks = new LinkedHashMap<>();
        List<Conjunction> conjunctions = new ArrayList<>();
        int keywordBits = 0;
        for (int i = 0; i < declarations.size(); i++) {
            long rule = RuleSelection.bit(i);
            List<List<Keyword>> groups = declarations.get(i).allOf();
            if (groups.size() == 1) {
                groups.get(0).forEach(w -> masks.computeIfAbsent(w, x -> new long[2])[0] |= rule);
                continue;
            }
            long[] groupMasks = new long[groups.size()];
            for (int g = 0; g < groupMasks.length; g++) {
                for (Keyword w : groups.get(g)) {
                    long[] m = masks.computeIfAbsent(w, x -> new long[2]);
                    if (m[1] == 0 && keywordBits < Long.SIZE) {
                        m[1] = 1L << keywordBits++;
                    }
                    if (m[1] == 0) {
                        m[0] |= rule; // out of bits: this keyword alone selects the rule, which only runs it more
                        groupMasks[g] = -1L;
                    } else {
                        groupMasks[g] |= m[1];
                    }
                }
            }
            conjunctions.add(new Conjunction(rule, groupMasks));
        }
        List<Candidate> candidates = new ArrayList<>();
        masks.forEach((w, m) -> candidates.add(new Candidate(w.text().getBytes(StandardCharsets.US_ASCII),
                w.notFollowedBy().stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new),
                m[0], m[1])));
        return Optional.of(new KeywordFilter(candidates, conjunctions, RuleSelection.firstRules(declarations.size())));
    }

    /** True when the file must be parsed: a rule could fire on it, or parsing it could report a problem. */
    public boolean mustParse(byte[] bytes) {
        return select(bytes, bytes.length) != RuleSelection.NONE;
    }

    /**
     * The rules that could fire on the first {@code n} bytes of {@code bytes}, as {@link RuleSelection} bits:
     * {@link RuleSelection#NONE} when the file need not be parsed, {@link RuleSelection#ALL} when it must be and
     * every rule must run on it.
     */
    public long select(byte[] bytes, int n) {
        if (n == 0) {
            return RuleSelection.NONE;
        }
        if (n >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return RuleSelection.ALL;
        }
        byte[] pairs = this.pairs;
        long selected = 0;
        long found = 0;
        int first = bytes[0] & 0xFF;
        int i = 1;
        while (i < n) {
            // four pairs a step while none needs a look (one test instead of four: the JIT used does not unroll)
            while (i + 3 < n) {
                int b1 = bytes[i] & 0xFF;
                int b2 = bytes[i + 1] & 0xFF;
                int b3 = bytes[i + 2] & 0xFF;
                int b4 = bytes[i + 3] & 0xFF;
                if ((pairs[(first << 8) | b1] | pairs[(b1 << 8) | b2] | pairs[(b2 << 8) | b3] | pairs[(b3 << 8) | b4])
                        != 0) {
                    break;
                }
                first = b4;
                i += 4;
            }
            // then pair by pair up to where the step stopped
            for (int end = Math.min(i + 4, n); i < end; i++) {
                int second = bytes[i] & 0xFF;
                byte look = pairs[(first << 8) | second];
                if (look != NO_LOOK) {
                    if (first == 0 || first >= 128 || first == '\\' || first == '{') {
                        return RuleSelection.ALL;
                    }
                    int third = i + 1 < n ? bytes[i + 1] & 0xFF : -1;
                    if (look == LOOK_IF_THIRD && (third < 0 || third >= 128
                            || (thirds[2 * (128 * LOWER[first] + LOWER[second]) + (third >> 6)] & (1L << third)) == 0)) {
                        first = second;
                        continue; // no keyword of the pair goes on with this byte
                    }
                    boolean plain = second != '"' && second != '\'' && second != '\\' && second != '/';
                    Candidate[] candidates = plain
                            ? byFirstTwoBytes[128 * LOWER[first] + LOWER[second]]
                            : byFirstByte[LOWER[first]];
                    for (Candidate c : candidates) {
                        if ((selected & c.rules()) == c.rules() && (found & c.groups()) == c.groups()) {
                            continue; // nothing new
                        }
                        if (plain && cannotBeThird(c, third) || !occursAt(bytes, n, i - 1, c)) {
                            continue;
                        }
                        selected |= c.rules();
                        if ((found & c.groups()) != c.groups()) {
                            found |= c.groups();
                            selected |= conjunctionsMet(found);
                        }
                        if ((selected & everyRule) == everyRule) {
                            return selected;
                        }
                    }
                }
                first = second;
            }
        }
        return first == 0 || first >= 128 ? RuleSelection.ALL : selected;
    }

    /**
     * A quick test before {@link #occursAt}: the byte after a keyword's first two is a plain ASCII byte (nothing
     * {@link #occursAt} skips or reads as a separator) that differs from the keyword's third.
     */
    private static boolean cannotBeThird(Candidate c, int third) {
        byte[] text = c.text();
        if (text.length < 3 || text[2] == '/' || third < 0 || third == 0 || third >= 128) {
            return false;
        }
        if (third == '"' || third == '\'' || third == '\\' || third == '/') {
            return false;
        }
        return LOWER[third] != text[2];
    }

    /** The rules with several groups that the keywords {@code found} fulfil. */
    private long conjunctionsMet(long found) {
        long met = 0;
        for (Conjunction c : conjunctions) {
            boolean all = true;
            for (long g : c.groups()) {
                if ((found & g) == 0) {
                    all = false;
                    break;
                }
            }
            if (all) {
                met |= c.rule();
            }
        }
        return met;
    }

    private static boolean occursAt(byte[] bytes, int n, int start, Candidate c) {
        byte[] text = c.text();
        int j = start + 1;
        for (int k = 1; k < text.length; k++) {
            if (text[k] == '/') {
                while (k + 1 < text.length && text[k + 1] == '/') {
                    k++; // a run of slashes in the keyword matches a run in the text
                }
                j = separator(bytes, n, j);
                if (j < 0) {
                    return false;
                }
                continue;
            }
            j = skipQuoting(bytes, n, j);
            if (j >= n || bytes[j] <= 0 || LOWER[bytes[j]] != text[k]) {
                return false;
            }
            j++;
        }
        for (byte[] suffix : c.notFollowedBy()) {
            if (startsWithIgnoringCase(bytes, n, j, suffix)) {
                return false;
            }
        }
        return true;
    }

    /** After a run of slashes, backslashes and quotes with at least one slash or backslash; -1 if there is none. */
    private static int separator(byte[] bytes, int n, int j) {
        boolean seen = false;
        while (j < n) {
            byte b = bytes[j];
            if (b == '/' || b == '\\') {
                seen = true;
                j++;
            } else if (b == '"' || b == '\'') {
                j++;
            } else {
                break;
            }
        }
        return seen ? j : -1;
    }

    /** The offset of the next byte that is not a quote, a backslash, or an escaped line break and its indentation. */
    private static int skipQuoting(byte[] bytes, int n, int j) {
        while (j < n) {
            byte b = bytes[j];
            if (b == '"' || b == '\'') {
                j++;
            } else if (b == '\\') {
                j++;
                int afterBreak = j < n && bytes[j] == '\r' ? j + 1 : j;
                if (afterBreak < n && bytes[afterBreak] == '\n') {
                    j = afterBreak + 1;
                    while (j < n && (bytes[j] == ' ' || bytes[j] == '\t')) {
                        j++;
                    }
                }
            } else {
                return j;
            }
        }
        return j;
    }

    private static boolean startsWithIgnoringCase(byte[] bytes, int n, int offset, byte[] prefix) {
        if (offset + prefix.length > n) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            int b = bytes[offset + i];
            if (b <= 0 || LOWER[b] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
