package dev.shimscan.core.report.junit;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Renderer;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.RuleDoc;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, as Jenkins' junit step, GitLab's {@code artifacts:reports:junit} and Azure DevOps read it: one
 * {@code testsuite} per rule that ran, one {@code testcase} per rule × object (an object in a file, or a live
 * object in a cluster), a {@code failure} when the object has a finding at or above {@code --fail-on}. Findings
 * below the threshold and suppressed ones leave the case passing and are listed in its {@code system-out}. A rule
 * without findings is one passing case ({@code no findings}). What could not be read is a
 * {@code shimscan coverage} suite: unreadable inputs as {@code error}s, resource types not inspected as
 * {@code skipped}. No timestamps, {@code time="0"}: the same report gives the same bytes. Written with the JDK's
 * StAX writer, which escapes text and attributes; characters XML 1.0 cannot hold are dropped.
 */
public final class JUnitRenderer implements Renderer {
    private final Map<String, String> ruleNames = new TreeMap<>();
    private final Optional<Severity> failOn;

    public JUnitRenderer(List<RuleDoc> catalog, Optional<Severity> failOn) {
        catalog.forEach(d -> ruleNames.put(d.meta().id(), d.meta().name()));
        this.failOn = failOn;
    }

    @Override
    public String format() {
        return "junit";
    }

    /** One test case: the findings of one rule on one object. */
    private record Case(String name, String file, List<Finding> findings) {
    }

    @Override
    public void render(Report report, RenderOptions options, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(writer);
            write(report, new Xml(xml));
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        writer.write('\n');
        writer.flush();
    }

