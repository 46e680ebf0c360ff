package dev.shimscan.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.policy.FindingPolicy;
import dev.shimscan.core.policy.Glob;
import dev.shimscan.core.policy.ObjectSelector;
import dev.shimscan.core.policy.RuleSelector;
import dev.shimscan.core.policy.SuppressionEntry;
import dev.shimscan.core.tree.ObjectPath;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParseIssue;
import dev.shimscan.core.yaml.ParsedDocument;
import dev.shimscan.core.yaml.ParsedFile;
import dev.shimscan.core.yaml.PositionIndex;
import dev.shimscan.core.yaml.SourceText;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a {@code .shimscan.yaml} with the scanner's own {@link DocumentReader}, so that every problem names its line:
 * an unknown key (with the closest known one), a value of the wrong type, an unknown severity, format or rule, a
 * glob that matches no rule, a suppression without a reason, a date that is not {@code YYYY-MM-DD}. Every problem
 * is collected before the file is refused.
 */
public final class ConfigReader {
    /** The keys of each mapping, as {@code docs/config.schema.json} lists them. */
    static final Map<String, List<String>> KEYS = Map.of(
            "", List.of("version", "rules", "minSeverity", "failOn", "paths", "exclude", "output", "suppressions",
                    "baseline"),
            "rules", List.of("enable", "disable", "severity"),
            "paths", List.of("include", "exclude"),
            "exclude", List.of("namespaces", "objects"),
            "exclude.objects[]", List.of("kind", "namespace", "name"),
            "output", List.of("format", "files", "noColor", "includeSuppressed"),
            "suppressions[]", List.of("rule", "kind", "namespace", "name", "file", "reason", "expires"));
    private static final List<String> FAIL_ON = List.of("error", "warning", "note", "never");

    /**
     * What names in the file must refer to.
     *
     * @param ruleIds   the ids of the rules that can run (built-in and plugins)
     * @param ruleNames their names
     * @param formats   the report format names
     */
    public record Vocabulary(Set<String> ruleIds, Set<String> ruleNames, Set<String> formats) {
        boolean isRule(Glob g) {
            return ruleIds.stream().anyMatch(g::matches) || ruleNames.stream().anyMatch(g::matches);
        }

        boolean isRuleId(Glob g) {
            return ruleIds.stream().anyMatch(g::matches);
        }
    }

    private final Vocabulary vocabulary;

