package dev.shimscan.core.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a rule promises about the text of a file it can fire on: for every group, the text contains at least one
 * of the group's keywords. The manifest scan reads a file whose text fulfils no enabled rule's promise without
 * parsing it. The promise must hold for every way YAML, JSON and shell can spell a value; the matcher already
 * skips quotes and backslashes inside a keyword (so {@code d"ock"er} and a backslash-escaped line break inside
 * a word still match), lets a {@code /} of a keyword match any run of slashes and backslashes, and parses every
 * file with a backslash escape of x, u or U or any non-ASCII byte; a rule need only list the ASCII strings its
 * own logic looks for. A rule that cannot promise anything keeps {@link #UNDECLARED}, which makes every file
 * worth parsing.
 *
 * @param declared false for {@link #UNDECLARED}
 * @param allOf    the groups, each a list of keywords of which one must occur; at least one group when declared
 */
public record Keywords(boolean declared, List<List<Keyword>> allOf) {
    public static final Keywords UNDECLARED = new Keywords(false, List.of());

    public Keywords {
        allOf = allOf.stream().map(List::copyOf).toList();
        if (declared && (allOf.isEmpty() || allOf.stream().anyMatch(List::isEmpty))) {
            throw new IllegalArgumentException("declared keywords need at least one keyword in every group");
        }
    }

    /** The text holds one of {@code keywords}. */
    public static Keywords anyOf(Keyword... keywords) {
        return new Keywords(true, List.of(Arrays.asList(keywords)));
    }

    /** The text holds one of {@code keywords}. */
    public static Keywords anyOf(String... keywords) {
        return new Keywords(true, List.of(Arrays.stream(keywords).map(Keyword::of).toList()));
    }

    /** The text holds one of {@code keywords}. */
    public static Keywords anyOf(List<Keyword> keywords) {
        return new Keywords(true, List.of(keywords));
    }

    /** These keywords, and also one of {@code keywords}. */
    public Keywords andAnyOf(String... keywords) {
        List<List<Keyword>> groups = new ArrayList<>(allOf);
        groups.add(Arrays.stream(keywords).map(Keyword::of).toList());
        return new Keywords(true, groups);
    }
}
