package dev.shimscan.core.source.manifest;

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
 * Decides from a file's bytes, without decoding or parsing them, whether any enabled rule could fire on it: it
 * could when the text fulfils the rule's {@link Keywords}. The answer errs on the side of parsing: a file is also
 * parsed when it could spell a keyword in a way a byte search does not see (a backslash escape with x, u or U,
 * any non-ASCII byte, a UTF-16 byte-order mark) or when parsing it has something else to say ({@code {{} of an
 * unrendered Helm template, a NUL byte of a binary file). Inside a keyword, quotes and backslashes are skipped
 * (shell quote removal, JSON and YAML escapes), a backslash before a line break skips the break and the next
 * line's indentation (YAML double-quoted folding), and a {@code /} matches any run of slashes and backslashes.
 * Thread-safe.
 */
public final class KeywordFilter {
    private static final byte[] LOWER = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }

    /**
     * One keyword to look for. A decisive one belongs to a rule with a single group: finding it settles the
     * answer. The others set their {@code bit} and settle it once every group of some rule has a bit set.
     */
    private record Candidate(byte[] text, byte[][] notFollowedBy, boolean decisive, long bit) {
    }

    /** Keywords by their first byte. */
    private final Candidate[][] byFirstByte = new Candidate[128][];
    /**
     * Keywords by their first two bytes ({@code 128 * first + second}), for the usual case of a second byte that is
     * not a quote, a backslash or a slash (a keyword's second byte is never a quote or a backslash; one whose
     * second byte is a slash can only match where the text's second byte is one of those).
     */
    private final Candidate[][] byFirstTwoBytes = new Candidate[128 * 128][];
    /** What a byte may start: {@link #NOTHING}, {@link #KEYWORD} (some keyword's first byte) or {@link #ESCAPE}. */
    private final byte[] starts = new byte[128];
    private static final byte NOTHING = 0;
    private static final byte KEYWORD = 1;
    /** A backslash (an escape with x, u or U) or {@code {} (of {@code {{}): looked at more closely. */
    private static final byte ESCAPE = 2;
    /** For each rule with several groups, one mask per group. */
    private final List<long[]> conjunctions;

    private KeywordFilter(List<Candidate> candidates, List<long[]> conjunctions) {
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
        for (int c = 0; c < 128; c++) {
            if (byFirstByte[LOWER[c]] != null) {
                starts[c] = KEYWORD;
            }
        }
        starts['\\'] = ESCAPE;
        starts['{'] = ESCAPE;
        this.conjunctions = conjunctions;
    }

    /**
     * The filter for the rules that apply to manifests among {@code rules}; empty when one of them declares no
     * keywords (every file must then be parsed).
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
        // decisive keywords first, so that a keyword both decisive and part of a group is decisive
        Map<Keyword, Boolean> decisive = new LinkedHashMap<>();
        for (Keywords k : declarations) {
            if (k.allOf().size() == 1) {
                k.allOf().get(0).forEach(w -> decisive.put(w, true));
            }
        }
        Map<Keyword, Long> bits = new LinkedHashMap<>();
        List<long[]> conjunctions = new ArrayList<>();
        for (Keywords k : declarations) {
            if (k.allOf().size() == 1) {
                continue;
            }
            long[] masks = new long[k.allOf().size()];
            for (int g = 0; g < masks.length; g++) {
                for (Keyword w : k.allOf().get(g)) {
                    if (decisive.containsKey(w) || bits.size() == Long.SIZE && !bits.containsKey(w)) {
                        decisive.put(w, true); // out of bits: finding it alone settles it, which only parses more
                        masks[g] = -1L;
                    } else {
                        masks[g] |= bits.computeIfAbsent(w, x -> 1L << bits.size());
                    }
                }
            }
            conjunctions.add(masks);
        }
        List<Candidate> candidates = new ArrayList<>();
        decisive.keySet().forEach(w -> candidates.add(candidate(w, true, 0)));
        bits.forEach((w, bit) -> {
            if (!decisive.containsKey(w)) {
                candidates.add(candidate(w, false, bit));
            }
        });
        return Optional.of(new KeywordFilter(candidates, conjunctions));
    }

    private static Candidate candidate(Keyword w, boolean decisive, long bit) {
        return new Candidate(w.text().getBytes(StandardCharsets.US_ASCII),
                w.notFollowedBy().stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new),
                decisive, bit);
    }

    /** True when the file must be parsed: a rule could fire on it, or parsing it could report a problem. */
    public boolean mustParse(byte[] bytes) {
        return mustParse(bytes, bytes.length);
    }

    /** {@link #mustParse(byte[])} of the first {@code n} bytes of {@code bytes} (a reused read buffer). */
    public boolean mustParse(byte[] bytes, int n) {
        if (n >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return true;
        }
        long found = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i];
            if (b <= 0) {
                return true; // non-ASCII (negative) or NUL
            }
            byte kind = starts[b];
            if (kind == NOTHING) {
                continue;
            }
            if (kind == ESCAPE) {
                if (b == '\\' && i + 1 < n && (bytes[i + 1] == 'x' || bytes[i + 1] == 'u' || bytes[i + 1] == 'U')) {
                    return true;
                }
                if (b == '{' && i + 1 < n && bytes[i + 1] == '{') {
                    return true;
                }
                continue;
            }
            int first = LOWER[b];
            if (i + 1 >= n) {
                continue;
            }
            int next = bytes[i + 1];
            Candidate[] candidates;
            if (next == '"' || next == '\'' || next == '\\' || next == '/') {
                candidates = byFirstByte[first]; // the second byte may be skipped or be a separator: try them all
            } else if (next <= 0) {
                continue; // a non-ASCII or NUL byte: mustParse says so when the loop reaches it
            } else {
                candidates = byFirstTwoBytes[128 * first + LOWER[next]];
                if (candidates == null) {
                    continue;
                }
            }
            for (Candidate c : candidates) {
                if ((found & c.bit()) != 0 || !occursAt(bytes, n, i, c)) {
                    continue;
                }
                if (c.decisive()) {
                    return true;
                }
                found |= c.bit();
                if (fulfilsAConjunction(found)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean fulfilsAConjunction(long found) {
        for (long[] groups : conjunctions) {
            boolean all = true;
            for (long g : groups) {
                if ((found & g) == 0) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
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
