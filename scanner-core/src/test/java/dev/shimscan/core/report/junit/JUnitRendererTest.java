package dev.shimscan.core.report.junit;

import static dev.shimscan.core.testing.TestReports.inCluster;
import static dev.shimscan.core.testing.TestReports.inFile;
import static dev.shimscan.core.testing.TestReports.object;
import static dev.shimscan.core.testing.TestReports.suppressed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.RuleDoc;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.testing.JUnitXmlValidator;
import dev.shimscan.core.testing.TestReports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML, checked field by field with {@link JUnitXmlValidator} and value by value. */
class JUnitRendererTest {
    private static final List<RuleDoc> CATALOG = List.of(doc("DS101", "docker-socket-mount", Severity.ERROR),
            doc("DS102", "runtime-dir-mount", Severity.WARNING), doc("DS106", "docker-socket-reference", Severity.WARNING));

    private static RuleDoc doc(String id, String name, Severity s) {
        return new RuleDoc(new RuleMeta(id, name, s, Set.of(SourceKind.MANIFEST), "summary", "fix"), "# " + id,
                RuleDoc.DOCS_BASE + id + ".md");
    }

    private static final Report REPORT = TestReports.manifests(List.of(
                    inFile("DS101", Severity.ERROR, "mounts the Docker socket", object("DaemonSet", "logging", "fluentd"),
                            "deploy/agent.yaml", 58, 19),
                    inFile("DS101", Severity.ERROR, "mounts the Docker socket again", object("DaemonSet", "logging",
                            "fluentd"), "deploy/agent.yaml", 70, 19),
                    inFile("DS106", Severity.WARNING, "names <script>alert(1)</script> & \u0001 the socket",
                            object("ConfigMap", "ci", "runner"), "ci/runner.yaml", 25, 24),
                    suppressed(inFile("DS101", Severity.ERROR, "suppressed one", object("Pod", "x", "y"), "p.yaml", 1, 1))),
            List.of(ScanProblem.at("bad.yaml", 3, 1, ScanProblem.Type.PARSE, "mapping values are not allowed")),
            List.of("DS101", "DS102", "DS106"));

    private static String render(Report report, Optional<Severity> failOn) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JUnitRenderer(CATALOG, failOn).render(report, RenderOptions.PLAIN, out);
        String xml = out.toString(StandardCharsets.UTF_8);
        JUnitXmlValidator.assertValid(xml);
        return xml;
    }

    private static List<String> cases(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList list = doc.getElementsByTagName("testcase");
        for (int i = 0; i < list.getLength(); i++) {
            Element tc = (Element) list.item(i);
            String outcome = tc.getElementsByTagName("failure").getLength() > 0 ? "failure"
                    : tc.getElementsByTagName("error").getLength() > 0 ? "error"
                    : tc.getElementsByTagName("skipped").getLength() > 0 ? "skipped" : "pass";
            out.add(tc.getAttribute("classname") + " | " + tc.getAttribute("name") + " | " + outcome);
        }
        return out;
    }

    @Test
    void oneCasePerRuleAndObjectFailingAtOrAboveFailOn() throws IOException {
        Document doc = JUnitXmlValidator.parse(render(REPORT, Optional.of(Severity.ERROR)));

        assertThat(cases(doc)).containsExactly(
                "shimscan.DS101 | DaemonSet/logging/fluentd in deploy/agent.yaml | failure",
                "shimscan.DS101 | Pod/x/y in p.yaml | pass",
                "shimscan.DS102 | no findings | pass",
                "shimscan.DS106 | ConfigMap/ci/runner in ci/runner.yaml | pass",
                "shimscan.coverage | bad.yaml | error");
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("5");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("2 findings; first: mounts the Docker socket");
        assertThat(failure.getAttribute("type")).isEqualTo("error");
        assertThat(failure.getTextContent()).contains("deploy/agent.yaml:58:19 error DS101 mounts the Docker socket\n")
                .contains("deploy/agent.yaml:70:19 error DS101").contains("  fix: Use the CRI socket.");
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("DS101 docker-socket-mount");
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("line 3: mapping values are not allowed");
        assertThat(error.getAttribute("type")).isEqualTo("parse");
    }

    @Test
    void warningsFailWithFailOnWarningAndNothingFailsWithNever() throws IOException {
        assertThat(cases(JUnitXmlValidator.parse(render(REPORT, Optional.of(Severity.WARNING)))))
                .contains("shimscan.DS106 | ConfigMap/ci/runner in ci/runner.yaml | failure")
                .contains("shimscan.DS101 | Pod/x/y in p.yaml | pass");
        assertThat(cases(JUnitXmlValidator.parse(render(REPORT, Optional.empty()))))
                .noneMatch(c -> c.endsWith("| failure"));
    }

    @Test
    void markupInMessagesIsEscapedAndCharactersXmlCannotHoldAreDropped() throws IOException {
        String xml = render(REPORT, Optional.of(Severity.WARNING));
        assertThat(xml).doesNotContain("<script>").contains("names &lt;script&gt;alert(1)&lt;/script&gt; &amp;  the socket")
                .doesNotContain("\u0001");
    }

    @Test
    void clusterObjectsAreNamedWithTheirClusterAndPodsAreListed() throws IOException {
        Report report = TestReports.cluster("prod", List.of(inCluster("DS101", Severity.ERROR, "socket",
                object("DaemonSet", "mon", "agent"), "prod", 4)), List.of(), List.of("DS101"));
        Document doc = JUnitXmlValidator.parse(render(report, Optional.of(Severity.ERROR)));
        assertThat(cases(doc)).containsExactly("shimscan.DS101 | DaemonSet/mon/agent in cluster prod | failure");
        assertThat(doc.getElementsByTagName("failure").item(0).getTextContent()).contains("  pods: 4\n");
    }

    @Test
    void theSameReportGivesTheSameBytes() throws IOException {
        assertThat(render(REPORT, Optional.of(Severity.ERROR))).isEqualTo(render(REPORT, Optional.of(Severity.ERROR)))
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"shimscan\" tests=\"5\"")
                .doesNotContain("timestamp");
    }

    @Test
    void theValidatorCatchesWrongCounts() {
        assertThat(JUnitXmlValidator.problemsOf("<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuites tests=\"2\" "
                + "failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\"><testsuite name=\"s\" tests=\"1\" failures=\"0\" "
                + "errors=\"0\" skipped=\"0\" time=\"0\"><testcase classname=\"c\" name=\"n\" time=\"0\"><failure "
                + "message=\"m\" type=\"t\"/></testcase></testsuite></testsuites>"))
                .containsExactly("testsuite 's' failures=0 but it holds 1", "testsuites tests=2 but it holds 1",
                        "testsuites failures=0 but it holds 1");
    }
}
