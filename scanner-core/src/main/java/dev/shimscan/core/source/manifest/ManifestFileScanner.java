package dev.shimscan.core.source.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.engine.RuleSelection;
import dev.shimscan.core.engine.RuleProgress;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.resource.FileOrigin;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.tree.ObjectPath;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParseIssue;
import dev.shimscan.core.yaml.ParsedDocument;
import dev.shimscan.core.yaml.ParsedFile;
import dev.shimscan.core.yaml.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scans one file's text: parses every document, expands {@code List} kinds into their items, runs the rules on
 * each Kubernetes object and turns parse issues into problems. Thread-safe.
 */
public final class ManifestFileScanner {
    static final String HELM_HINT = "this looks like an unrendered Helm template ('{{ ... }}'); "
            + "scan the rendered output instead: helm template RELEASE CHART | shimscan manifests -";

    private final DocumentReader reader;
    private final ResourceChecker checker;

    public ManifestFileScanner(DocumentReader reader, ResourceChecker checker) {
        this.reader = reader;
        this.checker = checker;
    }

    public FileScan scanBytes(String file, boolean json, byte[] bytes) {
        return scanBytes(file, json, bytes, null, RuleSelection.ALL);
    }

    /**
     * {@link #scanBytes(String, boolean, byte[])} with only the rules of {@code selection} (the file's
     * {@link KeywordFilter#select}), telling {@code progress} (when not null) which rule runs.
     */
    public FileScan scanBytes(String file, boolean json, byte[] bytes, RuleProgress progress, long selection) {
        TextDecoder.Decoded decoded = TextDecoder.decode(bytes);
        if (decoded.text() == null) {
            return failed(file, ScanProblem.inFile(file, ScanProblem.Type.IO, decoded.error()));
        }
        FileScan scan = scanText(file, json, decoded.text(), progress, selection);
        if (decoded.warning() == null) {
            return scan;
        }
        List<ScanProblem> problems = new ArrayList<>(scan.problems());
        problems.add(0, ScanProblem.inFile(file, ScanProblem.Type.PARSE, decoded.warning()));
        return new FileScan(file, scan.findings(), problems, scan.objectsByKind(), scan.documentsSkipped());
    }

    public FileScan scanText(String file, boolean json, String text) {
        return scanText(file, json, text, null, RuleSelection.ALL);
    }

    private FileScan scanText(String file, boolean json, String text, RuleProgress progress, long selection) {
        SourceText source = new SourceText(text);
        ParsedFile parsed = json ? reader.readJson(source) : reader.readYaml(source);
        List<ScanProblem> problems = new ArrayList<>();
        if (looksLikeHelmTemplate(text, parsed)) {
            int offset = text.indexOf("{{");
            problems.add(ScanProblem.at(file, source.lineOf(offset), source.columnOf(offset),
                    ScanProblem.Type.HELM_TEMPLATE, HELM_HINT));
            return new FileScan(file, List.of(), problems, Map.of(), 0);
        }
        for (ParseIssue issue : parsed.issues()) {
            ScanProblem.Type type = issue.kind() == ParseIssue.Kind.LIMIT ? ScanProblem.Type.LIMIT : ScanProblem.Type.PARSE;
            problems.add(ScanProblem.at(file, issue.line(), issue.column(), type, issue.message()));
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, Integer> byKind = new TreeMap<>();
        int skipped = 0;
        List<Resource> all = new ArrayList<>();
        for (ParsedDocument doc : parsed.documents()) {
            List<Resource> resources = resourcesOf(file, doc);
            if (resources.isEmpty()) {
                skipped++;
            }
            all.addAll(resources);
        }
        // the file's objects are all known before the first is checked: a rule may relate them (RuleContext.sameFile)
        List<Resource> sameFile = List.copyOf(all);
        for (Resource r : sameFile) {
            byKind.merge(r.ref().kind(), 1, Integer::sum);
            checker.check(r, sameFile, findings, problems, progress, selection);
        }
        return new FileScan(file, findings, problems, byKind, skipped);
    }

    /**
     * The Kubernetes objects of a document: the document itself, or the items of a {@code List}/{@code *List}
     * (each item a resource of its own, positioned inside the document). Nested lists are expanded too.
     */
    static List<Resource> resourcesOf(String file, ParsedDocument doc) {
        List<Resource> out = new ArrayList<>();
        collect(file, doc, doc.root(), "", out);
        return out;
    }

    private static void collect(String file, ParsedDocument doc, JsonNode node, String basePath, List<Resource> out) {
        JsonNode items = node.get("items");
        boolean isList = node.isObject() && items != null && items.isArray()
                && node.path("kind").asText("").endsWith("List");
        if (isList) {
            for (int i = 0; i < items.size(); i++) {
                collect(file, doc, items.get(i), ObjectPath.index(ObjectPath.join(basePath, "items"), i), out);
            }
            return;
        }
        if (Resource.isKubernetesObject(node)) {
            out.add(new Resource(Resource.identify(node), node,
                    new FileOrigin(file, doc.index(), basePath, doc.positions())));
        }
    }

    private static boolean looksLikeHelmTemplate(String text, ParsedFile parsed) {
        return parsed.issues().stream().anyMatch(i -> i.kind() == ParseIssue.Kind.TEMPLATE
                || i.kind() == ParseIssue.Kind.SYNTAX) && text.contains("{{");
    }

    private static FileScan failed(String file, ScanProblem problem) {
        return new FileScan(file, List.of(), List.of(problem), Map.of(), 0);
    }
}
