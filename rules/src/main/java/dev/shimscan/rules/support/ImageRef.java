package dev.shimscan.rules.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference split into its parts, with Docker Hub names normalised so that one form can be
 * compared: {@code docker:24-dind}, {@code library/docker:24-dind} and {@code docker.io/library/docker:24-dind}
 * all have the {@linkplain #fullName() full name} {@code docker.io/library/docker}.
 *
 * @param registry   the registry host ({@code docker.io} for Docker Hub, whichever way it was written)
 * @param repository the path inside the registry, lower case ({@code library/docker}, {@code datadog/agent})
 * @param tag        the tag, or empty
 * @param digest     the digest ({@code sha256:...}), or empty
 */
public record ImageRef(String registry, String repository, String tag, String digest) {
    private static final String DOCKER_HUB = "docker.io";
    private static final List<String> DOCKER_HUB_ALIASES = List.of("docker.io", "index.docker.io", "registry-1.docker.io");
    /** What a reference may contain; anything else (templates, placeholders with spaces) is not an image. */
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]*");
    private static final Pattern VERSION = Pattern.compile("v?(\\d+(?:\\.\\d+)*)");

    /** Parses an image as written in a pod spec; empty when the text cannot be an image reference. */
    public static Optional<ImageRef> parse(String image) {
        if (image == null) {
            return Optional.empty();
        }
        String s = image.trim();
        if (s.isEmpty() || !PLAUSIBLE.matcher(s).matches()) {
            return Optional.empty();
        }
        String digest = "";
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            s = s.substring(0, at);
        }
        String tag = "";
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
        }
        if (s.isEmpty() || s.startsWith("/") || s.endsWith("/") || s.contains("//")) {
            return Optional.empty();
        }
        String registry = DOCKER_HUB;
        String path = s;
        int slash = s.indexOf('/');
        if (slash > 0) {
            String first = s.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.toLowerCase(Locale.ROOT);
                path = s.substring(slash + 1);
            }
        }
        if (DOCKER_HUB_ALIASES.contains(registry)) {
            registry = DOCKER_HUB;
            if (!path.contains("/")) {
                path = "library/" + path;
            }
        }
        return Optional.of(new ImageRef(registry, path.toLowerCase(Locale.ROOT), tag, digest));
    }

    /** Registry and repository: {@code docker.io/library/docker}, {@code registry.datadoghq.com/agent}. */
    public String fullName() {
        return registry + "/" + repository;
    }

    /** The last segment of the repository: {@code docker}, {@code agent}. */
    public String lastSegment() {
        int slash = repository.lastIndexOf('/');
        return slash < 0 ? repository : repository.substring(slash + 1);
    }

    /**
     * Whether the full name matches a glob in which {@code *} stands for any run of characters
     * ({@code *}{@code /library/docker}, {@code docker.io/datadog/agent}). Case-insensitive.
     */
    public boolean matches(String glob) {
        // no regular expression: this runs for every container image and every agent of the catalog
        String[] parts = glob.toLowerCase(Locale.ROOT).split("\\*", -1);
        String name = fullName();
        if (parts.length == 1) {
            return name.equals(parts[0]);
        }
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (name.length() < first.length() + last.length() || !name.startsWith(first) || !name.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int end = name.length() - last.length();
        for (int i = 1; i < parts.length - 1; i++) {
            int at = name.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > end) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }

    /**
     * The numeric version at the start of the tag ({@code 7.81.1} → [7, 81, 1], {@code v0.28.0} → [0, 28, 0],
     * {@code 19.03.13-dind} → [19, 3, 13]); empty for tags such as {@code latest} or {@code dind}.
     */
    public Optional<List<Integer>> version() {
        Matcher m = VERSION.matcher(tag);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        List<Integer> parts = new ArrayList<>();
        for (String p : m.group(1).split("\\.")) {
            try {
                parts.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(parts));
    }

    /** True when the tag's version is known and at least {@code minimum} ({@code "7.27"}). */
    public boolean versionAtLeast(String minimum) {
        Optional<List<Integer>> v = version();
        if (v.isEmpty()) {
            return false;
        }
        String[] min = minimum.split("\\.");
        for (int i = 0; i < min.length; i++) {
            int want = Integer.parseInt(min[i]);
            int have = i < v.get().size() ? v.get().get(i) : 0;
            if (have != want) {
                return have > want;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return fullName() + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }
}
