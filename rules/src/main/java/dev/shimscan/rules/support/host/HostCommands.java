package dev.shimscan.rules.support.host;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.CommandSites;
import dev.shimscan.rules.support.CommandSites.Match;
import dev.shimscan.rules.support.CommandSites.Site;
import dev.shimscan.rules.support.HostFile;
import dev.shimscan.rules.support.shell.ShellAnalysis;
import dev.shimscan.rules.support.shell.ShellMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shell commands of host files ({@link ShellRegions}) that depend on Docker Engine, through the shared
 * {@linkplain CommandSites shell analysis}, and which rule reports each line. One line gets one finding:
 * <ol>
 *   <li>DS602, in a systemd unit, for an {@code Exec*=} command that runs a container through Docker
 *       ({@code docker run}, {@code docker start}, {@code docker compose up});</li>
 *   <li>DS203 for a write under {@code /etc/docker} (including cloud-init {@code write_files});</li>
 *   <li>DS202 for control of the Docker daemon ({@code systemctl restart docker}, {@code dockerd});</li>
 *   <li>DS601 for any other use of the Docker CLI.</li>
 * </ol>
 * A line with two dependencies is reported once, by the first rule of this list, at its first such command. Docker's
 * own units ({@code docker.service}, {@code docker.socket} and their drop-ins) are not read.
 */
public final class HostCommands {

    /** The rule a line belongs to, in order of precedence. */
    public enum Owner {
        /** DS602: a unit runs a container through Docker. */
        UNIT_CONTAINER,
        /** DS203. */
        CONFIG_WRITE,
        /** DS202. */
        DAEMON_CONTROL,
        /** DS601. */
        CLI
    }

    private static final int MAX_EVIDENCE = 120;
    private static final Set<String> RUNS_CONTAINER = Set.of("run", "start", "create", "container run",
            "container start", "container create", "compose up", "compose start", "compose run", "up");

    private HostCommands() {
    }

    /** True for a host file resource (its shell commands are found here, not in pod specs). */
    public static boolean isHostFile(Resource resource) {
        return HostFile.of(resource).isPresent();
    }

    /** The matches of a host file resource that {@code owner}'s rule reports: one per line. */
    public static List<Match> owned(Resource resource, Owner owner) {
        return HostFile.of(resource).map(f -> owned(f, owner)).orElse(List.of());
    }

    static List<Match> owned(HostFile file, Owner owner) {
        if (isDockersOwnUnit(file)) {
            return List.of();
        }
        Map<Integer, Match> byLine = new TreeMap<>();
        Map<Integer, Owner> ownerOfLine = new TreeMap<>();
        List<Match> all = new ArrayList<>(matches(file));
        all.sort(Comparator.comparingInt(Match::offset));
        for (Match m : all) {
            int line = file.lineOf(Math.max(m.offset(), m.shell().offset()));
            Owner o = ownerOf(file, m.shell());
            Owner current = ownerOfLine.get(line);
            if (current == null || o.ordinal() < current.ordinal()) {
                ownerOfLine.put(line, o);
                byLine.put(line, m);
            }
        }
        List<Match> out = new ArrayList<>();
        byLine.forEach((line, m) -> {
            if (ownerOfLine.get(line) == owner) {
                out.add(m);
            }
        });
        return out;
    }

    /** Every Docker-dependent command of the file, tied to the file's content node. */
    static List<Match> matches(HostFile file) {
        String text = file.text();
        if (!text.contains("docker")) {
            return List.of();
        }
        List<Match> out = new ArrayList<>();
        for (ShellRegion region : ShellRegions.of(file)) {
            if (!region.mentionsDocker(text)) {
                continue;
            }
            Site site = new Site(region.subject(), region.place(), null, true);
            if (file.category() == HostFileCategory.SYSTEMD_UNIT) {
                execMatches(file, region, site, out);
                continue;
            }
            boolean whole = region.start() == 0 && region.end() == text.length() && !region.flowArgv();
            NodeRef view = whole ? file.content() : new NodeRef(TextNode.valueOf(region.masked(text)),
                    file.content().path());
            for (Match m : CommandSites.inScript(site, view)) {
                out.add(onFile(file, m.site(), m.shell(), m.evidence(), m.offset()));
            }
        }
        for (int[] write : ShellRegions.dockerWrites(file)) {
            String path = text.substring(write[0], write[1]);
            int line = file.lineOf(write[0]);
            int column = write[0] - (text.lastIndexOf('\n', write[0] - 1) + 1);
            ShellMatch m = new ShellMatch(ShellMatch.Kind.DOCKER_CONFIG_WRITE, "write_files", "write_files", path, -1,
                    write[0], line, column);
            out.add(onFile(file, new Site(ShellRegions.cloudInitSubject(file), "", null, true), m, path, write[0]));
        }
        return out;
    }

