package dev.shimscan.rules.daemonjson;

import java.util.ArrayList;
import java.util.List;

/**
 * The containerd registry files a DS501 finding asks for, read back from its remediation (the text
 * {@link RegistryMirrorsRule#remediation} writes from {@link HostsToml}): a saved report keeps only that text, and
 * {@code shimscan plan} puts the files into a node's runbook. Generator and reader live side by side so the format
 * is defined once.
 */
public final class ContainerdRegistryFiles {
    /** The directory {@code config_path} names. */
    public static final String CERTS_D = HostsToml.CERTS_D;

    /** One {@code hosts.toml} to write. */
    public record File(String path, String content) {
    }

    private ContainerdRegistryFiles() {
    }

    /** The files of one DS501 remediation, in its order; none for any other text. */
    public static List<File> fromRemediation(String remediation) {
        List<File> files = new ArrayList<>();
        if (remediation == null) {
            return files;
        }
        String[] lines = remediation.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int write = line.indexOf("Write " + CERTS_D + "/");
            if (write < 0 || !line.endsWith("/hosts.toml:")) {
                continue;
            }
            String path = line.substring(write + "Write ".length(), line.length() - 1);
            StringBuilder content = new StringBuilder();
            int j = i + 1;
            for (; j < lines.length && isTomlLine(lines[j]); j++) {
                content.append(lines[j]).append('\n');
            }
            files.add(new File(path, content.toString()));
            i = j - 1;
        }
        return files;
    }

    /** Lines {@link HostsToml} writes: {@code server = }, blank, {@code [host."..."]}, indented keys. */
    private static boolean isTomlLine(String line) {
        return line.isEmpty() || line.startsWith("server = ") || line.startsWith("[host.\"") || line.startsWith("  ");
    }
}
