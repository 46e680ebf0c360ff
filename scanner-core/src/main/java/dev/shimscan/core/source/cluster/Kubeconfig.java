package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One or more kubeconfig files merged the way kubectl merges {@code KUBECONFIG=a:b:c}: the first file that
 * defines a context, cluster or user by a name wins, the first {@code current-context} wins, and relative file
 * paths (certificates, keys, token files, exec commands) are resolved against the file that names them.
 * Credentials are kept as read and never printed.
 */
public final class Kubeconfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> CLUSTER_FILES = List.of("certificate-authority");
    private static final List<String> USER_FILES = List.of("client-certificate", "client-key", "tokenFile");

    private final Map<String, ObjectNode> contexts;
    private final Map<String, ObjectNode> clusters;
    private final Map<String, ObjectNode> users;
    private final String currentContext;
    private final List<Path> files;

    private Kubeconfig(Map<String, ObjectNode> contexts, Map<String, ObjectNode> clusters,
                       Map<String, ObjectNode> users, String currentContext, List<Path> files) {
        this.contexts = contexts;
        this.clusters = clusters;
        this.users = users;
        this.currentContext = currentContext;
        this.files = List.copyOf(files);
    }

    /** Reads and merges {@code files} in order. A file that cannot be read or parsed fails the whole load. */
    public static Kubeconfig load(List<Path> files) throws IOException {
        Map<String, ObjectNode> contexts = new LinkedHashMap<>();
        Map<String, ObjectNode> clusters = new LinkedHashMap<>();
        Map<String, ObjectNode> users = new LinkedHashMap<>();
        String current = null;
        for (Path file : files) {
            JsonNode root;
            try {
                root = YAML.readTree(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new IOException("cannot read kubeconfig " + file + ": " + firstLine(e.getMessage()), e);
            }
            if (root == null || root.isMissingNode() || root.isNull()) {
                continue;
            }
            if (!root.isObject()) {
                throw new IOException("kubeconfig " + file + " is not a YAML mapping");
            }
            Path dir = file.toAbsolutePath().getParent();
            mergeNamed(root.get("contexts"), "context", contexts, dir, List.of());
            mergeNamed(root.get("clusters"), "cluster", clusters, dir, CLUSTER_FILES);
            mergeNamed(root.get("users"), "user", users, dir, USER_FILES);
            String cc = root.path("current-context").asText("");
            if (current == null && !cc.isEmpty()) {
                current = cc;
            }
        }
        return new Kubeconfig(contexts, clusters, users, current, files);
    }

    private static void mergeNamed(JsonNode list, String field, Map<String, ObjectNode> into, Path dir,
                                   List<String> fileKeys) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (JsonNode entry : list) {
            String name = entry.path("name").asText("");
            if (name.isEmpty() || into.containsKey(name) || !entry.isObject()) {
                continue;
            }
            ObjectNode copy = ((ObjectNode) entry).deepCopy();
            JsonNode body = copy.get(field);
            if (body instanceof ObjectNode b) {
                resolvePaths(b, dir, fileKeys);
                if (b.get("exec") instanceof ObjectNode exec) {
                    resolveCommand(exec, dir);
                }
            }
            into.put(name, copy);
        }
    }

    private static void resolvePaths(ObjectNode body, Path dir, List<String> keys) {
        for (String key : keys) {
            String value = body.path(key).asText("");
            if (!value.isEmpty() && !Path.of(value).isAbsolute()) {
                body.put(key, dir.resolve(value).normalize().toString());
            }
        }
    }

    /** kubectl resolves an exec command relative to the kubeconfig only when it names a path ({@code ./bin/x}). */
    private static void resolveCommand(ObjectNode exec, Path dir) {
        String command = exec.path("command").asText("");
        if (command.contains("/") && !Path.of(command).isAbsolute()) {
            exec.put("command", dir.resolve(command).normalize().toString());
        }
    }

    public List<Path> files() {
        return files;
    }

    /** Context names in the order the files define them. */
    public List<String> contextNames() {
        return List.copyOf(contexts.keySet());
    }

    public Optional<String> currentContext() {
        return Optional.ofNullable(currentContext);
    }

    public boolean hasContext(String name) {
        return contexts.containsKey(name);
    }

    /**
     * The client-java view of one context: a {@link io.kubernetes.client.util.KubeConfig} holding that context
     * with its cluster and user (paths already absolute).
     */
    public io.kubernetes.client.util.KubeConfig forContext(String name) {
        ObjectNode context = contexts.get(name);
        if (context == null) {
            throw new IllegalArgumentException("no context '" + name + "' in the kubeconfig");
        }
        String clusterName = context.path("context").path("cluster").asText("");
        String userName = context.path("context").path("user").asText("");
        if (!clusters.containsKey(clusterName)) {
            throw new IllegalArgumentException("context '" + name + "' names cluster '" + clusterName
                    + "', which no kubeconfig file defines");
        }
        ArrayList<Object> ctx = asList(context);
        ArrayList<Object> cl = asList(clusters.get(clusterName));
        ArrayList<Object> us = users.containsKey(userName) ? asList(withTokenFileRead(users.get(userName)))
                : new ArrayList<>();
        io.kubernetes.client.util.KubeConfig kc = new io.kubernetes.client.util.KubeConfig(ctx, cl, us);
        kc.setContext(name);
        if (!files.isEmpty()) {
            // paths are absolute already; client-java still needs a file to resolve exec commands against
            kc.setFile(files.get(0).toAbsolutePath().toFile());
        }
        return kc;
    }

    /**
     * A user whose {@code tokenFile} is read here, as kubectl reads it: without the line break an editor or
     * {@code echo} leaves at its end (client-java sends it on, and the request is refused before it leaves). A file
     * that cannot be read stays a {@code tokenFile}, for the client to name.
     */
    private static ObjectNode withTokenFileRead(ObjectNode userEntry) {
        JsonNode user = userEntry.get("user");
        String tokenFile = user == null ? "" : user.path("tokenFile").asText("");
        if (tokenFile.isEmpty() || user.hasNonNull("token")) {
            return userEntry;
        }
        String token;
        try {
            token = Files.readString(Path.of(tokenFile)).strip();
        } catch (IOException | RuntimeException e) {
            return userEntry;
        }
        ObjectNode copy = userEntry.deepCopy();
        ObjectNode u = (ObjectNode) copy.get("user");
        u.remove("tokenFile");
        u.put("token", token);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static ArrayList<Object> asList(ObjectNode entry) {
        ArrayNode array = YAML.createArrayNode().add(entry);
        return YAML.convertValue(array, ArrayList.class);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
