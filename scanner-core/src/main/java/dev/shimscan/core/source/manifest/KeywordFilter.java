package dev.shimscan.core.source.manifest;

import dev.shimscan.core.engine.RuleSelection;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.Keyword;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.rule.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Speed: at each byte, the pair it starts and the class of the byte after the pair say whether it needs a closer
 * look: a table of all 65,536 pairs holds, per pair, the classes of third bytes with which a keyword (or one of the
 * bytes above) could start there. Most positions need none (in manifests about one in a hundred does), so the
 * loop over a file is three loads, two table lookups and a test per byte.
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
    private record Candidate(byte[] text, byte[][] notFollowedBy, long rules, long groups, int head) {
        Candidate(byte[] text, byte[][] notFollowedBy, long rules, long groups) {
            this(text, notFollowedBy, rules, groups, plainHead(text, 0, text.length));
        }
    }

    /**
     * The four bytes at {@code offset}, lower-cased, in one int; -1 when one of them is not plain (past
     * {@code n}, not ASCII, NUL, a quote, a backslash or a slash), so that comparing two heads compares what
     * {@link #occursAt} compares byte by byte.
     */
    private static int plainHead(byte[] bytes, int offset, int n) {
        if (offset + 4 > n) {
            return -1;
        }
        int head = 0;
        for (int k = 0; k < 4; k++) {
            int b = bytes[offset + k];
            if (b <= 0 || CLASS[b] == QUOTING || CLASS[b] == SLASH) {
                return -1;
            }
            head = (head << 8) | LOWER[b];
        }
        return head;
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

    /** Letters are classes 0 to 25 in either case; the classes below hold the other bytes. */
    private static final int QUOTING = 1 << 26; // " ' and backslash: skipped inside a keyword
    private static final int LINE_BREAK = 1 << 27; // CR and LF: skipped after a backslash inside a keyword
    private static final int SLASH = 1 << 28;
    private static final int NOT_ASCII = 1 << 31; // NUL and bytes above 127
    /** Each byte's class, as a bit. */
    private static final int[] CLASS = new int[256];
    /** The class of "no third byte": the end of the text, where any pair that may need a look gets it. */
    private static final int END = -1;

    static {
        for (int b = 0; b < 256; b++) {
            int lower = b < 128 ? LOWER[b] : b;
            if (lower >= 'a' && lower <= 'z') {
                CLASS[b] = 1 << (lower - 'a');
            } else if (b == '"' || b == '\'' || b == '\\') {
                CLASS[b] = QUOTING;
            } else if (b == '\r' || b == '\n') {
                CLASS[b] = LINE_BREAK;
            } else if (b == '/') {
                CLASS[b] = SLASH;
            } else if (b == 0 || b >= 128) {
                CLASS[b] = NOT_ASCII;
            } else {
                CLASS[b] = 1 << (29 + (b & 1)); // digits and other punctuation share classes 29 and 30
            }
        }
    }

    /**
     * For each pair of bytes ({@code 256 * first + second}): the {@link #CLASS classes} of the third byte with which
     * the first needs a closer look; 0 for never, -1 for always.
     */
    private final int[] looks = new int[256 * 256];
    /** Every keyword, for {@link #selectByTrial}. */
    private final Candidate[] candidates;
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
        // only the rows of bytes that may start something need lookAt (the start-up runs this interpreted: all
        // 65,536 pairs took 60-130 ms); the rows of other bytes stay 0, and lookAt would give 0 for them too
        for (int first = 0; first < 256; first++) {
            if (first == 0 || first >= 128) {
                Arrays.fill(looks, 256 * first, 256 * first + 256, -1);
            } else if (first == '\\' || first == '{' || byFirstByte[LOWER[first]] != null) {
                for (int second = 0; second < 256; second++) {
                    looks[256 * first + second] = lookAt(first, second);
                }
            }
        }
        this.candidates = candidates.toArray(Candidate[]::new);
        this.conjunctions = conjunctions.toArray(Conjunction[]::new);
        this.everyRule = everyRule;
    }

    /**
     * The classes of third bytes with which the byte {@code first}, followed by {@code second}, needs a closer look:
     * it may start a keyword there (see {@link #occursAt}), or it is one of the bytes that make every rule run.
     */
    private int lookAt(int first, int second) {
        if (first == 0 || first >= 128) {
            return -1; // NUL or non-ASCII: every rule runs
        }
        if (first == '\\') {
            return second == 'x' || second == 'u' || second == 'U' ? -1 : 0; // an escape may spell a keyword
        }
        if (first == '{') {
            return second == '{' ? -1 : 0; // a Helm template: parsing reports it
        }
        Candidate[] withFirst = byFirstByte[LOWER[first]];
        if (withFirst == null || second == 0 || second >= 128) {
            return 0; // a NUL or non-ASCII second byte: the pair that starts with it says so
        }
        if (second == '"' || second == '\'' || second == '\\') {
            // skipped: the third byte is another one, a line break after a backslash, or the keyword's second
            int classes = QUOTING | (second == '\\' ? LINE_BREAK : 0);
            for (Candidate c : withFirst) {
                classes |= c.text()[1] == '/' ? -1 : CLASS[c.text()[1]];
            }
            return classes;
        }
        if (second == '/') {
            for (Candidate c : withFirst) {
                if (c.text()[1] == '/') {
                    return -1;
                }
            }
            return 0;
        }
        Candidate[] withBoth = byFirstTwoBytes[128 * LOWER[first] + LOWER[second]];
        if (withBoth == null) {
            return 0;
        }
        int classes = QUOTING; // quotes and backslashes may come before the keyword's third byte
        for (Candidate c : withBoth) {
            if (c.text().length < 3) {
                return -1;
            }
            classes |= c.text()[2] == '/' ? SLASH : CLASS[c.text()[2]];
        }
        return classes;
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
        int[] looks = this.looks;
        Search search = new Search(bytes, n);
        int p = 0;
        if (n > 5) {
            int b0 = bytes[0] & 0xFF;
            int b1 = bytes[1] & 0xFF;
            // four positions a step; a position that needs a look is looked at without leaving the loop
            do {
                int b2 = bytes[p + 2] & 0xFF;
                int b3 = bytes[p + 3] & 0xFF;
                int b4 = bytes[p + 4] & 0xFF;
                int b5 = bytes[p + 5] & 0xFF;
                int m0 = looks[(b0 << 8) | b1] & CLASS[b2];
                int m1 = looks[(b1 << 8) | b2] & CLASS[b3];
                int m2 = looks[(b2 << 8) | b3] & CLASS[b4];
                int m3 = looks[(b3 << 8) | b4] & CLASS[b5];
                if ((m0 | m1 | m2 | m3) != 0 && (m0 != 0 && search.lookAt(p) || m1 != 0 && search.lookAt(p + 1)
                        || m2 != 0 && search.lookAt(p + 2) || m3 != 0 && search.lookAt(p + 3))) {
                    return search.selected;
                }
                b0 = b4;
                b1 = b5;
                p += 4;
            } while (p + 5 < n);
        }
        for (; p < n - 1; p++) {
            int third = p + 2 < n ? CLASS[bytes[p + 2] & 0xFF] : END;
            if ((looks[((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF)] & third) != 0 && search.lookAt(p)) {
                return search.selected;
            }
        }
        int last = bytes[n - 1] & 0xFF;
        return last == 0 || last >= 128 ? RuleSelection.ALL : search.selected;
    }

    /**
     * What {@link #select} answers, found the slow way: every keyword tried at every offset with the general matcher,
     * without the tables and shortcuts that make {@code select} fast. Tests hold the two against each other; the
     * answers agree, except that when every rule is selected one may say {@link RuleSelection#ALL} and the other
     * name every rule's bit.
     */
    long selectByTrial(byte[] bytes, int n) {
        if (n >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return RuleSelection.ALL;
        }
        for (int p = 0; p < n; p++) {
            int b = bytes[p] & 0xFF;
            int next = p + 1 < n ? bytes[p + 1] : -1;
            if (b == 0 || b >= 128 || b == '\\' && (next == 'x' || next == 'u' || next == 'U')
                    || b == '{' && next == '{') {
                return RuleSelection.ALL;
            }
        }
        long selected = 0;
        long found = 0;
        for (int p = 0; p < n; p++) {
            for (Candidate c : candidates) {
                if (LOWER[bytes[p]] == c.text()[0] && occursAtSkipping(bytes, n, p, c)) {
                    selected |= c.rules();
                    found |= c.groups();
                }
            }
        }
        return selected | conjunctionsMet(found);
    }

    /** The keywords found so far in one text. */
    private final class Search {
        private final byte[] bytes;
        private final int n;
        /** The rules selected so far. */
        long selected;
        /** The keyword bits found so far among the keywords of rules with several groups. */
        private long found;

        Search(byte[] bytes, int n) {
            this.bytes = bytes;
            this.n = n;
        }

        /**
         * Looks for a keyword, or a byte that makes every rule run, at offset {@code p}. True when the search is
         * over: every rule is {@link #selected}.
         */
        boolean lookAt(int p) {
            int first = bytes[p] & 0xFF;
            int second = bytes[p + 1] & 0xFF;
            if (first == 0 || first >= 128 || first == '\\' || first == '{') {
                selected = RuleSelection.ALL;
                return true;
            }
            boolean plain = second != '"' && second != '\'' && second != '\\' && second != '/';
            Candidate[] candidates = plain
                    ? byFirstTwoBytes[128 * LOWER[first] + LOWER[second]]
                    : byFirstByte[LOWER[first]];
            int head = plain ? plainHead(bytes, p, n) : -1;
            for (Candidate c : candidates) {
                if ((selected & c.rules()) == c.rules() && (found & c.groups()) == c.groups()) {
                    continue; // nothing new
                }
                if (head != -1 && c.head() != -1 && head != c.head() || !occursAt(bytes, n, p, c)) {
                    continue; // the first four bytes differ at a plain byte, or the keyword is not there
                }
                selected |= c.rules();
                if ((found & c.groups()) != c.groups()) {
                    found |= c.groups();
                    selected |= conjunctionsMet(found);
                }
                if ((selected & everyRule) == everyRule) {
                    return true;
                }
            }
            return false;
        }
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
        // the usual case first: the text spells the keyword byte by byte, or differs at a plain byte
        int plainEnd = Math.min(text.length, n - start);
        for (int k = 1; k < plainEnd; k++) {
            int b = bytes[start + k];
            if (b > 0 && LOWER[b] == text[k] && text[k] != '/') {
                continue;
            }
            if (b <= 0 || CLASS[b] != QUOTING && CLASS[b] != SLASH && text[k] != '/') {
                return false;
            }
            return occursAtSkipping(bytes, n, start, c);
        }
        return plainEnd == text.length && notFollowedBy(bytes, n, start + text.length, c);
    }

    /** {@link #occursAt} where quotes, backslashes or a run of slashes may lie between the keyword's bytes. */
    private static boolean occursAtSkipping(byte[] bytes, int n, int start, Candidate c) {
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
        return notFollowedBy(bytes, n, j, c);
    }

    /** True when none of the keyword's excluded continuations starts at {@code j}. */
    private static boolean notFollowedBy(byte[] bytes, int n, int j, Candidate c) {
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
