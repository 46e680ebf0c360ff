package dev.shimscan.core.source.cluster;

import io.kubernetes.client.util.ClientBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the clusters to audit the way kubectl does: {@code --kubeconfig FILE}, else every existing file of
 * {@code KUBECONFIG} (merged), else {@code ~/.kube/config}, else the in-cluster service account. Then picks the
 * contexts: {@code --all-contexts}, the {@code --context} values, or the current context.
 */
public final class ClusterTargets {
    public static final String IN_CLUSTER = "in-cluster";
    static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    private final Map<String, String> env;
    private final Path home;
    private final Path serviceAccountToken;

    /**
     * @param env  the process environment ({@code KUBECONFIG}, {@code KUBERNETES_SERVICE_HOST})
     * @param home the user's home directory
     */
    public ClusterTargets(Map<String, String> env, Path home) {
        this(env, home, Path.of(SERVICE_ACCOUNT_TOKEN));
    }

    ClusterTargets(Map<String, String> env, Path home, Path serviceAccountToken) {
        this.env = env;
        this.home = home;
        this.serviceAccountToken = serviceAccountToken;
    }

    public List<ClusterTarget> resolve(ConnectionOptions options) throws ClusterConfigException {
        List<Path> files = kubeconfigFiles(options.kubeconfig());
        if (files.isEmpty()) {
            if (!inCluster()) {
                throw new ClusterConfigException("no kubeconfig: give --kubeconfig FILE, set KUBECONFIG, create "
                        + home.resolve(".kube/config") + ", or run inside a pod with a service account");
            }
            if (!options.contexts().isEmpty() || options.allContexts()) {
                throw new ClusterConfigException("--context and --all-contexts need a kubeconfig; "
                        + "in-cluster there is only the pod's own cluster");
            }
            return List.of(new ClusterTarget(IN_CLUSTER, timeout -> build(ClientBuilder::cluster, timeout)));
        }
        Kubeconfig config;
        try {
            config = Kubeconfig.load(files);
        } catch (IOException e) {
            throw new ClusterConfigException(e.getMessage(), e);
        }
        List<String> names = contexts(config, options);
        List<ClusterTarget> targets = new ArrayList<>();
        for (String name : names) {
            targets.add(new ClusterTarget(name, timeout -> {
                io.kubernetes.client.util.KubeConfig context = config.forContext(name);
                return build(() -> ClientBuilder.kubeconfig(context), timeout);
            }));
        }
        return targets;
    }

    private List<String> contexts(Kubeconfig config, ConnectionOptions options) throws ClusterConfigException {
        if (options.allContexts()) {
            if (!options.contexts().isEmpty()) {
                throw new ClusterConfigException("give either --context or --all-contexts, not both");
            }
            if (config.contextNames().isEmpty()) {
                throw new ClusterConfigException("the kubeconfig (" + describe(config) + ") defines no context");
            }
            return config.contextNames();
        }
        if (!options.contexts().isEmpty()) {
            List<String> out = new ArrayList<>();
            for (String c : options.contexts()) {
                if (!config.hasContext(c)) {
                    throw new ClusterConfigException("no context '" + c + "' in the kubeconfig (" + describe(config)
                            + "); contexts: " + String.join(", ", config.contextNames()));
                }
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
            return out;
        }
        String current = config.currentContext().orElseThrow(() -> new ClusterConfigException(
                "the kubeconfig (" + describe(config) + ") sets no current-context; give --context NAME"
                        + (config.contextNames().isEmpty() ? "" : " (contexts: " + String.join(", ", config.contextNames()) + ")")));
        if (!config.hasContext(current)) {
            throw new ClusterConfigException("current-context '" + current + "' is not defined in the kubeconfig ("
                    + describe(config) + ")");
        }
        return List.of(current);
    }

    private List<Path> kubeconfigFiles(Path explicit) throws ClusterConfigException {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new ClusterConfigException("--kubeconfig " + explicit + ": no such file");
            }
            return List.of(explicit);
        }
        String variable = env.get("KUBECONFIG");
        if (variable != null && !variable.isBlank()) {
            List<Path> files = new ArrayList<>();
            for (String part : variable.split(File.pathSeparator)) {
                // kubectl skips empty entries and files that do not exist
                if (!part.isBlank() && Files.isRegularFile(Path.of(part)) && !files.contains(Path.of(part))) {
                    files.add(Path.of(part));
                }
            }
            if (files.isEmpty()) {
                throw new ClusterConfigException("KUBECONFIG names no existing file: " + variable);
            }
            return files;
        }
        Path standard = home.resolve(".kube").resolve("config");
        return Files.isRegularFile(standard) ? List.of(standard) : List.of();
    }

    private boolean inCluster() {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        return host != null && !host.isEmpty() && Files.isReadable(serviceAccountToken);
    }

    private static String describe(Kubeconfig config) {
        return String.join(File.pathSeparator, config.files().stream().map(Path::toString).toList());
    }

    /** The client-java builder for one context; it and its {@code build()} read the credentials. */
    @FunctionalInterface
    private interface CredentialsReader {
        ClientBuilder read() throws IOException;
    }

    /**
     * Builds the client, which reads the credentials: token files, client certificates and keys, exec plugins. What
     * client-java throws meanwhile can quote them (an exec plugin's output that is not an ExecCredential comes back
     * whole in the message), so only a file that cannot be read is named, with its reason; anything else is named by
     * its type alone, and never kept as a cause.
     */
    private static io.kubernetes.client.openapi.ApiClient build(CredentialsReader credentials, Duration timeout)
            throws IOException {
        io.kubernetes.client.openapi.ApiClient client;
        try {
            client = credentials.read().setReadTimeout(timeout).build();
        } catch (java.nio.file.FileSystemException e) {
            throw new IOException("cannot read " + e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason())
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (IOException | RuntimeException e) {
            throw new IOException("the credentials could not be loaded (" + e.getClass().getSimpleName()
                    + "; its message is not shown, as it may quote them): check the user's token, client certificate "
                    + "and key, or exec plugin in the kubeconfig");
        }
        client.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        // the read timeout bounds each read; a server that sends a byte now and then never trips it, so the whole
        // call (connecting, sending, waiting, reading the body) is bounded by the same timeout, as kubectl's
        // --request-timeout bounds a request
        client.setHttpClient(client.getHttpClient().newBuilder().callTimeout(timeout).build());
        return client;
    }
}