    /**
     * The matches of a unit's {@code Exec*=} value. systemd does not run it through a shell: it splits the value into
     * words (quotes and backslash-newline as a shell would) and executes them, so the words are analysed as a command
     * vector; a shell in it ({@code /bin/sh -c '...'}) has its script analysed.
     */
    private static void execMatches(HostFile file, ShellRegion region, Site site, List<Match> out) {
        String text = file.text();
        List<String> words = new ArrayList<>();
        List<int[]> origins = new ArrayList<>();
        int i = region.start();
        while (i < region.end()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < region.end() && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) {
                i += 2;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            List<Integer> origin = new ArrayList<>();
            char quote = 0;
            while (i < region.end()) {
                c = text.charAt(i);
                if (quote == 0 && Character.isWhitespace(c)) {
                    break;
                }
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < region.end() && quote != '\'') {
                    i++;
                    word.append(text.charAt(i));
                    origin.add(i);
                } else {
                    word.append(c);
                    origin.add(i);
                }
                i++;
            }
            words.add(word.toString());
            origins.add(origin.stream().mapToInt(Integer::intValue).toArray());
        }
        for (ShellMatch m : ShellAnalysis.ofArgv(words)) {
            if (m.element() < 0 || m.element() >= words.size()) {
                continue;
            }
            int[] origin = origins.get(m.element());
            int offset = origin.length == 0 ? region.start()
                    : origin[Math.min(Math.max(m.offset(), 0), origin.length - 1)];
            out.add(onFile(file, site, m, null, offset));
        }
    }

    /**
     * A match tied to the file's content node at {@code offset}. The evidence is kept when the file has it there
     * verbatim, else it is the file's text from the offset to the end of the command on its line.
     */
    private static Match onFile(HostFile file, Site site, ShellMatch shell, String evidence, int offset) {
        String text = file.text();
        if (offset < 0) {
            return new Match(site, shell, file.content(), "", evidence == null ? shell.description() : evidence, -1);
        }
        if (evidence != null && !evidence.isEmpty() && text.startsWith(evidence, offset)) {
            return new Match(site, shell, file.content(), "", evidence, offset);
        }
        int end = offset;
        while (end < text.length() && end - offset < MAX_EVIDENCE && text.charAt(end) != '\n'
                && text.charAt(end) != '\r'
                && !(end > offset && text.charAt(end) == '#' && Character.isWhitespace(text.charAt(end - 1)))) {
            end++;
        }
        String cut = text.substring(offset, end).replaceFirst("[\\s\\\\\"'\\],]+$", "");
        return new Match(site, shell, file.content(), "", cut.isEmpty() ? shell.description() : cut,
                cut.isEmpty() ? -1 : offset);
    }

    static Owner ownerOf(HostFile file, ShellMatch m) {
        return switch (m.kind()) {
            case DOCKER_CONFIG_WRITE -> Owner.CONFIG_WRITE;
            case DOCKER_DAEMON_CONTROL -> Owner.DAEMON_CONTROL;
            case DOCKER_CLI -> file.category() == HostFileCategory.SYSTEMD_UNIT && runsContainer(m)
                    ? Owner.UNIT_CONTAINER : Owner.CLI;
        };
    }

    /** {@code docker run}, {@code docker start}, {@code docker compose up}, {@code docker-compose up}. */
    public static boolean runsContainer(ShellMatch m) {
        return RUNS_CONTAINER.contains(m.detail().toLowerCase(Locale.ROOT).trim());
    }

    /** {@code docker.service}, {@code docker.socket} and their drop-in directories: Docker itself. */
    public static boolean isDockersOwnUnit(HostFile file) {
        if (file.category() != HostFileCategory.SYSTEMD_UNIT) {
            return false;
        }
        String p = "/" + file.path();
        return p.endsWith("/docker.service") || p.endsWith("/docker.socket") || p.contains("/docker.service.d/")
                || p.contains("/docker.socket.d/");
    }
}
