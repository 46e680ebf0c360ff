package dev.shimscan.core.rule;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A string without which a rule cannot fire, as it appears in a file's text: ASCII, matched ignoring case.
 * Occurrences immediately followed (in the raw text, ignoring case) by one of {@code notFollowedBy} do not count,
 * e.g. {@code docker} followed by {@code .io/}: a registry host, never a Docker Engine dependency.
 *
 * @param text          two or more lower-case letters, digits and {@code . _ / : -}, not starting with {@code /}
 * @param notFollowedBy continuations that make an occurrence irrelevant, in the same alphabet
 */
public record Keyword(String text, List<String> notFollowedBy) {
    private static final Pattern ALPHABET = Pattern.compile("[a-z0-9._:-][a-z0-9._/:-]+");

    public Keyword {
        requireAlphabet(text);
        notFollowedBy = List.copyOf(notFollowedBy);
        notFollowedBy.forEach(Keyword::requireAlphabet);
    }

    public static Keyword of(String text) {
        return new Keyword(text, List.of());
    }

    /** The same keyword, except where one of {@code continuations} follows it. */
    public Keyword notFollowedBy(String... continuations) {
        return new Keyword(text, List.of(continuations));
    }

    // equals and hashCode by hand: the generated ones are linked through invokedynamic on first use, which costs
    // a cold start tens of milliseconds (docs/benchmarks.md, "Start-up"); these are the same comparisons.
    @Override
    public boolean equals(Object o) {
        return o instanceof Keyword k && text.equals(k.text) && notFollowedBy.equals(k.notFollowedBy);
    }

    @Override
    public int hashCode() {
        return 31 * text.hashCode() + notFollowedBy.hashCode();
    }

    private static void requireAlphabet(String s) {
        // quotes, backslashes and spaces are skipped or break words when matching; keywords never contain them
        if (s == null || !ALPHABET.matcher(s).matches() || !s.equals(s.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("a keyword is two or more of lower-case [a-z0-9._/:-], not starting with /: " + s);
        }
    }
}
