package dev.shimscan.core.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads saved JSON reports back into {@link Report} records ({@code shimscan report}). A text may hold several
 * reports one after the other ({@code kubectl logs} of several node audits): each document that starts a line
 * with <code>{</code> is read; lines between documents that are not JSON (log lines the same stream carried)
 * are skipped and counted. Fields this version does not know are ignored, as the contract allows; a report of
 * another {@code schemaVersion} is refused.
 */
public final class ReportReader {
    private static final ObjectMapper MAPPER = JsonReportWriter.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** What a text held: its reports in order, and how many non-JSON lines were skipped between them. */
    public record Documents(List<Report> reports, int skippedLines, String firstSkippedLine) {
    }

    /** A text that is not a readable report; the message names the source and, where known, the line. */
    public static final class BadReportException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadReportException(String message) {
            super(message);
        }
    }

    private ReportReader() {
    }

    /**
     * Every report in {@code text}.
     *
     * @param source how to name the text in messages ({@code scan.json}, {@code stdin})
     */
    public static Documents read(String source, String text) throws BadReportException {
        List<Report> reports = new ArrayList<>();
        int skipped = 0;
        String firstSkipped = null;
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        char[] chars = text.toCharArray();
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            int lineEnd = end < 0 ? text.length() : end;
            String content = text.substring(pos, lineEnd).strip();
            if (!content.startsWith("{")) {
                if (!content.isEmpty()) {
                    skipped++;
                    if (firstSkipped == null) {
                        firstSkipped = content;
                    }
                }
                pos = lineEnd + 1;
                line++;
                continue;
            }
            int consumed = readOne(source, chars, pos, line, reports);
            line += countLines(text, pos, pos + consumed);
            pos += consumed;
        }
        if (reports.isEmpty()) {
            throw new BadReportException(source + ": no JSON report found"
                    + (firstSkipped == null ? " (it is empty)" : " (it starts with '" + shorten(firstSkipped) + "')"));
        }
        return new Documents(List.copyOf(reports), skipped, firstSkipped);
    }

    /** Reads the JSON document at {@code start}; returns how many characters it took. */
    private static int readOne(String source, char[] text, int start, int line, List<Report> out)
            throws BadReportException {
        String where = source + " (report " + (out.size() + 1) + ", from line " + line + ")";
        JsonNode tree;
        int consumed;
        try (JsonParser parser = MAPPER.createParser(text, start, text.length - start)) {
            tree = MAPPER.readTree(parser);
            consumed = (int) parser.currentLocation().getCharOffset(); // counted from start
            if (consumed <= 0) {
                throw new IllegalStateException("the JSON parser did not advance at offset " + start);
            }
        } catch (JsonProcessingException e) {
            throw new BadReportException(where + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + (line + e.getLocation().getLineNr() - 1)));
        } catch (IOException e) {
            throw new BadReportException(where + ": " + e.getMessage());
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !tree.has("findings") || !tree.has("summary")) {
            throw new BadReportException(where + ": not a shimscan JSON report (no schemaVersion, summary or findings)");
        }
        if (!version.isTextual() || !Report.SCHEMA_VERSION.equals(version.asText())) {
            throw new BadReportException(where + ": schemaVersion " + version + " is not supported (this shimscan reads "
                    + "schemaVersion \"" + Report.SCHEMA_VERSION + "\")");
        }
        for (String field : List.of("tool", "scan", "summary", "findings")) {
            if (!tree.hasNonNull(field)) {
                throw new BadReportException(where + ": not a valid shimscan report: '" + field + "' is missing");
            }
        }
        try {
            out.add(withoutNulls(MAPPER.treeToValue(tree, Report.class)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new BadReportException(where + ": not a valid shimscan report: " + firstLine(message));
        }
        return consumed;
    }

    /** Lists and maps a report may omit (empty ones are not written) become empty rather than null. */
    private static Report withoutNulls(Report r) {
        Report.Scan scan = r.scan();
        Report.Summary s = r.summary();
        Report.Coverage c = r.coverage() == null
                ? new Report.Coverage(java.util.Map.of(), List.of(), List.of(), List.of()) : r.coverage();
        return new Report(r.schemaVersion(), r.tool(),
                new Report.Scan(scan.source(), list(scan.targets()), scan.startedAt(), scan.durationMs()),
                new Report.Summary(s.findings(), map(s.bySeverity()), map(s.byRule()), s.objectsScanned(),
                        s.filesScanned(), s.documentsSkipped(), s.suppressed(), s.baseline()),
                list(r.findings()), list(r.nodes()),
                new Report.Coverage(map(c.inspected()), list(c.skipped()), list(c.errors()), list(c.notChecked()),
                        c.filesNotParsed()),
                list(r.clusters()), list(r.fixed()), list(r.expiredSuppressions()));
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <V> java.util.Map<String, V> map(java.util.Map<String, V> m) {
        return m == null ? java.util.Map.of() : m;
    }

    private static int countLines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
