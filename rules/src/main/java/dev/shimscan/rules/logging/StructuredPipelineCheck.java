package dev.shimscan.rules.logging;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DS701 for log agents configured in YAML (or JSON), read as a tree:
 * <ul>
 *   <li>Promtail: a {@code docker} stage in {@code pipeline_stages} (or in a {@code match} stage's {@code stages});</li>
 *   <li>Filebeat: a {@code type: docker} input (deprecated; reads {@code /var/lib/docker/containers}), a
 *       {@code container} input or parser with {@code format: docker}, a {@code docker} autodiscover provider;</li>
 *   <li>Vector: a {@code type: docker_logs} source;</li>
 *   <li>any of them reading Docker's own log: journal matches on {@code docker.service}
 *       ({@code matches}, {@code include_matches}, {@code include_units}, {@code units}, a Promtail relabel
 *       {@code regex} on {@code __journal__systemd_unit}), or a path ({@code paths}, {@code path}, {@code __path__},
 *       {@code include}) to {@code /var/log/docker.log} or to Docker's json-file logs.</li>
 * </ul>
 */
final class StructuredPipelineCheck {
    private static final Set<String> UNIT_MATCH_KEYS = Set.of("matches", "includematches", "includematchesmatch",
            "systemdfilter", "journaldmatches");
    private static final Set<String> UNIT_LIST_KEYS = Set.of("units", "includeunits");
    private static final Set<String> PATH_KEYS = Set.of("paths", "path", "include", "containerspath");
    private static final Set<String> FILEBEAT_DOCKER_INPUT_KEYS = Set.of("containersids", "containers",
            "containerspath", "containersstream", "combinepartial", "criparseflags", "criforce");

    private final EmbeddedYaml yaml;
    private final EmbeddedYaml.Doc doc;
    private final boolean beatsContext;
    private final List<PlaceHit> out = new ArrayList<>();

    private StructuredPipelineCheck(EmbeddedYaml yaml, EmbeddedYaml.Doc doc, boolean beatsContext) {
        this.yaml = yaml;
        this.doc = doc;
        this.beatsContext = beatsContext;
    }

    /**
     * @param name the ConfigMap key (or field name) the file is stored under; {@code filebeat.yml} and a text that
     *             names Filebeat make a bare {@code type: docker} input count as Filebeat's
     */
    static List<PlaceHit> check(EmbeddedYaml yaml, EmbeddedYaml.Doc doc, String name) {
        boolean beats = DockerLogSources.lower(name).contains("beat") || DockerLogSources.lower(yaml.text()).contains("filebeat");
        StructuredPipelineCheck c = new StructuredPipelineCheck(yaml, doc, beats);
        c.visit(doc.root(), "", false, 0);
        return c.out;
    }

    private void visit(NodeRef node, String parentKey, boolean listItem, int depth) {
        if (depth > 64) {
            return;
        }
        if (node.isArray()) {
            for (NodeRef e : node.elements()) {
                visit(e, parentKey, true, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String parent = DockerLogSources.normalizeKey(parentKey);
        boolean dockerInput = checkTypes(node, parent, listItem);
        if (listItem && (parent.equals("pipelinestages") || parent.equals("stages"))) {
            NodeRef stage = node.get("docker");
            if (node.node().has("docker")) {
                out.add(PlaceHit.of(placeOrParent(stage, node), "Promtail 'docker' pipeline stage parses Docker's JSON "
                        + "log format; containerd and CRI-O write CRI format, which it cannot read: use the "
                        + "'cri: {}' stage",
                        "Replace `- docker: {}` with `- cri: {}` in `pipeline_stages` (the Loki/Promtail Helm "
                                + "chart's default for Kubernetes pods)."));
            }
        }
        for (NodeRef.Field f : node.fields()) {
            String key = DockerLogSources.normalizeKey(f.key());
            if (UNIT_MATCH_KEYS.contains(key) || UNIT_LIST_KEYS.contains(key)) {
                checkUnits(f.value(), UNIT_LIST_KEYS.contains(key));
            } else if (key.equals("regex") && relabelsJournalUnit(node)) {
                f.value().text().filter(v -> DockerLogSources.namesDockerUnit(v.replace("\\", "")))
                        .ifPresent(v -> out.add(journalHit(f.value(), v)));
            } else if (PATH_KEYS.contains(key) && !dockerInput) {
                for (NodeRef p : scalars(f.value())) {
                    checkPath(p);
                }
            }
            visit(f.value(), f.key(), false, depth + 1);
        }
    }

    /** Reports the agent types that read Docker; true when the mapping is a Docker input (its paths are implied). */
    private boolean checkTypes(NodeRef map, String parent, boolean listItem) {
        NodeRef type = map.get("type");
        String t = type.text().map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("");
        if (t.equals("docker")) {
            if (listItem && parent.equals("providers")) {
                out.add(PlaceHit.of(place(type), "Filebeat/Metricbeat 'docker' autodiscover provider watches "
                        + "containers through the Docker Engine API, which is gone with containerd: use the "
                        + "'kubernetes' provider",
                        "Use `providers: - type: kubernetes` (with `node: ${NODE_NAME}` and hints or templates) "
                                + "and a `container` input on /var/log/containers/*${data.kubernetes.container.id}.log."));
                return true;
            }
            boolean filebeatKeys = map.fields().stream()
                    .anyMatch(f -> FILEBEAT_DOCKER_INPUT_KEYS.contains(DockerLogSources.normalizeKey(f.key())));
            if (filebeatKeys || beatsContext) {
                out.add(PlaceHit.of(place(type), "Filebeat 'docker' input reads Docker's json-file logs under "
                        + "/var/lib/docker/containers (deprecated); with containerd, logs are CRI-format files "
                        + "under /var/log/pods: use the 'container' input",
                        "Use `- type: container` with `paths: [/var/log/containers/*.log]` (or `filestream` with "
                                + "the `container` parser); it reads Docker and CRI formats (`format: auto`)."));
                return true;
            }
        } else if (t.equals("docker_logs")) {
            out.add(PlaceHit.of(place(type), "Vector 'docker_logs' source reads container logs through the Docker "
                    + "Engine API, which is gone with containerd: use the 'kubernetes_logs' source",
                    "Replace the source with `type: kubernetes_logs`; it reads /var/log/pods and understands the CRI "
                            + "format."));
            return true;
        }
        NodeRef format = map.get("format");
        String f = format.text().map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("");
        if (f.equals("docker") && (t.equals("container") || parent.equals("container"))) {
            out.add(PlaceHit.of(place(format), "Filebeat container input/parser is fixed to 'format: docker' "
                    + "(Docker's JSON log format); CRI-format lines from containerd are not parsed: use "
                    + "'format: auto' or 'cri'",
                    "Set `format: auto` (reads both formats) or `format: cri`."));
        }
        return false;
    }

    private void checkUnits(NodeRef value, boolean bareNames) {
        List<NodeRef> units = scalars(value);
        if (value.isObject()) {
            units = new ArrayList<>(units);
            for (NodeRef.Field f : value.fields()) {
                units.addAll(scalars(f.value()));
            }
        }
        boolean alsoRuntime = units.stream().anyMatch(u -> DockerLogSources.namesOtherRuntimeUnit(u.textOr("")));
        for (NodeRef u : units) {
            String v = u.textOr("");
            if (bareNames ? DockerLogSources.isDockerUnitName(v) : DockerLogSources.namesDockerUnit(v)) {
                PlaceHit hit = journalHit(u, v);
                out.add(alsoRuntime ? hit.withSeverity(Severity.NOTE) : hit);
            }
        }
    }

    private PlaceHit journalHit(NodeRef node, String value) {
        return PlaceHit.of(place(node), "log agent collects Docker's own log from the journal (" + value.trim()
                + "), which stops when Docker Engine leaves the node: collect containerd.service instead",
                "Select the containerd.service (or crio.service) journal unit instead of docker.service.");
    }

    private void checkPath(NodeRef p) {
        String v = p.textOr("");
        if (DockerLogSources.isDockerDaemonLog(v)) {
            out.add(PlaceHit.of(place(p), "log agent reads Docker's daemon log " + v.trim() + ", which goes away "
                    + "with Docker Engine: collect containerd's log (journal unit containerd.service) instead",
                    "Collect the journal unit containerd.service (or crio.service) instead of /var/log/docker.log."));
        } else if (DockerLogSources.readsDockerJsonFiles(v)) {
            out.add(PlaceHit.of(place(p), "log agent reads Docker's json-file logs under /var/lib/docker/containers; "
                    + "with containerd, container logs are CRI-format files under /var/log/pods",
                    "Read /var/log/containers/*.log (links into /var/log/pods) with a CRI-aware input: Filebeat "
                            + "`container`, Promtail `cri: {}`, Vector `kubernetes_logs`."));
        }
    }

    /** A Promtail relabel rule whose {@code source_labels} hold {@code __journal__systemd_unit}. */
    private static boolean relabelsJournalUnit(NodeRef map) {
        return scalars(map.get("source_labels")).stream()
                .anyMatch(s -> s.textOr("").trim().equals("__journal__systemd_unit"));
    }

    private static List<NodeRef> scalars(NodeRef value) {
        if (value.isScalar()) {
            return value.exists() ? List.of(value) : List.of();
        }
        List<NodeRef> out = new ArrayList<>();
        for (NodeRef e : value.elements()) {
            if (e.isScalar() && e.exists()) {
                out.add(e);
            }
        }
        return out;
    }

    private Place place(NodeRef node) {
        return yaml.placeOf(doc, node);
    }

    private Place placeOrParent(NodeRef node, NodeRef parent) {
        return yaml.placeOf(doc, node.exists() ? node : parent);
    }
}
