package dev.shimscan.rules.command;

import dev.shimscan.rules.support.shell.ShellMatch;
import java.util.Locale;

/**
 * The concrete fix for one match of the shell analysis: the {@code crictl}/{@code kubectl} equivalent of a Docker
 * CLI subcommand, the containerd equivalent of controlling or configuring Docker Engine. Shared by DS201, DS202,
 * DS203 and DS205, and by DS601 for the same commands in scripts on the node.
 */
public final class Remediations {
    static final String CLI_GENERIC = "Replace the Docker CLI with crictl (ps, inspect, logs, exec, images, pull, "
            + "rmi, stats) against the CRI socket unix:///run/containerd/containerd.sock, or with the Kubernetes API "
            + "(kubectl).";
    static final String DAEMON_GENERIC = "containerd nodes have no Docker Engine to control: restart the runtime "
            + "the kubelet uses (`systemctl restart containerd`, or `crio`) after changing its configuration, or drop "
            + "the step.";
    static final String CONFIG_GENERIC = "Nothing reads /etc/docker on a containerd node: move the setting to "
            + "/etc/containerd/config.toml (or the kubelet configuration) and restart containerd "
            + "(`systemctl restart containerd`).";
    static final String DAEMON_JSON = "Docker's daemon.json has no effect on containerd: put the setting in "
            + "/etc/containerd/config.toml (registry mirrors and insecure registries as hosts.toml files under the "
            + "directory named by `config_path` in the CRI registry section, e.g. "
            + "/etc/containerd/certs.d/<registry>/hosts.toml; `SystemdCgroup = true` for the systemd cgroup driver; "
            + "extra runtimes under [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes]; log rotation with "
            + "the kubelet's containerLogMaxSize) and restart containerd (`systemctl restart containerd`).";
    static final String CERTS_D = "containerd reads registry certificates through hosts.toml: set "
            + "`config_path = \"/etc/containerd/certs.d\"` in the CRI registry section of /etc/containerd/config.toml "
            + "and write /etc/containerd/certs.d/<registry>/hosts.toml with `ca = \"/etc/containerd/certs.d/<registry>/"
            + "ca.crt\"` (client certificates with `client = [...]`).";
    static final String OWN_DAEMON = "Nothing to change for the runtime switch: the client talks to a Docker daemon "
            + "that runs inside the pod (Docker-in-Docker), which works on containerd nodes too. To drop the "
            + "privileged daemon, build with kaniko, buildah or rootless BuildKit.";
    static final String OTHER_DAEMON = "Nothing to change on the nodes as long as that daemon does not run on a "
            + "node's Docker Engine; make sure it is a Docker-in-Docker service or a dedicated build host.";

    private Remediations() {
    }

    /** The fix for a match of any kind. */
    public static String of(ShellMatch m) {
        return switch (m.kind()) {
            case DOCKER_CLI -> forCli(m);
            case DOCKER_DAEMON_CONTROL -> forDaemonControl(m);
            case DOCKER_CONFIG_WRITE -> forConfigWrite(m.detail());
        };
    }

