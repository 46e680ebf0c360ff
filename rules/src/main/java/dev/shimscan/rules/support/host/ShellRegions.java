package dev.shimscan.rules.support.host;

import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.rules.support.HostFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a shell runs in a host file, by the file's category:
 * <ul>
 *   <li>scripts ({@code rc.local}, {@code /usr/local/bin}, {@code /opt}, {@code cron.daily}) and login shell files:
 *       the whole file, plus the value of each {@code alias name='...'};</li>
 *   <li>crontabs: each job's command, after the five schedule fields (or an {@code @reboot}-style keyword) and, in
 *       {@code /etc/crontab} and {@code /etc/cron.d}, the user field; up to an unescaped {@code %} (the rest is
 *       the job's stdin); variable lines are not commands;</li>
 *   <li>systemd units: the value of each {@code Exec*=} line (continuation lines included), without the
 *       {@code -@+!:} prefixes;</li>
 *   <li>cloud-init: a user-data shell script as a whole; in {@code #cloud-config} (and {@code /etc/cloud/*.cfg}) the
 *       items of {@code runcmd} and {@code bootcmd} (plain, quoted, block and {@code [ flow, argv ]} items); in MIME
 *       multi-part user data each shell or cloud-config part (base64 parts are not decoded).</li>
 * </ul>
 */
final class ShellRegions {
    private static final Pattern ALIAS = Pattern.compile(
            "(?m)^[ \\t]*alias[ \\t]+(?:-[A-Za-z]+[ \\t]+)?([A-Za-z0-9_.:@+-]+)=(?:'([^'\\n]*)'|\"((?:[^\"\\\\\\n]|\\\\.)*)\"|([^\\s;'\"]+))");
    private static final Pattern CRON_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*[ \\t]*=.*");
    private static final Pattern EXEC = Pattern.compile("[ \\t]*(Exec[A-Za-z]+)[ \\t]*=[ \\t]*");
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";\\r\\n]+)\"?");
    private static final Pattern COMMAND_LIST_KEY = Pattern.compile("(runcmd|bootcmd)[ \\t]*:[ \\t]*(#.*)?");
    private static final Pattern WRITE_FILES_KEY = Pattern.compile("write_files[ \\t]*:[ \\t]*(#.*)?");
    private static final Pattern ITEM = Pattern.compile("([ \\t]*)-[ \\t]+(.*)");

    private ShellRegions() {
    }

    static List<ShellRegion> of(HostFile file) {
        String text = file.text();
        List<ShellRegion> out = new ArrayList<>();
        switch (file.category()) {
            case SCRIPT -> {
                out.add(new ShellRegion(0, text.length(), false, "script " + file.path(), ""));
                aliases(file, text, out);
            }
            case PROFILE -> {
                out.add(new ShellRegion(0, text.length(), false, "shell profile " + file.path(), ""));
                aliases(file, text, out);
            }
            case CRON, USER_CRON -> cron(file, text, file.category() == HostFileCategory.CRON, out);
            case SYSTEMD_UNIT -> exec(file, text, out);
            case CLOUD_INIT -> cloudInit(file, text, 0, text.length(), out);
            default -> {
            }
        }
        return out;
    }

    /** {@code cloud-init user data PATH} or {@code cloud-init config PATH}, for messages. */
    static String cloudInitSubject(HostFile file) {
        return (file.path().contains("user-data") ? "cloud-init user data " : "cloud-init config ") + file.path();
    }

    /** cloud-init {@code write_files} entries whose {@code path:} is under {@code /etc/docker}: (offset, path). */
    static List<int[]> dockerWrites(HostFile file) {
        if (file.category() != HostFileCategory.CLOUD_INIT) {
            return List.of();
        }
        List<int[]> out = new ArrayList<>();
        for (int[] yaml : cloudConfigParts(file.text(), 0, file.text().length())) {
            writeFiles(file.text(), yaml[0], yaml[1], out);
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------- aliases

    private static void aliases(HostFile file, String text, List<ShellRegion> out) {
        if (!text.contains("alias")) {
            return;
        }
        Matcher m = ALIAS.matcher(text);
        while (m.find()) {
            int group = m.group(2) != null ? 2 : m.group(3) != null ? 3 : 4;
            out.add(new ShellRegion(m.start(group), m.end(group), false,
                    "alias '" + m.group(1) + "' in " + file.path(), ""));
        }
    }

    // -------------------------------------------------------------------------------------------------- cron

    private static void cron(HostFile file, String text, boolean userField, List<ShellRegion> out) {
        String subject = "cron job in " + file.path();
        for (int[] line : lines(text, 0, text.length())) {
            int p = skipBlanks(text, line[0], line[1]);
            if (p >= line[1] || text.charAt(p) == '#' || CRON_VARIABLE.matcher(text.substring(p, line[1])).matches()) {
                continue;
            }
            int fields = text.charAt(p) == '@' ? 1 : 5;
            if (userField) {
                fields++;
            }
            for (int f = 0; f < fields && p < line[1]; f++) {
                while (p < line[1] && !isBlank(text.charAt(p))) {
                    p++;
                }
                p = skipBlanks(text, p, line[1]);
            }
            int end = p;
            while (end < line[1] && !(text.charAt(end) == '%' && text.charAt(end - 1) != '\\')) {
                end++;
            }
            if (end > p) {
                out.add(new ShellRegion(p, end, false, subject, ""));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ systemd

    private static void exec(HostFile file, String text, List<ShellRegion> out) {
        String subject = "systemd unit " + file.path();
        List<int[]> lines = lines(text, 0, text.length());
        for (int i = 0; i < lines.size(); i++) {
            int[] line = lines.get(i);
            Matcher m = EXEC.matcher(text).region(line[0], line[1]);
            if (!m.lookingAt()) {
                continue;
            }
            int start = m.end();
            while (start < line[1] && "-@+!:".indexOf(text.charAt(start)) >= 0) {
                start++;
            }
            int end = line[1];
            while (endsWithBackslash(text, line[0], end) && i + 1 < lines.size()) {
                line = lines.get(++i);
                end = line[1];
            }
            out.add(new ShellRegion(start, end, false, subject, m.group(1)));
        }
    }

    private static boolean endsWithBackslash(String text, int from, int end) {
        int e = end;
        while (e > from && isBlank(text.charAt(e - 1))) {
            e--;
        }
        return e > from && text.charAt(e - 1) == '\\';
    }

    // --------------------------------------------------------------------------------------------- cloud-init

    private static void cloudInit(HostFile file, String text, int from, int to, List<ShellRegion> out) {
        String subject = cloudInitSubject(file);
        for (int[] part : shellParts(text, from, to)) {
            out.add(new ShellRegion(part[0], part[1], false, subject, ""));
        }
        for (int[] yaml : cloudConfigParts(text, from, to)) {
            commandLists(text, yaml[0], yaml[1], subject, out);
        }
    }

    /** The shell-script parts: the whole text when it starts with a shebang, else the MIME parts that are scripts. */
    private static List<int[]> shellParts(String text, int from, int to) {
        if (text.startsWith("#!", from)) {
            return List.of(new int[]{from, to});
        }
        List<int[]> out = new ArrayList<>();
        for (Part p : mimeParts(text, from, to)) {
            if (!p.base64 && (p.type.startsWith("text/x-shellscript") || text.startsWith("#!", p.bodyStart))) {
                out.add(new int[]{p.bodyStart, p.bodyEnd});
            }
        }
        return out;
    }

    /** The cloud-config parts: the whole text when it is one (or a *.cfg file), else the MIME parts that are. */
    private static List<int[]> cloudConfigParts(String text, int from, int to) {
        if (text.startsWith("#!", from)) {
            return List.of();
        }
        List<Part> parts = mimeParts(text, from, to);
        if (parts.isEmpty()) {
            return List.of(new int[]{from, to});
        }
        List<int[]> out = new ArrayList<>();
        for (Part p : parts) {
            if (!p.base64 && (p.type.startsWith("text/cloud-config") || text.startsWith("#cloud-config", p.bodyStart))) {
                out.add(new int[]{p.bodyStart, p.bodyEnd});
            }
        }
        return out;
    }

    /** One part of a MIME multi-part text: its content type and body. */
    private record Part(String type, boolean base64, int bodyStart, int bodyEnd) {
    }

    private static List<Part> mimeParts(String text, int from, int to) {
        String head = text.substring(from, Math.min(to, from + 4096));
        if (!head.toLowerCase(Locale.ROOT).contains("content-type: multipart/")) {
            return List.of();
        }
        Matcher b = BOUNDARY.matcher(head);
        if (!b.find()) {
            return List.of();
        }
        String delimiter = "--" + b.group(1).trim();
        List<Part> out = new ArrayList<>();
        List<int[]> lines = lines(text, from, to);
        int partStart = -1;
        for (int i = 0; i <= lines.size(); i++) {
            boolean delimiterLine = i == lines.size()
                    || text.substring(lines.get(i)[0], lines.get(i)[1]).strip().startsWith(delimiter);
            if (!delimiterLine) {
                continue;
            }
            if (partStart >= 0) {
                int end = i == lines.size() ? to : lines.get(i)[0];
                part(text, partStart, end).ifPresent(out::add);
            }
            partStart = i < lines.size() ? lines.get(i)[1] + 1 : -1;
        }
        return out;
    }

    private static java.util.Optional<Part> part(String text, int start, int end) {
        String type = "";
        boolean base64 = false;
        for (int[] line : lines(text, Math.min(start, end), end)) {
            String l = text.substring(line[0], line[1]).strip();
            if (l.isEmpty()) {
                return java.util.Optional.of(new Part(type, base64, Math.min(line[1] + 1, end), end));
            }
            String lower = l.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                type = lower.substring("content-type:".length()).strip();
            } else if (lower.startsWith("content-transfer-encoding:") && lower.contains("base64")) {
                base64 = true;
            }
        }
        return java.util.Optional.empty();
    }

    /** The items of top-level {@code runcmd:} and {@code bootcmd:} lists. */
    private static void commandLists(String text, int from, int to, String subject, List<ShellRegion> out) {
        List<int[]> lines = lines(text, from, to);
        for (int i = 0; i < lines.size(); i++) {
            int[] line = lines.get(i);
            Matcher key = COMMAND_LIST_KEY.matcher(text).region(line[0], line[1]);
            if (!key.matches()) {
                continue;
            }
            String place = key.group(1);
            int itemIndent = -1;
            for (int j = i + 1; j < lines.size(); j++) {
                int[] l = lines.get(j);
                String s = text.substring(l[0], l[1]);
                if (s.isBlank() || s.stripLeading().startsWith("#")) {
                    continue;
                }
                Matcher item = ITEM.matcher(s);
                int indent = indentOf(s);
                if (!item.matches() || (itemIndent >= 0 && indent != itemIndent)) {
                    if (itemIndent >= 0 && indent > itemIndent) {
                        continue;   // inside a block item, handled with its item
                    }
                    i = j - 1;
                    break;
                }
                itemIndent = indent;
                int restStart = l[0] + item.start(2);
                j = item(text, lines, j, restStart, l[1], indent, subject, place, out);
                i = j;
            }
        }
    }

    /** Adds one list item; returns the index of its last line. */
    private static int item(String text, List<int[]> lines, int j, int rest, int lineEnd, int indent, String subject,
                            String place, List<ShellRegion> out) {
        char c = rest < lineEnd ? text.charAt(rest) : ' ';
        if (c == '[') {
            out.add(new ShellRegion(rest, lineEnd, true, subject, place));
        } else if (c == '|' || c == '>') {
            int last = j;
            for (int k = j + 1; k < lines.size(); k++) {
                String s = text.substring(lines.get(k)[0], lines.get(k)[1]);
                if (!s.isBlank() && indentOf(s) <= indent) {
                    break;
                }
                last = k;
            }
            if (last > j) {
                out.add(new ShellRegion(lines.get(j + 1)[0], lines.get(last)[1], false, subject, place));
            }
            return last;
        } else if (c == '"' || c == '\'') {
            int close = text.indexOf(c, rest + 1);
            if (close > rest && close <= lineEnd) {
                out.add(new ShellRegion(rest + 1, close, false, subject, place));
            }
        } else {
            out.add(new ShellRegion(rest, lineEnd, false, subject, place));
        }
        return j;
    }

    private static void writeFiles(String text, int from, int to, List<int[]> out) {
        List<int[]> lines = lines(text, from, to);
        boolean inside = false;
        Pattern path = Pattern.compile("[ \\t]*(?:-[ \\t]+)?path[ \\t]*:[ \\t]*['\"]?(/etc/docker(?:/[^'\"\\s#]*)?)");
        for (int[] line : lines) {
            String s = text.substring(line[0], line[1]);
            if (WRITE_FILES_KEY.matcher(s).matches()) {
                inside = true;
                continue;
            }
            if (inside && !s.isBlank() && indentOf(s) == 0 && !s.startsWith("-") && !s.startsWith("#")) {
                inside = false;
            }
            if (inside) {
                Matcher m = path.matcher(s);
                if (m.lookingAt()) {
                    out.add(new int[]{line[0] + m.start(1), line[0] + m.end(1)});
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- lines

    /** [start, end) of each line in [from, to), without its line break. */
    static List<int[]> lines(String text, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int s = from;
        while (s < to) {
            int e = text.indexOf('\n', s);
            if (e < 0 || e > to) {
                e = to;
            }
            int end = e > s && text.charAt(e - 1) == '\r' ? e - 1 : e;
            out.add(new int[]{s, end});
            s = e + 1;
        }
        return out;
    }

    private static int indentOf(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipBlanks(String text, int p, int end) {
        while (p < end && isBlank(text.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
