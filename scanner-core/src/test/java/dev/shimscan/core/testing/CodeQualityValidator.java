package dev.shimscan.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a GitLab Code Quality report field by field. GitLab publishes the format as a documented field list
 * (docs.gitlab.com, "Code Quality report format": an array of objects with {@code description},
 * {@code check_name}, {@code fingerprint}, {@code severity}, {@code location.path} and {@code location.lines.begin}
 * or {@code location.positions.begin.line}), not as a JSON Schema; this validator turns that list into checks:
 * <ol>
 *   <li>UTF-8 text without a BOM, whose root is a JSON array;</li>
 *   <li>each issue is an object with a non-blank string {@code description} and {@code check_name};</li>
 *   <li>{@code fingerprint} is a non-blank string, unique in the file (GitLab keeps only the first issue of a
 *       fingerprint);</li>
 *   <li>{@code severity} is one of {@code info}, {@code minor}, {@code major}, {@code critical}, {@code blocker};</li>
 *   <li>{@code location.path} is a non-blank repository-relative path: no leading {@code /}, no {@code ./}, no
 *       {@code ..} segment, no backslash, no URI scheme;</li>
 *   <li>{@code location.lines.begin} is an integer ≥ 1;</li>
 *   <li>optional Code Climate fields, when present: {@code type} is {@code "issue"}, {@code categories} is an
 *       array of Code Climate categories.</li>
 * </ol>
 */
public final class CodeQualityValidator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SEVERITIES = Set.of("info", "minor", "major", "critical", "blocker");
    private static final Set<String> CATEGORIES = Set.of("Bug Risk", "Clarity", "Compatibility", "Complexity",
            "Duplication", "Performance", "Security", "Style");

    private CodeQualityValidator() {
    }

    public static void assertValid(String text) {
        List<String> problems = problemsOf(text);
        if (!problems.isEmpty()) {
            throw new AssertionError("GitLab Code Quality report is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    public static List<String> problemsOf(String text) {
        List<String> problems = new ArrayList<>();
        if (text.startsWith("\uFEFF")) {
            problems.add("starts with a BOM");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            problems.add("not JSON: " + e.getMessage());
            return problems;
        }
        if (root == null || !root.isArray()) {
            problems.add("root is not an array");
            return problems;
        }
        Set<String> fingerprints = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode issue = root.get(i);
            String at = "[" + i + "]";
            if (!issue.isObject()) {
                problems.add(at + " is not an object");
                continue;
            }
            for (String field : List.of("description", "check_name", "fingerprint")) {
                if (!issue.path(field).isTextual() || issue.path(field).asText().isBlank()) {
                    problems.add(at + "." + field + " is not a non-blank string");
                }
            }
            if (issue.path("fingerprint").isTextual() && !fingerprints.add(issue.path("fingerprint").asText())) {
                problems.add(at + ".fingerprint " + issue.path("fingerprint").asText() + " is not unique");
            }
            if (!SEVERITIES.contains(issue.path("severity").asText(""))) {
                problems.add(at + ".severity '" + issue.path("severity").asText("") + "' is not one of " + SEVERITIES);
            }
            String path = issue.at("/location/path").asText("");
            if (!issue.at("/location/path").isTextual() || path.isBlank()) {
                problems.add(at + ".location.path is not a non-blank string");
            } else if (path.startsWith("/") || path.startsWith("./") || path.contains("\\") || path.matches("[a-zA-Z][\\w+.-]*:.*")
                    || List.of(path.split("/")).contains("..")) {
                problems.add(at + ".location.path '" + path + "' is not a repository-relative path");
            }
            JsonNode begin = issue.at("/location/lines/begin");
            if (!begin.isIntegralNumber() || begin.asInt() < 1) {
                problems.add(at + ".location.lines.begin is not an integer >= 1");
            }
            if (issue.has("type") && !"issue".equals(issue.path("type").asText())) {
                problems.add(at + ".type is not \"issue\"");
            }
            if (issue.has("categories")) {
                JsonNode cats = issue.path("categories");
                if (!cats.isArray()) {
                    problems.add(at + ".categories is not an array");
                } else {
                    cats.forEach(c -> {
                        if (!CATEGORIES.contains(c.asText())) {
                            problems.add(at + ".categories holds '" + c.asText() + "'");
                        }
                    });
                }
            }
        }
        return problems;
    }
}
