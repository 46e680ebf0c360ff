package dev.shimscan.cli.plan;

import java.util.Locale;

/** The package manager family of a node, from its OS image ({@code kubectl get nodes -o wide}'s OS-IMAGE). */
public enum OsFamily {
    APT("apt"), DNF("dnf"), YUM("yum"), ZYPPER("zypper"), WINDOWS("Windows, PowerShell"), UNKNOWN("unknown");

    private final String label;

    OsFamily(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static OsFamily of(String osImage) {
        if (osImage == null || osImage.isBlank()) {
            return UNKNOWN;
        }
        String os = osImage.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.contains("ubuntu") || os.contains("debian")) {
            return APT;
        }
        if (os.contains("amazon linux 2023")) {
            return DNF;
        }
        if (os.contains("amazon linux 2") || os.contains("centos linux 7") || os.contains("red hat enterprise linux server 7")) {
            return YUM;
        }
        if (os.contains("red hat") || os.contains("rhel") || os.contains("rocky") || os.contains("centos")
                || os.contains("almalinux") || os.contains("oracle linux") || os.contains("fedora")
                || os.contains("amazon linux")) {
            return DNF;
        }
        if (os.contains("suse") || os.contains("sles")) {
            return ZYPPER;
        }
        return UNKNOWN;
    }

    /** The containerd package: Docker's repository calls it containerd.io, the distributions containerd. */
    String containerdPackage(String osImage) {
        String os = osImage == null ? "" : osImage.toLowerCase(Locale.ROOT);
        return switch (this) {
            case DNF, YUM -> os.contains("amazon linux") ? "containerd" : "containerd.io";
            default -> "containerd";
        };
    }
}
