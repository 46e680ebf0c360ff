package dev.shimscan.core.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks JUnit XML field by field, as the readers that matter use it (Jenkins' junit step, GitLab's
 * {@code artifacts:reports:junit}, Azure DevOps' PublishTestResults): there is no single official schema, so the
 * checks follow the common core of the Ant/Surefire format that those readers document:
 * <ol>
 *   <li>well-formed XML 1.0 in UTF-8 (no DTD), root {@code testsuites} holding only {@code testsuite}s;</li>
 *   <li>{@code testsuites} and each {@code testsuite} carry {@code tests}, {@code failures}, {@code errors},
 *       {@code skipped} as non-negative integers that equal the counts of their test cases (the root's are the
 *       sums), and {@code time} as a non-negative decimal; each suite has a non-blank {@code name};</li>
 *   <li>each {@code testcase} has non-blank {@code name} and {@code classname}, a decimal {@code time}, is unique by
 *       (classname, name) in its suite, and holds at most one of {@code failure}, {@code error}, {@code skipped},
 *       plus optional {@code system-out}/{@code system-err}, and nothing else;</li>
 *   <li>{@code failure} and {@code error} carry a non-blank {@code message} and a {@code type}.</li>
 * </ol>
 */
public final class JUnitXmlValidator {
    private JUnitXmlValidator() {
    }

    public static void assertValid(String xml) {
        List<String> problems = problemsOf(xml);
        if (!problems.isEmpty()) {
            throw new AssertionError("JUnit XML is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    /** The parsed document, for tests that look further. */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }
            });
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    public static List<String> problemsOf(String xml) {
        List<String> problems = new ArrayList<>();
        if (!xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")) {
            problems.add("does not start with the XML 1.0 UTF-8 declaration");
        }
        Document doc;
        try {
            doc = parse(xml);
        } catch (AssertionError e) {
            problems.add(e.getMessage());
            return problems;
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("testsuites")) {
            problems.add("root element is <" + root.getTagName() + ">, not <testsuites>");
            return problems;
        }
        int[] total = new int[4];
        for (Element suite : children(root)) {
            if (!suite.getTagName().equals("testsuite")) {
                problems.add("<testsuites> holds <" + suite.getTagName() + ">");
                continue;
            }
            String name = suite.getAttribute("name");
            String at = "testsuite '" + name + "'";
            if (name.isBlank()) {
                problems.add("a testsuite has no name");
            }
            int[] counts = new int[4];
            Set<String> ids = new HashSet<>();
            for (Element tc : children(suite)) {
                if (!tc.getTagName().equals("testcase")) {
                    if (!tc.getTagName().equals("properties") && !tc.getTagName().startsWith("system-")) {
                        problems.add(at + " holds <" + tc.getTagName() + ">");
                    }
                    continue;
                }
                counts[0]++;
                checkCase(tc, at, ids, counts, problems);
            }
            checkCounts(suite, at, counts, problems);
            for (int i = 0; i < 4; i++) {
                total[i] += counts[i];
            }
        }
        checkCounts(root, "testsuites", total, problems);
        return problems;
    }

    private static void checkCase(Element tc, String suite, Set<String> ids, int[] counts, List<String> problems) {
        String name = tc.getAttribute("name");
        String classname = tc.getAttribute("classname");
        String at = suite + " testcase '" + name + "'";
        if (name.isBlank() || classname.isBlank()) {
            problems.add(at + " lacks a name or classname");
        }
        if (!ids.add(classname + "\u0000" + name)) {
            problems.add(at + " is not unique in its suite");
        }
        if (!isDecimal(tc.getAttribute("time"))) {
            problems.add(at + " time '" + tc.getAttribute("time") + "' is not a non-negative decimal");
        }
        int outcomes = 0;
        for (Element child : children(tc)) {
            switch (child.getTagName()) {
                case "failure", "error" -> {
                    outcomes++;
                    counts[child.getTagName().equals("failure") ? 1 : 2]++;
                    if (child.getAttribute("message").isBlank() || !child.hasAttribute("type")) {
                        problems.add(at + " <" + child.getTagName() + "> lacks a message or type");
                    }
                }
                case "skipped" -> {
                    outcomes++;
                    counts[3]++;
                }
                case "system-out", "system-err" -> {
                    // free text
                }
                default -> problems.add(at + " holds <" + child.getTagName() + ">");
            }
        }
        if (outcomes > 1) {
            problems.add(at + " has " + outcomes + " outcomes (failure/error/skipped)");
        }
    }

    private static void checkCounts(Element e, String at, int[] counts, List<String> problems) {
        String[] names = {"tests", "failures", "errors", "skipped"};
        for (int i = 0; i < 4; i++) {
            String value = e.getAttribute(names[i]);
            if (!value.matches("\\d+")) {
                problems.add(at + " " + names[i] + "='" + value + "' is not a non-negative integer");
            } else if (Integer.parseInt(value) != counts[i]) {
                problems.add(at + " " + names[i] + "=" + value + " but it holds " + counts[i]);
            }
        }
        if (!isDecimal(e.getAttribute("time"))) {
            problems.add(at + " time '" + e.getAttribute("time") + "' is not a non-negative decimal");
        }
    }

    private static boolean isDecimal(String s) {
        return s.matches("\\d+(\\.\\d+)?");
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                out.add(el);
            }
        }
        return out;
    }
}
