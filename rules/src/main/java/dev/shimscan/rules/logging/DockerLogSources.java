package dev.shimscan.rules.logging;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a log source or parser Docker-specific, shared by every config format: the files a container log
 * collector reads, Docker's own daemon log and journal unit, and the parser names that mean Docker's JSON format.
 */
final class DockerLogSources {
    /** Fluent Bit's built-in parsers for Docker's json-file format (its stock {@code parsers.conf}). */
    static final Set<String> FLUENT_BIT_DOCKER_PARSERS = Set.of("docker", "docker_no_time");

    private static final Pattern CONTAINER_LOGS = Pattern.compile(
            "(?i)(/var/log/containers|/var/log/pods|[\\\\/]+var[\\\\/]+log[\\\\/]+containers|/var/lib/docker/containers)");
    private static final Pattern DOCKER_JSON_FILES = Pattern.compile("(?i)/var/lib/docker/containers");
    private static final Pattern DOCKER_DAEMON_LOG = Pattern.compile("(?i)/var/log/(upstart/)?docker\\.log\\b");
    private static final Pattern DOCKER_UNIT = Pattern.compile("(?i)(?<![\\w-])docker\\.(service|socket)\\b");
    private static final Pattern BARE_DOCKER_UNIT = Pattern.compile("(?i)^\\s*[\"']?docker(\\.service|\\.socket)?[\"']?\\s*$");
    private static final Pattern OTHER_RUNTIME_UNIT = Pattern.compile("(?i)\\b(containerd|crio|cri-o)(\\.service)?\\b");
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{[^}]*}|\\$\\([^)]*\\)|#\\{[^}]*}");

    private DockerLogSources() {
    }

    /** True when a path (or comma-separated path list) reads container logs of the node. */
    static boolean readsContainerLogs(String paths) {
        return CONTAINER_LOGS.matcher(paths).find();
    }

    /** True when a path reads Docker's json-file logs where Docker keeps them. */
    static boolean readsDockerJsonFiles(String paths) {
        return DOCKER_JSON_FILES.matcher(paths).find();
    }

    /** True when a path is Docker's own daemon log file. */
    static boolean isDockerDaemonLog(String path) {
        return DOCKER_DAEMON_LOG.matcher(path).find();
    }

    /** True when a value names the {@code docker.service} (or {@code docker.socket}) systemd unit. */
    static boolean namesDockerUnit(String value) {
        return DOCKER_UNIT.matcher(value).find();
    }

    /** True when a unit-list element is the Docker unit, also by its bare name ({@code docker}). */
    static boolean isDockerUnitName(String value) {
        return BARE_DOCKER_UNIT.matcher(value).matches() || namesDockerUnit(value);
    }

    /** True when a value also names the containerd or CRI-O unit. */
    static boolean namesOtherRuntimeUnit(String value) {
        return OTHER_RUNTIME_UNIT.matcher(value).find();
    }

    /** True when a path is a variable or an expression this scanner cannot evaluate. */
    static boolean isUnresolved(String value) {
        return UNRESOLVED.matcher(value).find() && !readsContainerLogs(UNRESOLVED.matcher(value).replaceAll(""));
    }

    /** Lower-case, without {@code _ - .}: {@code Docker_Mode}, {@code dockerMode} and {@code docker-mode} agree. */
    static String normalizeKey(String key) {
        if (isNormal(key)) {
            return key;
        }
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '_' && c != '-' && c != '.') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** True when {@link #normalizeKey} would return the key as it is. */
    private static boolean isNormal(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_' || c == '-' || c == '.' || Character.toLowerCase(c) != c) {
                return false;
            }
        }
        return true;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** True for a Fluent Bit / YAML truthy switch ({@code On}, {@code true}, {@code yes}, {@code 1}). */
    static boolean isOn(String value) {
        String v = lower(value.trim());
        return v.equals("on") || v.equals("true") || v.equals("yes") || v.equals("1");
    }
}