    public ConfigReader(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * Reads {@code text}, the content of {@code file}.
     *
     * @param display how messages name the file ({@code .shimscan.yaml}, {@code ../ci/shimscan.yaml})
     */
    public ShimscanConfig read(Path file, String display, String text) throws ConfigException {
        SourceText source = new SourceText(text);
        ParsedFile parsed = new DocumentReader().readYaml(source);
        List<String> problems = new ArrayList<>();
        for (ParseIssue issue : parsed.issues()) {
            problems.add(display + ":" + issue.line() + ": " + issue.message());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Path absolute = file.toAbsolutePath().normalize();
        if (parsed.documents().isEmpty()) {
            return new ShimscanConfig(absolute, new RuleSelector(List.of()), new RuleSelector(List.of()),
                    FindingPolicy.NONE, List.of(), List.of(), null, ShimscanConfig.Output.NONE, null);
        }
        if (parsed.documents().size() > 1) {
            throw new ConfigException(List.of(display + ":" + source.lineOf(source.text().indexOf("---", 1))
                    + ": a configuration file holds one YAML document"));
        }
        Reading r = new Reading(display, parsed.documents().get(0), problems);
        ShimscanConfig config = r.config(absolute);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /** One file being read: its tree, positions and the problems found so far. */
    private final class Reading {
        private final String display;
        private final JsonNode root;
        private final PositionIndex positions;
        private final List<String> problems;

        Reading(String display, ParsedDocument doc, List<String> problems) {
            this.display = display;
            this.root = doc.root();
            this.positions = doc.positions();
            this.problems = problems;
        }

        ShimscanConfig config(Path file) {
            if (!root.isObject()) {
                problem("", "the file must be a mapping of keys (rules:, suppressions:, ...)");
                return null;
            }
            keys(root, "", "");
            JsonNode version = root.get("version");
            if (version != null && !(version.canConvertToInt() && version.asInt() == 1)
                    && !"1".equals(version.asText())) {
                problem("version", "key 'version': only version 1 exists");
            }
            List<Glob> enable = new ArrayList<>();
            List<Glob> disable = new ArrayList<>();
            Map<Glob, Severity> severities = new LinkedHashMap<>();
            JsonNode rules = mapping(root, "", "rules");
            if (rules != null) {
                enable = ruleGlobs(rules, "rules", "enable", vocabulary::isRule);
                disable = ruleGlobs(rules, "rules", "disable", vocabulary::isRule);
                JsonNode sev = mapping(rules, "rules", "severity");
                if (sev != null) {
                    sev.fields().forEachRemaining(e -> {
                        String path = ObjectPath.child("rules.severity", e.getKey());
                        Glob g = Glob.name(e.getKey(), true);
                        if (!vocabulary.isRuleId(g)) {
                            problemAtKey("rules.severity", e.getKey(), "key 'rules.severity." + e.getKey()
                                    + "': no rule has this id" + known(vocabulary.ruleIds()));
                        }
                        Severity s = severity(e.getValue(), path, "rules.severity." + e.getKey());
                        if (s != null) {
                            severities.put(g, s);
                        }
                    });
                }
            }
            Severity minSeverity = severity(root.get("minSeverity"), "minSeverity", "minSeverity");
            String failOn = choice(root.get("failOn"), "failOn", FAIL_ON);
            List<Glob> include = new ArrayList<>();
            List<Glob> exclude = new ArrayList<>();
            JsonNode paths = mapping(root, "", "paths");
            if (paths != null) {
                include = strings(paths.get("include"), "paths.include").stream().map(Glob::path).toList();
                exclude = strings(paths.get("exclude"), "paths.exclude").stream().map(Glob::path).toList();
            }
            List<Glob> namespaces = new ArrayList<>();
            List<ObjectSelector> objects = new ArrayList<>();
            JsonNode excluded = mapping(root, "", "exclude");
            if (excluded != null) {
                namespaces = strings(excluded.get("namespaces"), "exclude.namespaces").stream()
                        .map(n -> Glob.name(n, false)).toList();
                JsonNode list = sequence(excluded, "exclude", "objects");
                if (list != null) {
                    for (int i = 0; i < list.size(); i++) {
                        String path = ObjectPath.index("exclude.objects", i);
                        if (item(list.get(i), path, "exclude.objects[]")) {
                            ObjectSelector o = selector(list.get(i), path);
                            if (o.equals(ObjectSelector.ANY)) {
                                problem(path, "key 'exclude.objects': an entry needs kind, namespace or name");
                            }
                            objects.add(o);
                        }
                    }
                }
            }
            ShimscanConfig.Output output = output();
            List<SuppressionEntry> suppressions = suppressions();
            Path baseline = null;
            String baselineText = string(root.get("baseline"), "baseline");
            if (baselineText != null) {
                baseline = file.getParent().resolve(baselineText).normalize();
            }
            FindingPolicy policy = new FindingPolicy(severities, minSeverity, namespaces, objects, suppressions,
                    FindingPolicy.RelativeFiles.NONE);
            return new ShimscanConfig(file, new RuleSelector(enable), new RuleSelector(disable), policy, include,
                    exclude, failOn, output, baseline);
        }

        private ShimscanConfig.Output output() {
            JsonNode out = mapping(root, "", "output");
            if (out == null) {
                return ShimscanConfig.Output.NONE;
            }
            String format = choice(out.get("format"), "output.format",
                    vocabulary.formats().stream().sorted().toList());
            List<String> files = strings(out.get("files"), "output.files");
            for (int i = 0; i < files.size(); i++) {
                String f = files.get(i);
                int eq = f.indexOf('=');
                String path = out.get("files").isArray() ? ObjectPath.index("output.files", i) : "output.files";
                if (eq <= 0 || eq == f.length() - 1) {
                    problem(path, "key 'output.files': '" + f + "' is not FORMAT=PATH (e.g. json=shimscan.json)");
                } else if (!vocabulary.formats().contains(f.substring(0, eq).toLowerCase(Locale.ROOT))) {
                    problem(path, "key 'output.files': unknown format '" + f.substring(0, eq) + "'"
                            + known(vocabulary.formats()));
                }
            }
            return new ShimscanConfig.Output(format, files, bool(out.get("noColor"), "output.noColor"),
                    bool(out.get("includeSuppressed"), "output.includeSuppressed"));
        }

        private List<SuppressionEntry> suppressions() {
            List<SuppressionEntry> out = new ArrayList<>();
            JsonNode list = sequence(root, "", "suppressions");
            if (list == null) {
                return out;
            }
            for (int i = 0; i < list.size(); i++) {
                String path = ObjectPath.index("suppressions", i);
                JsonNode e = list.get(i);
                if (!item(e, path, "suppressions[]")) {
                    continue;
                }
                String rule = string(e.get("rule"), path + ".rule");
                if (rule == null) {
                    problem(path, "key 'suppressions': an entry needs 'rule' (a rule id or glob: DS101, DS1*, *)");
                    continue;
                }
                Glob ruleGlob = Glob.name(rule, true);
                if (!vocabulary.isRuleId(ruleGlob)) {
                    problem(path + ".rule", "key 'rule': '" + rule + "' matches no rule id"
                            + known(vocabulary.ruleIds()));
                }
                String reason = string(e.get("reason"), path + ".reason");
                if (reason == null || reason.isBlank()) {
                    problem(path, "key 'suppressions': the entry for '" + rule + "' needs a 'reason' (why the "
                            + "dependency is accepted, e.g. a ticket)");
                }
                String fileGlob = string(e.get("file"), path + ".file");
                LocalDate expires = null;
                String date = string(e.get("expires"), path + ".expires");
                if (date != null) {
                    try {
                        expires = LocalDate.parse(date.strip());
                    } catch (DateTimeParseException ex) {
                        problem(path + ".expires", "key 'expires': '" + date + "' is not a date YYYY-MM-DD");
                    }
                }
                out.add(new SuppressionEntry(ruleGlob, selector(e, path), fileGlob == null ? null
                        : Glob.path(fileGlob), reason, expires, display + ":" + lineOfKey(path, "rule")));
            }
            return out;
        }

        private ObjectSelector selector(JsonNode e, String path) {
            String kind = string(e.get("kind"), path + ".kind");
            String ns = string(e.get("namespace"), path + ".namespace");
            String name = string(e.get("name"), path + ".name");
            return new ObjectSelector(kind == null ? null : Glob.name(kind, true),
                    ns == null ? null : Glob.name(ns, false), name == null ? null : Glob.name(name, false));
        }

        /** A list item that must be a mapping with known keys. */
        private boolean item(JsonNode node, String path, String keysOf) {
            if (node == null || !node.isObject()) {
                problem(path, "key '" + keysOf.replace("[]", "") + "': each entry is a mapping ("
                        + String.join(", ", KEYS.get(keysOf)) + ")");
                return false;
            }
            keys(node, path, keysOf);
            return true;
        }

        /** Reports every key of {@code node} that {@link #KEYS} does not list for {@code keysOf}. */
        private void keys(JsonNode node, String path, String keysOf) {
            List<String> allowed = KEYS.get(keysOf);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    String where = keysOf.isEmpty() ? "" : " in '" + keysOf.replace("[]", "") + "'";
                    problemAtKey(path, key, "unknown key '" + key + "'" + where + suggestion(key, allowed)
                            + "; known keys: " + String.join(", ", allowed));
                }
            }
        }

        private JsonNode mapping(JsonNode parent, String parentPath, String key) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            String path = ObjectPath.child(parentPath, key);
            String keysOf = path.replaceAll("\\[\\d+]", "[]");
            if (!node.isObject()) {
                problem(path, "key '" + path + "': expected a mapping" + (KEYS.containsKey(keysOf)
                        ? " (" + String.join(", ", KEYS.get(keysOf)) + ")" : ""));
                return null;
            }
            if (KEYS.containsKey(keysOf)) {
                keys(node, path, keysOf);
            }
            return node;
        }

        private JsonNode sequence(JsonNode parent, String parentPath, String key) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            String path = ObjectPath.child(parentPath, key);
            if (!node.isArray()) {
                problem(path, "key '" + path + "': expected a list (- entries)");
                return null;
            }
            return node;
        }

