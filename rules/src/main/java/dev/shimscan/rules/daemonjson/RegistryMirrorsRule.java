package dev.shimscan.rules.daemonjson;

import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DS501: a Docker {@code daemon.json} (the node's, or one shipped in a ConfigMap) with {@code registry-mirrors} or
 * {@code insecure-registries}. containerd ignores daemon.json; the finding's remediation is the containerd setup
 * that keeps pulls working: {@code config_path} in config.toml and the generated {@code hosts.toml} of each
 * registry ({@link HostsToml}). One finding per setting, at its key.
 */
public final class RegistryMirrorsRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS501", "daemon-json-registry-mirrors", Severity.WARNING,
            Set.of(SourceKind.HOST, SourceKind.MANIFEST),
            "A Docker daemon.json with registry-mirrors or insecure-registries: containerd needs the same in "
                    + "config_path hosts.toml files.",
            "Set config_path = \"/etc/containerd/certs.d\" in the CRI registry section of /etc/containerd/config.toml "
                    + "and write one hosts.toml per registry (docker.io for Docker Hub mirrors) with the mirrors as "
                    + "[host.\"https://...\"] entries and skip_verify = true for insecure registries.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: it reports these two settings only. */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf("registry-mirrors", "insecure-registries");
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        for (DaemonJsonTexts.Text t : DaemonJsonTexts.of(resource)) {
            Optional<DaemonJson.Entry> insecure = t.json().get("insecure-registries");
            List<String> insecureEntries = insecure.map(e -> DaemonJson.strings(e.value())).orElse(List.of());
            t.json().get("registry-mirrors").ifPresent(e -> mirrors(t, e, insecureEntries, ctx));
            insecure.ifPresent(e -> insecure(t, e, insecureEntries, ctx));
        }
    }

    private static void mirrors(DaemonJsonTexts.Text t, DaemonJson.Entry e, List<String> insecure, RuleContext ctx) {
        List<String> mirrors = DaemonJson.strings(e.value());
        if (mirrors.isEmpty()) {
            return;
        }
        HostsToml.File file = HostsToml.dockerHubMirrors(mirrors, HostsToml.insecureHosts(insecure));
        ctx.report(t.hit(e, t.where() + " sets registry-mirrors " + mirrors + ": containerd ignores daemon.json, so "
                + "image pulls from Docker Hub stop using " + (mirrors.size() == 1 ? "this mirror" : "these mirrors")
                + " (rate limits, air-gapped nodes) unless " + file.path() + " says the same")
                .withRemediation(remediation(List.of(file), List.of())));
    }

    private static void insecure(DaemonJsonTexts.Text t, DaemonJson.Entry e, List<String> entries, RuleContext ctx) {
        if (entries.isEmpty()) {
            return;
        }
        List<HostsToml.File> files = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        for (String entry : entries) {
            HostsToml.insecureRegistry(entry).ifPresentOrElse(files::add, () -> ranges.add(entry));
        }
        ctx.report(t.hit(e, t.where() + " sets insecure-registries " + entries + ": containerd ignores daemon.json "
                + "and verifies TLS, so pulls from " + (entries.size() == 1 ? "this registry" : "these registries")
                + " fail with certificate errors unless a hosts.toml says skip_verify")
                .withRemediation(remediation(files, ranges)));
    }

    static String remediation(List<HostsToml.File> files, List<String> ranges) {
        StringBuilder sb = new StringBuilder();
        sb.append("containerd reads registry settings from hosts.toml files, not daemon.json. ");
        sb.append(HostsToml.configPath());
        for (HostsToml.File f : files) {
            sb.append("Write ").append(f.path()).append(":\n").append(f.content());
        }
        if (files.stream().anyMatch(f -> f.content().contains("skip_verify"))) {
            sb.append("(If a registry serves plain HTTP only, use [host.\"http://...\"] and server = \"http://...\" "
                    + "instead.)\n");
        }
        for (String range : ranges) {
            sb.append(range).append(" is an address range: containerd has no range setting; write a hosts.toml for "
                    + "each registry in it.\n");
        }
        sb.append("Changes under ").append(HostsToml.CERTS_D).append(" apply without restarting containerd; the "
                + "config_path change needs `systemctl restart containerd`.");
        return sb.toString();
    }
}
