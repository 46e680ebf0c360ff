package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shimscan.core.testing.CodeQualityValidator;
import dev.shimscan.core.testing.JUnitXmlValidator;
import dev.shimscan.core.testing.ReportSchemaValidator;
import dev.shimscan.core.testing.SarifSchemaValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/ci.md is tested, not only written: every {@code shimscan} command in its examples runs on
 * {@code examples/} and writes valid reports, and each CI configuration uploads exactly the files its command
 * writes (SARIF to upload-sarif, Markdown to the step summary, GitLab's codequality and junit reports, Jenkins'
 * junit step).
 */
class CiDocsTest {
    private static final Path PROJECT = Cli.projectDir();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path work;

    private record Block(String language, String text) {
    }

    private static List<Block> blocks() throws IOException {
        String md = Files.readString(PROJECT.resolve("docs/ci.md"), StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(md);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        return blocks;
    }

    /** The outputs of a command: format → path as written in the docs. */
    private static Map<String, String> outputs(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-o") && args.get(i + 1).contains("=")) {
                String[] fp = args.get(i + 1).split("=", 2);
                out.put(fp[0], fp[1]);
            }
        }
        return out;
    }

    /** The shimscan arguments of a documented command line, or an empty list when it runs something else. */
    private static List<String> shimscanArgs(String line) {
        List<String> tokens = new ArrayList<>();
        for (String t : line.strip().split("\\s+")) {
            tokens.add(t.replaceAll("^[\"']|[\"']$", ""));
        }
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("shimscan") || t.equals("./shimscan") || t.endsWith("shimscan.jar")) {
                if (i > 0 && !tokens.get(0).equals("java") && !tokens.get(i - 1).equals("-jar")) {
                    return List.of();
                }
                return tokens.subList(i + 1, tokens.size());
            }
        }
        return List.of();
    }

    /** Runs a documented command on examples/, with its output files in the work directory. */
    private Cli.Run run(List<String> documented) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < documented.size(); i++) {
            String a = documented.get(i);
            if (a.equals("k8s/")) {
                args.add(PROJECT.resolve("examples").toString());
            } else if (i > 0 && documented.get(i - 1).equals("-o") && a.contains("=")) {
                String[] fp = a.split("=", 2);
                args.add(fp[0] + "=" + work.resolve(fp[1]));
            } else if (i > 0 && documented.get(i - 1).equals("--template")) {
                args.add(work.resolve(a).toString());
            } else if (a.endsWith(".json") && !documented.get(i - 1).startsWith("-")) {
                args.add(work.resolve("shimscan.json").toString());
            } else {
                args.add(a);
            }
        }
        return Cli.shimscan(args.toArray(String[]::new));
    }

    private void assertWritten(Map<String, String> outputs) throws IOException {
        for (Map.Entry<String, String> o : outputs.entrySet()) {
            Path file = work.resolve(o.getValue());
            assertThat(file).as(o.getKey() + " report").exists();
            String text = Files.readString(file);
            switch (o.getKey()) {
                case "sarif" -> SarifSchemaValidator.assertValid(text);
                case "json" -> ReportSchemaValidator.assertValid(text);
                case "gitlab" -> CodeQualityValidator.assertValid(text);
                case "junit" -> JUnitXmlValidator.assertValid(text);
                case "html" -> assertThat(text).startsWith("<!DOCTYPE html>");
                case "markdown" -> assertThat(text).contains("still depend on Docker Engine");
                default -> assertThat(text).isNotBlank();
            }
        }
    }

    @Test
    void theGitHubWorkflowUploadsTheSarifAndSummaryItsScanWrites() throws IOException {
        JsonNode workflow = YAML.readTree(blocks().stream().filter(b -> b.language().equals("yaml")
                && b.text().contains("upload-sarif")).findFirst().orElseThrow().text());
        JsonNode steps = workflow.at("/jobs/shimscan/steps");
        assertThat(workflow.at("/permissions/security-events").asText()).isEqualTo("write");
        List<String> scan = List.of();
        String sarif = null;
        String summary = null;
        List<String> artifacts = new ArrayList<>();
        for (JsonNode step : steps) {
            String run = step.path("run").asText("");
            if (run.contains("manifests")) {
                scan = shimscanArgs(run);
            }
            if (step.path("uses").asText("").startsWith("github/codeql-action/upload-sarif@")) {
                sarif = step.at("/with/sarif_file").asText();
                assertThat(step.path("if").asText()).isEqualTo("always()");
            }
            Matcher cat = Pattern.compile("cat (\\S+) >> \"\\$GITHUB_STEP_SUMMARY\"").matcher(run);
            if (cat.find()) {
                summary = cat.group(1);
            }
            if (step.path("uses").asText("").startsWith("actions/upload-artifact@")) {
                artifacts.addAll(step.at("/with/path").asText().lines().map(String::strip).toList());
            }
        }
        Map<String, String> outputs = outputs(scan);
        assertThat(outputs).containsEntry("sarif", sarif).containsEntry("markdown", summary);
        assertThat(outputs.values()).containsAll(artifacts);

        Cli.Run run = run(scan);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("DS101");
        assertWritten(outputs);
    }

    @Test
    void theGitLabJobDeclaresTheCodeQualityAndJUnitReportsItsScanWrites() throws IOException {
        JsonNode job = YAML.readTree(blocks().stream().filter(b -> b.language().equals("yaml")
                && b.text().contains("codequality")).findFirst().orElseThrow().text()).path("shimscan");
        List<String> scan = shimscanArgs(job.path("script").get(0).asText());
        Map<String, String> outputs = outputs(scan);
        assertThat(outputs).containsEntry("gitlab", job.at("/artifacts/reports/codequality").asText())
                .containsEntry("junit", job.at("/artifacts/reports/junit").asText())
                .containsEntry("html", job.at("/artifacts/paths/0").asText());
        assertThat(job.at("/artifacts/when").asText()).isEqualTo("always");

        Cli.Run run = run(scan);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertWritten(outputs);
    }

    @Test
    void theJenkinsPipelineRecordsTheJUnitReportItsScanWrites() throws IOException {
        String pipeline = blocks().stream().filter(b -> b.language().equals("groovy")).findFirst().orElseThrow().text();
        Matcher sh = Pattern.compile("script: '([^']+)'").matcher(pipeline);
        assertThat(sh.find()).isTrue();
        List<String> scan = shimscanArgs(sh.group(1));
        Matcher junit = Pattern.compile("junit '([^']+)'").matcher(pipeline);
        assertThat(junit.find()).isTrue();
        Map<String, String> outputs = outputs(scan);
        assertThat(outputs).containsEntry("junit", junit.group(1));
        assertThat(pipeline).contains("archiveArtifacts artifacts: '" + outputs.get("html") + "'");

        Cli.Run run = run(scan);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(pipeline).contains("if (code == 2 || code == 4)");
        assertWritten(outputs);
        assertThat(Files.readString(work.resolve(junit.group(1)))).contains("<failure ");
    }

    @Test
    void theReportAndTemplateCommandsRunAsWritten() throws IOException {
        Cli.Run scan = Cli.shimscan("manifests", PROJECT.resolve("examples").toString(), "-o",
                "json=" + work.resolve("shimscan.json"));
        assertThat(scan.exitCode()).isEqualTo(1);
        Files.writeString(work.resolve("slack.ftl"), "${report.verdict.headline}\n");
        List<List<String>> commands = new ArrayList<>();
        for (Block b : blocks()) {
            if (!b.language().equals("sh")) {
                continue;
            }
            for (String line : b.text().lines().toList()) {
                List<String> args = shimscanArgs(line);
                if (!line.strip().startsWith("#") && !args.isEmpty()) {
                    commands.add(args);
                }
            }
        }
        assertThat(commands).extracting(c -> c.get(0) + (c.size() > 1 && c.get(1).equals("merge") ? " merge" : ""))
                .containsExactly("report", "report merge", "manifests");
        for (List<String> command : commands) {
            Cli.Run run = run(command);
            assertThat(run.exitCode()).as(command + ": " + run).isEqualTo(1);
            assertWritten(outputs(command));
        }
        assertThat(Files.readString(work.resolve("slack.txt"))).endsWith("still depend on Docker Engine\n");
    }
}
