package dev.shimscan.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.report.Report;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The package manager family of OS images as nodes report them, and the commands each family gets. */
class OsFamilyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Ubuntu 22.04.4 LTS                        | APT    | containerd",
        "Debian GNU/Linux 12 (bookworm)            | APT    | containerd",
        "Red Hat Enterprise Linux 8.9 (Ootpa)      | DNF    | containerd.io",
        "Rocky Linux 9.3 (Blue Onyx)               | DNF    | containerd.io",
        "Amazon Linux 2023.3.20240219              | DNF    | containerd",
        "Amazon Linux 2                            | YUM    | containerd",
        "CentOS Linux 7 (Core)                     | YUM    | containerd.io",
        "SUSE Linux Enterprise Server 15 SP5       | ZYPPER | containerd",
        "Windows Server 2019 Datacenter            | WINDOWS| containerd",
        "Container-Optimized OS from Google        | UNKNOWN| containerd",
        "Bottlerocket OS 1.19.2 (aws-k8s-1.29)     | UNKNOWN| containerd"})
    void familyAndPackageFromTheOsImage(String osImage, OsFamily family, String pkg) {
        assertThat(OsFamily.of(osImage)).isEqualTo(family);
        assertThat(family.containerdPackage(osImage)).isEqualTo(pkg);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Amazon Linux 2                      ; rpm -q containerd || sudo yum install -y containerd    ; sudo yum remove -y",
        "SUSE Linux Enterprise Server 15 SP5 ; rpm -q containerd || sudo zypper install -y containerd ; sudo zypper remove -y"})
    void yumAndZypperNodesGetTheirOwnCommands(String osImage, String install, String remove) {
        PlanNode node = new PlanNode(new Report.NodeInfo("n1", "docker", "docker://20.10.7", "v1.23.4", osImage, null,
                null), null);
        List<Step> steps = LinuxSteps.of(node, new Kubectl(null));
        String all = String.join("\n", steps.stream().map(Step::commands).toList());
        assertThat(all).containsSubsequence("kubectl drain n1 --ignore-daemonsets --delete-emptydir-data\n",
                install, remove, "kubectl uncordon n1");
        assertThat(steps).extracting(Step::title).anyMatch(t -> t.startsWith("Fix the node's kubeadm cri-socket "
                + "annotation (the report shows none"));
    }
}
