package dev.shimscan.rules.daemonjson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * containerd's equivalent of Docker's {@code registry-mirrors} and {@code insecure-registries}: one
 * {@code hosts.toml} per registry under the directory named by {@code config_path}, in the format containerd
 * documents (docs/hosts.md): {@code server} (the upstream), one {@code [host."URL"]} table per mirror with its
 * {@code capabilities}, and {@code skip_verify = true} where Docker skipped TLS verification.
 */
final class HostsToml {
    static final String CERTS_D = "/etc/containerd/certs.d";
    static final String DOCKER_HUB = "docker.io";
    static final String DOCKER_HUB_SERVER = "https://registry-1.docker.io";

    /** One file to write: its path and its content. */
    record File(String path, String content) {
    }

    private HostsToml() {
    }

    /** The {@code config_path} setting that makes containerd read the files, for containerd 1.x and 2.x. */
    static String configPath() {
        return "In /etc/containerd/config.toml, containerd 1.x (version = 2):\n"
                + "  [plugins.\"io.containerd.grpc.v1.cri\".registry]\n"
                + "    config_path = \"" + CERTS_D + "\"\n"
                + "containerd 2.x (version = 3):\n"
                + "  [plugins.\"io.containerd.cri.v1.images\".registry]\n"
                + "    config_path = \"" + CERTS_D + "\"\n";
    }

    /**
     * Docker Hub's file: Docker's {@code registry-mirrors} only ever mirrored Docker Hub. Each mirror is a host
     * containerd tries first, trusted to pull and resolve (a private pull-through cache); the upstream stays the
     * fallback. Mirrors that are also insecure registries get {@code skip_verify}.
     */
    static File dockerHubMirrors(List<String> mirrors, Set<String> insecureHosts) {
        StringBuilder sb = new StringBuilder();
        sb.append("server = \"").append(DOCKER_HUB_SERVER).append("\"\n");
        for (String mirror : mirrors) {
            String url = url(mirror);
            sb.append('\n').append("[host.\"").append(url).append("\"]\n");
            sb.append("  capabilities = [\"pull\", \"resolve\"]\n");
            if (insecureHosts.contains(hostOf(url)) && url.startsWith("https://")) {
                sb.append("  skip_verify = true\n");
            }
        }
        return new File(CERTS_D + "/" + DOCKER_HUB + "/hosts.toml", sb.toString());
    }

    /**
     * The file of one insecure registry ({@code myregistry:5000}, {@code http://10.0.0.5:5000}): the registry is its
     * own host, with every capability, and {@code skip_verify} for HTTPS (Docker accepted any certificate). Empty for
     * a CIDR range, which containerd has no setting for.
     */
    static Optional<File> insecureRegistry(String entry) {
        if (isCidr(entry)) {
            return Optional.empty();
        }
        String url = url(entry);
        String host = hostOf(url);
        StringBuilder sb = new StringBuilder();
        sb.append("server = \"").append(url).append("\"\n\n");
        sb.append("[host.\"").append(url).append("\"]\n");
        sb.append("  capabilities = [\"pull\", \"resolve\", \"push\"]\n");
        if (url.startsWith("https://")) {
            sb.append("  skip_verify = true\n");
        }
        return Optional.of(new File(CERTS_D + "/" + (host.equals("index.docker.io") ? DOCKER_HUB : host)
                + "/hosts.toml", sb.toString()));
    }

    /** A registry range such as {@code 10.0.0.0/8}. */
    static boolean isCidr(String entry) {
        String e = stripScheme(entry.trim());
        int slash = e.indexOf('/');
        return slash > 0 && e.substring(slash + 1).matches("\\d{1,3}") && e.substring(0, slash).matches("[0-9a-fA-F.:]+");
    }

    /** {@code host[:port]} of a registry URL or name, lower-case. */
    static String hostOf(String urlOrHost) {
        String s = stripScheme(urlOrHost.trim());
        int slash = s.indexOf('/');
        return (slash < 0 ? s : s.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    /** The URL containerd should use: the scheme as written (https when none), no trailing slash or path. */
    static String url(String entry) {
        String e = entry.trim();
        String scheme = e.toLowerCase(Locale.ROOT).startsWith("http://") ? "http://" : "https://";
        return scheme + hostOf(e);
    }

    /** Every host of {@code insecure-registries} that is not a range, as {@code host[:port]}. */
    static Set<String> insecureHosts(List<String> entries) {
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            if (!isCidr(e)) {
                out.add(hostOf(e));
            }
        }
        return Set.copyOf(out);
    }

    private static String stripScheme(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            return s.substring(8);
        }
        if (lower.startsWith("http://")) {
            return s.substring(7);
        }
        return s;
    }
}
