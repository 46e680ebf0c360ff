package dev.shimscan.core.source.host;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One place on the node the host scan reads: a file ({@code depth == 0}) or a directory walked {@code depth}
 * levels down, the category of what it holds, and which of its files count.
 *
 * @param path      relative to the root ({@code etc/docker/daemon.json}, {@code opt})
 * @param category  what the files are
 * @param depth     0 for a file; else how many directory levels are walked (1: the directory's own files)
 * @param filter    which files of a directory count, by their path inside it
 * @param shellOnly true when only shell scripts count, decided from the content (shebang, name, executable bit)
 */
record HostPlace(String path, HostFileCategory category, int depth, Filter filter, boolean shellOnly) {

    static HostPlace file(String path, HostFileCategory category) {
        return new HostPlace(path, category, 0, Filter.ALL, false);
    }

    static HostPlace dir(String path, HostFileCategory category, int depth, Filter filter) {
        return new HostPlace(path, category, depth, filter, false);
    }

    static HostPlace scripts(String path, int depth) {
        return new HostPlace(path, HostFileCategory.SCRIPT, depth, Filter.ALL, true);
    }

    /** Which files of a walked directory count, by their path inside it ({@code x.service.d/10-a.conf}). */
    enum Filter {
        /** Every file (editor backups and package-manager leftovers aside). */
        ALL,
        /** systemd units and drop-ins; enablement links ({@code *.wants/}, {@code *.requires/}) are not. */
        UNITS,
        /** Shell start-up files directly in the directory ({@code /root}). */
        RC_FILES,
        /** Shell start-up files of each user ({@code /home/USER/.bashrc}). */
        HOME_RC_FILES,
        /** cloud-init configuration snippets ({@code *.cfg}). */
        CFG,
        /** Config files of log agents. */
        LOG_CONFIGS;

        private static final Set<String> UNIT_SUFFIXES = Set.of(".service", ".socket", ".timer", ".path", ".mount");
        private static final Set<String> RC = Set.of(".bashrc", ".bash_profile", ".bash_login", ".bash_aliases",
                ".profile", ".zshrc", ".zprofile", ".zshenv", ".kshrc", ".mkshrc", ".shrc");
        private static final List<String> LEFTOVERS = List.of("~", ".dpkg-old", ".dpkg-dist", ".dpkg-new",
                ".rpmsave", ".rpmnew", ".orig", ".bak", ".swp");
        private static final List<String> CONFIG_SUFFIXES = List.of(".conf", ".yaml", ".yml", ".toml", ".river",
                ".alloy", ".json");

        boolean accepts(String inPlace) {
            String lower = inPlace.toLowerCase(Locale.ROOT);
            if (LEFTOVERS.stream().anyMatch(lower::endsWith)) {
                return false;
            }
            String[] parts = inPlace.split("/");
            String name = parts[parts.length - 1];
            return switch (this) {
                case ALL -> true;
                case UNITS -> units(parts, name);
                case RC_FILES -> parts.length == 1 && RC.contains(name);
                case HOME_RC_FILES -> parts.length == 2 && RC.contains(name);
                case CFG -> name.endsWith(".cfg");
                case LOG_CONFIGS -> CONFIG_SUFFIXES.stream().anyMatch(lower::endsWith);
            };
        }

        private static boolean units(String[] parts, String name) {
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].endsWith(".wants") || parts[i].endsWith(".requires") || parts[i].endsWith(".upholds")) {
                    return false;
                }
            }
            if (parts.length >= 2 && parts[parts.length - 2].endsWith(".d")) {
                return name.endsWith(".conf");
            }
            return UNIT_SUFFIXES.stream().anyMatch(name::endsWith);
        }
    }
}