        private List<Glob> ruleGlobs(JsonNode parent, String parentPath, String key, Predicate<Glob> exists) {
            String path = ObjectPath.child(parentPath, key);
            List<String> values = strings(parent.get(key), path);
            List<Glob> globs = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Glob g = Glob.name(values.get(i).strip(), true);
                if (!exists.test(g)) {
                    String at = parent.get(key).isArray() ? ObjectPath.index(path, i) : path;
                    problem(at, "key '" + path + "': '" + values.get(i) + "' matches no rule"
                            + known(vocabulary.ruleIds()));
                }
                globs.add(g);
            }
            return globs;
        }

        /** A string, or a list of strings. */
        private List<String> strings(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (node.isValueNode()) {
                return List.of(node.asText());
            }
            if (!node.isArray()) {
                problem(path, "key '" + path + "': expected a list of strings");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isValueNode() && !item.isNull()) {
                    out.add(item.asText());
                } else {
                    problem(ObjectPath.index(path, i), "key '" + path + "': expected a string");
                }
            }
            return out;
        }

        private String string(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isValueNode()) {
                problem(path, "key '" + keyName(path) + "': expected a string");
                return null;
            }
            return node.asText();
        }

        private Boolean bool(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                problem(path, "key '" + path + "': expected true or false, was '" + node.asText() + "'");
                return null;
            }
            return node.booleanValue();
        }

        private Severity severity(JsonNode node, String path, String key) {
            String value = choice(node, path, key, List.of("error", "warning", "note"));
            return value == null ? null : Severity.parse(value);
        }

        private String choice(JsonNode node, String path, List<String> allowed) {
            return choice(node, path, path, allowed);
        }

        private String choice(JsonNode node, String path, String key, List<String> allowed) {
            String value = string(node, path);
            if (value == null) {
                return null;
            }
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                problem(path, "key '" + key + "': '" + value + "' is not one of " + String.join(", ", allowed));
                return null;
            }
            return v;
        }

        private void problem(String path, String message) {
            problems.add(display + ":" + lineOf(path) + ": " + message);
        }

        private void problemAtKey(String parentPath, String key, String message) {
            problems.add(display + ":" + lineOfKey(parentPath, key) + ": " + message);
        }

        /** The line of the value at {@code path}; for a key, {@link #lineOfKey} is better. */
        private int lineOf(String path) {
            int dot = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            if (!path.isEmpty() && !path.endsWith("]")) {
                return lineOfKey(dot < 0 ? "" : path.substring(0, dot), path.substring(dot + 1));
            }
            return positions.source().lineOf(positions.spanOf(path).start());
        }

        /** The line of {@code key} in the mapping at {@code parentPath}: the key may sit above its value. */
        private int lineOfKey(String parentPath, String key) {
            String text = positions.source().text();
            int valueStart = positions.spanOf(ObjectPath.child(parentPath, key)).start();
            int parentStart = positions.spanOf(parentPath).start();
            int at = text.lastIndexOf(key, Math.max(valueStart - 1, 0));
            if (at < 0 || at < parentStart) {
                return positions.source().lineOf(valueStart);
            }
            return positions.source().lineOf(at);
        }

        private String keyName(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? path : path.substring(dot + 1);
        }
    }

    private static String known(Set<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "";
        }
        return sorted.size() <= 12 ? " (known: " + String.join(", ", sorted) + ")"
                : " (known: " + String.join(", ", sorted.subList(0, 12)) + ", ...; see 'shimscan rules')";
    }

    /** {@code (did you mean 'x'?)} for a known key within two edits, or differing only in case. */
    static String suggestion(String key, List<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String a : allowed) {
            int d = a.equalsIgnoreCase(key) ? 0 : distance(key.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
