package dev.shimscan.core.source.cluster.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * A simulated large cluster for {@code bench/cluster-bench.sh}: the test API server on 127.0.0.1 loaded with
 * NODES nodes (10% on docker:// below v1.24, 10% on docker:// from v1.24, the rest containerd) and about PODS
 * pods: two DaemonSets with one pod per node (one mounts docker.sock) and Deployments of 20 pods each (one in
 * twenty mounts docker.sock), each with its ReplicaSet. Writes a kubeconfig, prints READY and serves until killed.
 * With LATENCY-MS, every answer is held back that long (a timer: requests in flight wait side by side), as a
 * distant API server's would be.
 *
 * <p>Arguments: {@code KUBECONFIG-OUT [NODES [PODS [LATENCY-MS]]]}.
 */
public final class BenchApiServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchApiServer() {
    }

    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int pods = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        long latencyMs = args.length > 3 ? Long.parseLong(args[3]) : 0;
        TestApiServer server = TestApiServer.start(0);
        long t0 = System.nanoTime();
        for (int i = 0; i < nodes; i++) {
            String runtime = i % 10 == 0 ? "docker://20.10.7" : i % 10 == 1 ? "docker://24.0.7" : "containerd://1.7.13";
            String kubelet = i % 10 == 0 ? "v1.23.17" : "v1.27.3";
            ObjectNode n = object("v1", "Node", "node-" + i, null);
            ObjectNode info = n.putObject("status").putObject("nodeInfo");
            info.put("containerRuntimeVersion", runtime).put("kubeletVersion", kubelet).put("osImage", "Ubuntu 22.04.4 LTS");
            server.load(n);
        }
        String[] daemonSets = {"log-agent", "node-exporter"};
        for (String ds : daemonSets) {
            boolean sock = ds.equals("log-agent");
            ObjectNode d = object("apps/v1", "DaemonSet", ds, "monitoring");
            d.putObject("spec").set("template", template(sock));
            server.load(d);
            for (int i = 0; i < nodes; i++) {
                ObjectNode p = object("v1", "Pod", ds + "-" + i, "monitoring");
                owner(p, "apps/v1", "DaemonSet", ds);
                p.set("spec", template(sock).get("spec"));
                server.load(p);
            }
        }
        int remaining = Math.max(0, pods - 2 * nodes);
        int deployments = (remaining + 19) / 20;
        for (int d = 0; d < deployments; d++) {
            boolean sock = d % 20 == 0;
            String ns = "team-" + (d % 50);
            String name = "app-" + d;
            ObjectNode dep = object("apps/v1", "Deployment", name, ns);
            dep.putObject("spec").put("replicas", 20).set("template", template(sock));
            server.load(dep);
            ObjectNode rs = object("apps/v1", "ReplicaSet", name + "-5c6b", ns);
            owner(rs, "apps/v1", "Deployment", name);
            rs.putObject("spec").put("replicas", 20).set("template", template(sock));
            server.load(rs);
            for (int i = 0; i < 20 && d * 20 + i < remaining; i++) {
                ObjectNode p = object("v1", "Pod", name + "-5c6b-" + i, ns);
                owner(p, "apps/v1", "ReplicaSet", name + "-5c6b");
                p.set("spec", template(sock).get("spec"));
                server.load(p);
            }
        }
        server.writeKubeconfig(kubeconfig, "bench");
        server.dispatcher().setLatency(java.time.Duration.ofMillis(latencyMs));
        System.out.println("READY " + server.url() + " loaded in " + (System.nanoTime() - t0) / 1_000_000 + " ms"
                + (latencyMs > 0 ? ", answers held back " + latencyMs + " ms" : ""));
        System.out.flush();
        Thread.currentThread().join();
    }

    private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode o = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode m = o.putObject("metadata").put("name", name);
        if (namespace != null) {
            m.put("namespace", namespace);
        }
        m.putObject("labels").put("app", name);
        return o;
    }

    private static void owner(ObjectNode o, String apiVersion, String kind, String name) {
        ArrayNode refs = ((ObjectNode) o.get("metadata")).putArray("ownerReferences");
        refs.addObject().put("apiVersion", apiVersion).put("kind", kind).put("name", name).put("controller", true)
                .put("uid", "uid-" + kind + "-" + name);
    }

    private static ObjectNode template(boolean dockerSocket) {
        ObjectNode t = JSON.createObjectNode();
        t.putObject("metadata").putObject("labels").put("app", "x");
        ObjectNode spec = t.putObject("spec");
        ObjectNode c = spec.putArray("containers").addObject().put("name", "main").put("image", "example.com/app:1.0");
        c.putArray("args").add("--port=8080").add("--log-level=info");
        c.putArray("env").addObject().put("name", "MODE").put("value", "production");
        c.putObject("resources").putObject("requests").put("cpu", "100m").put("memory", "128Mi");
        if (dockerSocket) {
            c.putArray("volumeMounts").addObject().put("name", "dockersock").put("mountPath", "/var/run/docker.sock");
            spec.putArray("volumes").addObject().put("name", "dockersock").putObject("hostPath")
                    .put("path", "/var/run/docker.sock");
        }
        return t;
    }

    static {
        // keep the mock server's per-request INFO lines off the console
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    }

}
