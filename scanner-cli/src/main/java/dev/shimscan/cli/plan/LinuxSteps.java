package dev.shimscan.cli.plan;

import dev.shimscan.rules.daemonjson.ContainerdRegistryFiles;
import java.util.ArrayList;
import java.util.List;

/** The steps of one Linux node with systemd, for its package manager family. */
final class LinuxSteps {
    static final String SOCKET = "unix:///run/containerd/containerd.sock";
    static final String FLAGS_FILE = "/var/lib/kubelet/kubeadm-flags.env";

    private LinuxSteps() {
    }

    static List<Step> of(PlanNode node, Kubectl kubectl) {
        OsFamily os = node.os();
        RuntimeState state = node.state();
        String pkg = os.containerdPackage(node.osImage());
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Drain the node (from your workstation)", "sh",
                kubectl.cmd("drain " + node.name() + " --ignore-daemonsets --delete-emptydir-data")));
        String stop = "sudo systemctl stop kubelet\n"
                + (state == RuntimeState.CRI_DOCKERD ? "sudo systemctl disable --now cri-docker.socket cri-docker.service\n" : "")
                + "sudo systemctl disable --now docker.socket docker.service";
        steps.add(new Step("On the node, stop the kubelet and Docker Engine", "sh", stop));
        steps.add(new Step("Install containerd (" + os.label() + ")"
                + " - Docker Engine's packages usually brought it already", "sh", install(os, pkg)));
        steps.add(new Step("Write /etc/containerd/config.toml (containerd 1.x format, version = 2; it replaces the "
                + "file Docker's package ships, which disables the CRI plugin)", "sh", configToml(node)));
        List<ContainerdRegistryFiles.File> files = node.audit() == null ? List.of() : node.audit().hostsFiles();
        if (!files.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (ContainerdRegistryFiles.File f : files) {
                String dir = f.path().substring(0, f.path().lastIndexOf('/'));
                sb.append("sudo mkdir -p ").append(dir).append('\n');
                sb.append("cat <<'EOF' | sudo tee ").append(f.path()).append('\n').append(f.content());
                if (!f.content().endsWith("\n")) {
                    sb.append('\n');
                }
                sb.append("EOF\n");
            }
            steps.add(new Step("Carry the registry settings of the node's daemon.json over to containerd (from the "
                    + "node audit's DS501 findings)", "sh", sb.toString().strip()));
        }
        String flags = state == RuntimeState.DOCKERSHIM
                ? "--container-runtime=remote --container-runtime-endpoint=" + SOCKET
                : "--container-runtime-endpoint=" + SOCKET;
        steps.add(new Step("Point the kubelet at containerd (" + FLAGS_FILE + ")", "sh",
                "sudo sed -i"
                        + (state == RuntimeState.DOCKERSHIM ? " -e 's# *--container-runtime=[^ \"]*##g'" : "")
                        + " -e 's# *--container-runtime-endpoint=[^ \"]*##g' \\\n"
                        + "  -e 's#^KUBELET_KUBEADM_ARGS=\"#KUBELET_KUBEADM_ARGS=\"" + flags + " #' " + FLAGS_FILE
                        + "\ncat " + FLAGS_FILE));
        steps.add(new Step("Start containerd and the kubelet", "sh",
                "sudo systemctl enable --now containerd\nsudo systemctl restart containerd\n"
                        + "sudo systemctl start kubelet"));
        steps.add(annotation(node, kubectl, SOCKET));
        steps.add(verify(node, kubectl));
        steps.add(new Step("Remove Docker Engine's packages (containerd stays)", "sh", remove(os, state)));
        steps.add(new Step("Uncordon the node", "sh", kubectl.cmd("uncordon " + node.name())));
        return steps;
    }

    static Step annotation(PlanNode node, Kubectl kubectl, String socket) {
        String now = node.info().criSocketAnnotation();
        String title = "Fix the node's kubeadm cri-socket annotation"
                + (now == null ? " (the report shows none; kubeadm reads it on upgrades)" : " (now " + now + ")");
        return new Step(title, "sh", kubectl.cmd("annotate node " + node.name()
                + " --overwrite kubeadm.alpha.kubernetes.io/cri-socket=" + socket));
    }

    static Step verify(PlanNode node, Kubectl kubectl) {
        return new Step("Verify: the node is Ready and CONTAINER-RUNTIME shows containerd://", "sh",
                kubectl.cmd("get nodes -o wide") + "\n"
                        + kubectl.cmd("get node " + node.name()
                        + " -o jsonpath='{.status.nodeInfo.containerRuntimeVersion}{\"\\n\"}'"));
    }

    private static String install(OsFamily os, String pkg) {
        return switch (os) {
            case APT -> "dpkg -s containerd.io containerd 2>/dev/null | grep -q '^Status: install ok installed' \\\n"
                    + "  || { sudo apt-get update && sudo apt-get install -y containerd; }\n"
                    + "dpkg -s containerd >/dev/null 2>&1 && sudo apt-mark manual containerd   # keep it when docker.io "
                    + "is removed";
            case DNF -> "rpm -q " + pkg + " || sudo dnf install -y " + pkg + "\n"
                    + "sudo dnf mark install " + pkg + "   # keep it when Docker's packages are removed";
            case YUM -> "rpm -q " + pkg + " || sudo yum install -y " + pkg;
            case ZYPPER -> "rpm -q containerd || sudo zypper install -y containerd";
            default -> throw new IllegalStateException("no package manager for " + os);
        };
    }

    private static String configToml(PlanNode node) {
        Boolean systemd = node.audit() == null ? null : node.audit().systemdCgroup();
        StringBuilder sb = new StringBuilder("sudo mkdir -p /etc/containerd\n");
        if (systemd == null) {
            sb.append("# the cgroup driver must match the kubelet's: read from its config, as no node audit said\n");
            sb.append("CGROUP=false; grep -qs '^cgroupDriver: systemd' /var/lib/kubelet/config.yaml && CGROUP=true\n");
            sb.append("cat <<EOF | sudo tee /etc/containerd/config.toml\n");
        } else {
            sb.append("cat <<'EOF' | sudo tee /etc/containerd/config.toml\n");
        }
        sb.append(configTomlText(systemd == null ? "${CGROUP}" : systemd.toString()));
        sb.append("EOF");
        return sb.toString();
    }

    /** The config.toml, with {@code SystemdCgroup} set to {@code systemdCgroup}. */
    static String configTomlText(String systemdCgroup) {
        return "version = 2\n\n"
                + "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc]\n"
                + "  runtime_type = \"io.containerd.runc.v2\"\n\n"
                + "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]\n"
                + "  SystemdCgroup = " + systemdCgroup + "\n\n"
                + "[plugins.\"io.containerd.grpc.v1.cri\".registry]\n"
                + "  config_path = \"" + ContainerdRegistryFiles.CERTS_D + "\"\n";
    }

    private static String remove(OsFamily os, RuntimeState state) {
        String pkgs = "docker-ce docker-ce-cli docker-ce-rootless-extras docker-buildx-plugin docker-compose-plugin "
                + (os == OsFamily.APT ? "docker.io" : "docker")
                + (state == RuntimeState.CRI_DOCKERD ? " cri-dockerd" : "");
        String query = os == OsFamily.APT ? "dpkg -s \"$p\" >/dev/null 2>&1" : "rpm -q \"$p\" >/dev/null";
        String remove = switch (os) {
            case APT -> "sudo apt-get purge -y \"$p\"";
            case DNF -> "sudo dnf remove -y \"$p\"";
            case YUM -> "sudo yum remove -y \"$p\"";
            default -> "sudo zypper remove -y \"$p\"";
        };
        return "for p in " + pkgs + "; do\n  " + query + " && " + remove + "\ndone\n"
                + "# once nothing needs the old images and volumes: sudo rm -rf /var/lib/docker";
    }
}
