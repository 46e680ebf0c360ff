package dev.shimscan.core.source.host;

import dev.shimscan.core.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the host scan deliberately did not read, for the report's {@code coverage.notChecked}: symlinks that lead
 * nowhere inside the root, loops, files over the size limit one by one (up to {@link #MAX_ENTRIES}), binaries and
 * non-shell text files counted per place.
 */
final class HostNotes {
    static final int MAX_ENTRIES = 100;
    static final String KIND = HostFiles.KIND;

    private final List<String> entries = new ArrayList<>();
    private int dropped;
    private final Map<String, Tally> binaries = new TreeMap<>();
    private final Map<String, Tally> notShell = new TreeMap<>();

    /** A count with the first few examples. */
    private static final class Tally {
        int count;
        final List<String> examples = new ArrayList<>();

        void add(String path) {
            count++;
            if (examples.size() < 3) {
                examples.add(path);
            }
        }
    }

    synchronized void note(String path, String why) {
        if (entries.size() < MAX_ENTRIES) {
            entries.add(path + ": " + why);
        } else {
            dropped++;
        }
    }

    synchronized void binary(String place, String path) {
        binaries.computeIfAbsent(place, k -> new Tally()).add(path);
    }

    synchronized void notShell(String place, String path) {
        notShell.computeIfAbsent(place, k -> new Tally()).add(path);
    }

    int binaryCount() {
        return binaries.values().stream().mapToInt(t -> t.count).sum();
    }

    List<Report.Skipped> toSkipped() {
        List<Report.Skipped> out = new ArrayList<>();
        for (String e : entries) {
            out.add(new Report.Skipped(KIND, null, e));
        }
        if (dropped > 0) {
            out.add(new Report.Skipped(KIND, null, "... and " + dropped + " more files or links not read"));
        }
        binaries.forEach((place, t) -> out.add(new Report.Skipped(KIND, null, place + ": " + t.count
                + (t.count == 1 ? " binary file" : " binary files") + " not read (" + examples(t) + ")")));
        notShell.forEach((place, t) -> out.add(new Report.Skipped(KIND, null, place + ": " + t.count
                + (t.count == 1 ? " text file that is" : " text files that are") + " not a shell script (another "
                + "interpreter, or data) not analysed (" + examples(t) + ")")));
        return out;
    }

    private static String examples(Tally t) {
        return (t.count > t.examples.size() ? "e.g. " : "") + String.join(", ", t.examples);
    }
}