    /** The crictl / kubectl equivalent of a Docker CLI call, by subcommand. */
    static String forCli(ShellMatch m) {
        if (baseName(m.commandWord()).startsWith("docker-compose")) {
            return "Run the services as Kubernetes workloads (kompose converts compose files to manifests), or give "
                    + "the pod its own Docker-in-Docker daemon.";
        }
        String detail = m.detail().toLowerCase(Locale.ROOT).trim();
        String[] words = detail.split("\\s+");
        String sub = words[0];
        if ((sub.equals("container") || sub.equals("image") || sub.equals("system")) && words.length > 1) {
            sub = sub + " " + words[1];
        }
        return switch (sub) {
            case "ps", "container ls", "container list" ->
                    "Use `crictl ps` (`crictl ps -a` for exited containers, `crictl pods` for pods) against the CRI "
                            + "socket, or `kubectl get pods -o wide`.";
            case "inspect", "container inspect" ->
                    "Use `crictl inspect <container-id>` (`crictl inspectp <pod-id>` for the pod sandbox, "
                            + "`crictl inspecti <image>` for an image), or `kubectl get pod <pod> -o yaml`.";
            case "logs", "container logs" ->
                    "Use `kubectl logs <pod> -c <container>` or `crictl logs <container-id>`; the log files are under "
                            + "/var/log/pods in CRI format.";
            case "exec", "container exec", "attach" ->
                    "Use `kubectl exec <pod> -c <container> -- <command>` or `crictl exec -it <container-id> "
                            + "<command>`.";
            case "top", "stats", "container top", "container stats" ->
                    "Use `crictl stats` or `kubectl top pod` for usage, `crictl exec <container-id> ps` for the "
                            + "processes of a container.";
            case "images", "image ls", "image list", "image inspect", "history" ->
                    "Use `crictl images` (`crictl inspecti <image>` for details).";
            case "pull", "image pull" -> "Use `crictl pull <image>`: it pulls into containerd's k8s.io namespace, "
                    + "where the kubelet finds it.";
            case "rmi", "image rm", "image prune", "system prune", "container prune" ->
                    "Use `crictl rmi <image>` or `crictl rmi --prune`; the kubelet's image garbage collection "
                            + "already removes unused images.";
            case "rm", "kill", "stop", "restart", "pause", "unpause", "container rm", "container kill",
                    "container stop", "container restart" ->
                    "Delete or restart the pod through the API (`kubectl delete pod <pod>`, `kubectl rollout "
                            + "restart`), or `crictl stop <container-id>` / `crictl rm <container-id>` on the node.";
            case "run", "create", "start", "container run", "container create", "container start" ->
                    "Run the workload as a Kubernetes Pod or Job; on a node, `nerdctl --namespace k8s.io run` or "
                            + "`ctr run` replace `docker run`.";
            case "build", "buildx", "builder", "push", "tag", "commit", "save", "load", "image build",
                    "image push", "image tag", "image save", "image load" ->
                    "Build and push images with a daemonless builder (kaniko, buildah, BuildKit's buildctl) or a "
                            + "Docker-in-Docker sidecar; crane or skopeo copy and tag images without any daemon.";
            case "info", "version", "system info" ->
                    "Use `crictl info` and `crictl version` (runtime name and version), or "
                            + "`kubectl get nodes -o wide`.";
            case "events", "system events" ->
                    "Use `kubectl get events --watch`, or `ctr --namespace k8s.io events` on the node.";
            case "login" -> "Give the kubelet registry credentials with imagePullSecrets (`kubectl create secret "
                    + "docker-registry`) or containerd's registry configuration; `crictl pull --creds` for a one-off "
                    + "pull.";
            case "cp", "container cp" -> "Use `kubectl cp <pod>:<path> <dest>` (or `crictl exec` with tar).";
            case "network", "volume" -> "Docker networks and volumes do not exist under containerd: use Kubernetes "
                    + "Services, NetworkPolicies and volumes.";
            default -> CLI_GENERIC;
        };
    }

    /** The containerd equivalent of starting, stopping, querying or signalling Docker Engine. */
    static String forDaemonControl(ShellMatch m) {
        String word = baseName(m.commandWord());
        String verb = m.detail().toLowerCase(Locale.ROOT).trim();
        if (word.startsWith("dockerd")) {
            return "Do not start Docker Engine on the node: the kubelet talks to containerd "
                    + "(--container-runtime-endpoint unix:///run/containerd/containerd.sock). To build images, use a "
                    + "daemonless builder (kaniko, buildah, rootless BuildKit) or a Docker-in-Docker pod.";
        }
        if (word.equals("kill") || word.equals("pkill") || word.equals("killall")) {
            return "containerd has no reload signal: after changing /etc/containerd/config.toml run "
                    + "`systemctl restart containerd` instead of signalling dockerd.";
        }
        return switch (verb) {
            case "is-active", "is-enabled", "is-failed", "status", "show" ->
                    "Check the runtime the kubelet uses instead: `systemctl is-active containerd` or `crictl info`.";
            case "enable", "disable", "mask", "unmask" ->
                    "docker.service does not exist after the switch: enable the runtime the kubelet uses "
                            + "(`systemctl enable --now containerd`) and drop the docker.service step.";
            default -> DAEMON_GENERIC;
        };
    }

    /** The containerd equivalent of writing a file under /etc/docker. */
    static String forConfigWrite(String path) {
        if (path.endsWith("/daemon.json")) {
            return DAEMON_JSON;
        }
        if (path.contains("/etc/docker/certs.d")) {
            return CERTS_D;
        }
        return CONFIG_GENERIC;
    }

    private static String baseName(String word) {
        int slash = word.lastIndexOf('/');
        return (slash < 0 ? word : word.substring(slash + 1)).toLowerCase(Locale.ROOT);
    }
}
