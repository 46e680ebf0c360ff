package dev.shimscan.core.report.gitlab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Renderer;
import dev.shimscan.core.report.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GitLab Code Quality ({@code artifacts:reports:codequality}): a JSON array of issues with {@code description},
 * {@code check_name}, {@code fingerprint}, {@code severity} and {@code location.path} + {@code location.lines.begin},
 * the subset of the Code Climate spec GitLab reads. Serialised by Jackson from records.
 *
 * <ul>
 *   <li>{@code severity}: error → {@code critical}, warning → {@code major}, note → {@code info};</li>
 *   <li>{@code location.path}: relative to the repository root (GitLab links it in merge requests); findings
 *       without a repository file (stdin without a stdin path, cluster, host, files outside the root) are left out
 *       and said so, as in SARIF;</li>
 *   <li>{@code fingerprint}: 32 hex digits, unique in the file (GitLab shows only the first issue of a
 *       fingerprint): the finding's line-independent fingerprint with its path, and an occurrence number when the
 *       same finding is in one file twice.</li>
 * </ul>
 */
public final class CodeQualityRenderer implements Renderer {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final CodeQualityOptions options;

    public CodeQualityRenderer(CodeQualityOptions options) {
        this.options = options;
    }

    /** One Code Quality issue. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "check_name", "description", "severity", "fingerprint", "categories", "location"})
    public record Issue(String type, @JsonProperty("check_name") String checkName, String description,
                        String severity, String fingerprint, List<String> categories, IssueLocation location) {
    }

    public record IssueLocation(String path, Lines lines) {
    }

    public record Lines(int begin) {
    }

    @Override
    public String format() {
        return "gitlab";
    }

    @Override
    public void render(Report report, RenderOptions renderOptions, OutputStream out) throws IOException {
        MAPPER.writeValue(out, issues(report));
        out.write('\n');
        out.flush();
    }

    /** The issues, in report order. */
    public List<Issue> issues(Report report) {
        RepositoryPaths paths = new RepositoryPaths(options.repositoryRoot(), options.workingDirectory());
        List<Issue> issues = new ArrayList<>();
        Set<String> fingerprints = new HashSet<>();
        int noFile = 0;
        int outside = 0;
        int suppressed = 0;
        for (Finding f : report.findings()) {
            if (f.suppressed() && !options.includeSuppressed()) {
                suppressed++;
                continue;
            }
            if (f.location() == null || ("-".equals(f.location().file()) && options.stdinPath() == null)) {
                noFile++;
                continue;
            }
            Optional<String> path = "-".equals(f.location().file())
                    ? Optional.of(RepositoryPaths.clean(options.stdinPath()))
                    : paths.of(f.location().file());
            if (path.isEmpty()) {
                outside++;
                continue;
            }
            issues.add(new Issue("issue", "shimscan/" + f.ruleId(), description(f), severity(f.severity()),
                    uniqueFingerprint(f, path.get(), fingerprints), List.of("Compatibility"),
                    new IssueLocation(path.get(), new Lines(f.location().line()))));
        }
        if (noFile > 0) {
            options.notices().accept("GitLab Code Quality: " + noFile + " finding(s) have no repository file (stdin,"
                    + " cluster or host) and are not in the report; name the file that stdin stands for with"
                    + " --stdin-path");
        }
        if (outside > 0) {
            options.notices().accept("GitLab Code Quality: " + outside + " finding(s) are in files outside the"
                    + " repository root " + options.repositoryRoot() + " and are not in the report; set the root with"
                    + " --sarif-root");
        }
        if (suppressed > 0) {
            options.notices().accept("GitLab Code Quality: " + suppressed + " suppressed finding(s) are not in the"
                    + " report (--include-suppressed adds them)");
        }
        return issues;
    }

    /** GitLab's five levels: info, minor, major, critical, blocker. */
    public static String severity(Severity s) {
        return switch (s) {
            case ERROR -> "critical";
            case WARNING -> "major";
            case NOTE -> "info";
        };
    }

    private static String description(Finding f) {
        StringBuilder sb = new StringBuilder(f.ruleId()).append(": ").append(f.message().strip());
        if (f.object() != null) {
            sb.append(" (").append(f.object().display()).append(')');
        }
        return sb.toString();
    }

    private static String uniqueFingerprint(Finding f, String path, Set<String> seen) {
        String base = (f.fingerprint() == null ? f.ruleId() + "\u0000" + f.message() : f.fingerprint())
                + "\u0000" + path;
        String fp = sha256Hex32(base);
        for (int n = 2; !seen.add(fp); n++) {
            fp = sha256Hex32(base + "\u0000" + n);
        }
        return fp;
    }

    private static String sha256Hex32(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                sb.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
