package dev.shimscan.rules.support.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The option syntax of one program: which short options ({@code -u root}, {@code -uroot}, {@code -Eu root}) and
 * which long options ({@code --user root}; {@code --user=root} never needs this) take an argument. Enough to
 * step over options to the command or operands that follow them.
 */
final class Options {
    static final Options NONE = new Options("");

    private final String shortWithArgument;
    private final Set<String> longWithArgument;

    Options(String shortWithArgument, String... longWithArgument) {
        this.shortWithArgument = shortWithArgument;
        this.longWithArgument = Set.of(longWithArgument);
    }

    /** Index of the first word at or after {@code from} that is not an option or an option's argument. */
    int skip(List<Word> words, int from) {
        int i = from;
        while (i < words.size()) {
            String v = words.get(i).value();
            if (v.equals("--")) {
                return i + 1;
            }
            if (!isOption(v)) {
                return i;
            }
            i += width(v);
        }
        return words.size();
    }

    /** Indices of the operands after {@code from}: options (wherever they stand) and their arguments left out. */
    List<Integer> operands(List<Word> words, int from) {
        List<Integer> out = new ArrayList<>();
        boolean options = true;
        for (int i = from; i < words.size(); i++) {
            String v = words.get(i).value();
            if (options && v.equals("--")) {
                options = false;
            } else if (options && isOption(v)) {
                i += width(v) - 1;
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The argument of option {@code shortName} / {@code longName} ({@code -t DIR}, {@code -tDIR},
     * {@code -vt DIR}, {@code --target-directory DIR}, {@code --target-directory=DIR}), or null.
     */
    String valueOf(List<Word> words, int from, char shortName, String longName) {
        for (int i = from; i < words.size(); i++) {
            String v = words.get(i).value();
            if (v.equals("--")) {
                return null;
            }
            if (longName != null && v.startsWith(longName + "=")) {
                return v.substring(longName.length() + 1);
            }
            if (longName != null && v.equals(longName)) {
                return i + 1 < words.size() ? words.get(i + 1).value() : null;
            }
            if (!isOption(v)) {
                continue;
            }
            if (!v.startsWith("--")) {
                for (int k = 1; k < v.length(); k++) {
                    char c = v.charAt(k);
                    if (c == shortName) {
                        if (k + 1 < v.length()) {
                            return v.substring(k + 1);
                        }
                        return i + 1 < words.size() ? words.get(i + 1).value() : null;
                    }
                    if (shortWithArgument.indexOf(c) >= 0) {
                        break;
                    }
                }
            }
            i += width(v) - 1;
        }
        return null;
    }

    /** Whether flag {@code shortName} or {@code longName} is given before the first {@code --}. */
    boolean hasFlag(List<Word> words, int from, char shortName, String longName) {
        for (int i = from; i < words.size(); i++) {
            String v = words.get(i).value();
            if (v.equals("--")) {
                return false;
            }
            if (!isOption(v)) {
                continue;
            }
            if (v.startsWith("--")) {
                if (v.equals(longName) || (longName != null && v.startsWith(longName + "="))) {
                    return true;
                }
            } else {
                for (int k = 1; k < v.length(); k++) {
                    char c = v.charAt(k);
                    if (c == shortName) {
                        return true;
                    }
                    if (shortWithArgument.indexOf(c) >= 0) {
                        break;
                    }
                }
            }
            i += width(v) - 1;
        }
        return false;
    }

    static boolean isOption(String v) {
        return v.length() > 1 && v.charAt(0) == '-';
    }

    /** How many words an option takes: 2 when its argument is the next word, else 1. */
    private int width(String v) {
        if (v.startsWith("--")) {
            return v.indexOf('=') < 0 && longWithArgument.contains(v) ? 2 : 1;
        }
        for (int k = 1; k < v.length(); k++) {
            if (shortWithArgument.indexOf(v.charAt(k)) >= 0) {
                return k == v.length() - 1 ? 2 : 1;
            }
        }
        return 1;
    }
}
