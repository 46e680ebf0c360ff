package dev.shimscan.cli.plan;

import java.util.ArrayList;
import java.util.List;

/** The steps of one Windows node, in an elevated PowerShell on the node (kubectl from your workstation). */
final class WindowsSteps {
    static final String PIPE = "npipe:////./pipe/containerd-containerd";

    private WindowsSteps() {
    }

    static List<Step> of(PlanNode node, Kubectl kubectl) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Drain the node (from your workstation)", "sh",
                kubectl.cmd("drain " + node.name() + " --ignore-daemonsets --delete-emptydir-data")));
        steps.add(new Step("On the node (elevated PowerShell), stop the kubelet and Docker Engine", "powershell",
                "Stop-Service kubelet\nStop-Service docker\nSet-Service docker -StartupType Disabled"));
        steps.add(new Step("Install containerd as a service (set $Version to the containerd release your "
                + "Kubernetes version supports; shimscan does not choose it)", "powershell",
                "$Version = \"<containerd version, e.g. 1.7.x>\"\n"
                        + "curl.exe -LO \"https://github.com/containerd/containerd/releases/download/v$Version/"
                        + "containerd-$Version-windows-amd64.tar.gz\"\n"
                        + "tar.exe xvf \".\\containerd-$Version-windows-amd64.tar.gz\"\n"
                        + "Copy-Item -Path .\\bin -Destination \"$Env:ProgramFiles\\containerd\" -Recurse -Force\n"
                        + "[Environment]::SetEnvironmentVariable(\"Path\", \"$Env:Path;$Env:ProgramFiles\\containerd\", "
                        + "[EnvironmentVariableTarget]::Machine)\n"
                        + "$Env:Path += \";$Env:ProgramFiles\\containerd\"\n"
                        + "containerd.exe config default | Out-File \"$Env:ProgramFiles\\containerd\\config.toml\" "
                        + "-Encoding ascii\n"
                        + "containerd.exe --register-service\n"
                        + "Start-Service containerd"));
        steps.add(new Step("Point the kubelet at containerd (C:\\var\\lib\\kubelet\\kubeadm-flags.env) and start it",
                "powershell",
                "$Flags = \"C:\\var\\lib\\kubelet\\kubeadm-flags.env\"\n"
                        + "(Get-Content $Flags) -replace ' *--container-runtime(-endpoint)?=[^ \"]*', '' `\n"
                        + "  -replace 'KUBELET_KUBEADM_ARGS=\"', 'KUBELET_KUBEADM_ARGS=\""
                        + (node.state() == RuntimeState.DOCKERSHIM ? "--container-runtime=remote " : "")
                        + "--container-runtime-endpoint=" + PIPE + " ' | Set-Content $Flags\n"
                        + "Get-Content $Flags\n"
                        + "Start-Service kubelet"));
        steps.add(LinuxSteps.annotation(node, kubectl, PIPE));
        steps.add(LinuxSteps.verify(node, kubectl));
        steps.add(new Step("Remove Docker Engine (Mirantis Container Runtime installs use their own uninstall "
                + "script)", "powershell", "Uninstall-Package -Name docker -ProviderName DockerMsftProvider"));
        steps.add(new Step("Uncordon the node", "sh", kubectl.cmd("uncordon " + node.name())));
        return steps;
    }
}