    private void write(Report report, Xml xml) throws XMLStreamException {
        Map<String, Map<String, Case>> byRule = new TreeMap<>();
        TreeSet<String> rules = new TreeSet<>(report.summary().byRule().keySet());
        for (Finding f : report.findings()) {
            rules.add(f.ruleId());
            String file = f.location() == null ? null : f.location().file();
            String name = caseName(f, file);
            byRule.computeIfAbsent(f.ruleId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(name, k -> new Case(name, file, new ArrayList<>())).findings().add(f);
        }
        List<ScanProblem> errors = report.coverage().errors();
        List<Report.Skipped> skipped = report.coverage().skipped();
        int tests = 0;
        int failures = 0;
        for (String rule : rules) {
            Map<String, Case> cases = byRule.getOrDefault(rule, Map.of());
            tests += Math.max(1, cases.size());
            failures += (int) cases.values().stream().filter(this::fails).count();
        }
        boolean coverage = !errors.isEmpty() || !skipped.isEmpty();
        if (coverage) {
            tests += errors.size() + skipped.size();
        }
        xml.raw().writeStartDocument("UTF-8", "1.0");
        xml.newline(0);
        xml.start("testsuites");
        xml.attr("name", "shimscan");
        xml.attr("tests", tests);
        xml.attr("failures", failures);
        xml.attr("errors", errors.size());
        xml.attr("skipped", skipped.size());
        xml.attr("time", "0");
        for (String rule : rules) {
            suite(xml, rule, byRule.getOrDefault(rule, Map.of()));
        }
        if (coverage) {
            coverageSuite(xml, errors, skipped);
        }
        xml.newline(0);
        xml.raw().writeEndElement();
        xml.raw().writeEndDocument();
    }

    private void suite(Xml xml, String rule, Map<String, Case> cases) throws XMLStreamException {
        String ruleName = ruleNames.get(rule);
        xml.newline(1);
        xml.start("testsuite");
        xml.attr("name", rule + (ruleName == null ? "" : " " + ruleName));
        xml.attr("tests", Math.max(1, cases.size()));
        xml.attr("failures", cases.values().stream().filter(this::fails).count());
        xml.attr("errors", 0);
        xml.attr("skipped", 0);
        xml.attr("time", "0");
        if (cases.isEmpty()) {
            xml.newline(2);
            xml.raw().writeEmptyElement("testcase");
            xml.attr("classname", "shimscan." + rule);
            xml.attr("name", "no findings");
            xml.attr("time", "0");
        }
        for (Case c : cases.values()) {
            testCase(xml, rule, c);
        }
        xml.newline(1);
        xml.raw().writeEndElement();
    }

    private void testCase(Xml xml, String rule, Case c) throws XMLStreamException {
        List<Finding> failing = c.findings().stream().filter(this::fails).toList();
        List<Finding> passing = c.findings().stream().filter(f -> !fails(f)).toList();
        xml.newline(2);
        xml.start("testcase");
        xml.attr("classname", "shimscan." + rule);
        xml.attr("name", c.name());
        if (c.file() != null) {
            xml.attr("file", c.file());
        }
        xml.attr("time", "0");
        if (!failing.isEmpty()) {
            Finding first = failing.get(0);
            xml.newline(3);
            xml.start("failure");
            xml.attr("message", failing.size() == 1 ? first.message()
                    : failing.size() + " findings; first: " + first.message());
            xml.attr("type", mostSevere(failing).label());
            xml.text(describe(failing));
            xml.raw().writeEndElement();
        }
        if (!passing.isEmpty()) {
            xml.newline(3);
            xml.start("system-out");
            xml.text(describe(passing));
            xml.raw().writeEndElement();
        }
        xml.newline(2);
        xml.raw().writeEndElement();
    }

    private static void coverageSuite(Xml xml, List<ScanProblem> errors, List<Report.Skipped> skipped)
            throws XMLStreamException {
        xml.newline(1);
        xml.start("testsuite");
        xml.attr("name", "shimscan coverage");
        xml.attr("tests", errors.size() + skipped.size());
        xml.attr("failures", 0);
        xml.attr("errors", errors.size());
        xml.attr("skipped", skipped.size());
        xml.attr("time", "0");
        for (ScanProblem p : errors) {
            xml.newline(2);
            xml.start("testcase");
            xml.attr("classname", "shimscan.coverage");
            xml.attr("name", p.file() == null ? "scan" : p.file());
            xml.attr("time", "0");
            xml.newline(3);
            xml.raw().writeEmptyElement("error");
            xml.attr("message", (p.line() == null ? "" : "line " + p.line() + ": ") + p.message());
            xml.attr("type", p.type() == null ? "error" : p.type().label());
            xml.newline(2);
            xml.raw().writeEndElement();
        }
        for (Report.Skipped s : skipped) {
            xml.newline(2);
            xml.start("testcase");
            xml.attr("classname", "shimscan.coverage");
            xml.attr("name", s.kind() + (s.namespace() == null ? "" : " in " + s.namespace()));
            xml.attr("time", "0");
            xml.newline(3);
            xml.raw().writeEmptyElement("skipped");
            xml.attr("message", "not inspected: " + s.reason());
            xml.newline(2);
            xml.raw().writeEndElement();
        }
        xml.newline(1);
        xml.raw().writeEndElement();
    }

    private boolean fails(Case c) {
        return c.findings().stream().anyMatch(this::fails);
    }

    private boolean fails(Finding f) {
        return f.canFailRun() && failOn.isPresent() && f.severity().atLeast(failOn.get());
    }

    private static Severity mostSevere(List<Finding> findings) {
        return findings.stream().map(Finding::severity).min(Enum::compareTo).orElse(Severity.NOTE);
    }

    private static String caseName(Finding f, String file) {
        StringBuilder sb = new StringBuilder(f.object() == null ? "(no object)" : f.object().display());
        if (f.cluster() != null) {
            sb.append(" in cluster ").append(f.cluster());
        }
        if (file != null) {
            sb.append(" in ").append(file);
        }
        return sb.toString();
    }

    private static String describe(List<Finding> findings) {
        StringBuilder sb = new StringBuilder("\n");
        for (Finding f : findings) {
            if (f.location() != null) {
                sb.append(f.location().file()).append(':').append(f.location().line()).append(':')
                        .append(f.location().column()).append(' ');
            }
            sb.append(f.severity().label()).append(' ').append(f.ruleId()).append(' ').append(f.message());
            if (f.suppressed()) {
                sb.append(" (suppressed)");
            }
            sb.append('\n');
            if (f.path() != null) {
                sb.append("  at: ").append(f.path()).append('\n');
            }
            if (f.evidence() != null && !f.evidence().isBlank()) {
                sb.append("  evidence: ").append(f.evidence()).append('\n');
            }
            if (f.podCount() != null) {
                sb.append("  pods: ").append(f.podCount()).append('\n');
            }
            if (f.remediation() != null) {
                sb.append("  fix: ").append(f.remediation()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The StAX writer with indentation and the characters XML 1.0 cannot carry removed. */
    private record Xml(XMLStreamWriter raw) {
        void start(String name) throws XMLStreamException {
            raw.writeStartElement(name);
        }

        void attr(String name, Object value) throws XMLStreamException {
            raw.writeAttribute(name, clean(String.valueOf(value)));
        }

        void text(String text) throws XMLStreamException {
            raw.writeCharacters(clean(text));
        }

        void newline(int depth) throws XMLStreamException {
            raw.writeCharacters("\n" + "  ".repeat(depth));
        }

        static String clean(String s) {
            StringBuilder sb = null;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD) || Character.isSurrogate(c);
                if (Character.isHighSurrogate(c)) {
                    ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                } else if (Character.isLowSurrogate(c)) {
                    ok = i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                }
                if (!ok && sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                } else if (ok && sb != null) {
                    sb.append(c);
                }
            }
            return sb == null ? s : sb.toString();
        }
    }
}
