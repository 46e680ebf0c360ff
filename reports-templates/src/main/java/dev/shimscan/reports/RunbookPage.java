package dev.shimscan.reports;

/**
 * The migration runbook as one self-contained HTML page (inline CSS, no scripts, no network), made from its
 * Markdown with {@link MarkdownHtml}, so the page says exactly what the Markdown says. For teams that keep
 * runbooks in a wiki or print them for a maintenance window.
 */
public final class RunbookPage {
    private static final String STYLE = """
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:0;background:#f6f8fa}
            main{max-width:980px;margin:0 auto;padding:24px 32px;background:#fff;min-height:100vh}
            h1{font-size:26px;border-bottom:1px solid #d0d7de;padding-bottom:8px}
            h2{font-size:21px;margin-top:32px;border-bottom:1px solid #eaeef2;padding-bottom:4px}
            h3{font-size:17px;margin-top:24px}
            code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eff1f3;padding:1px 4px;border-radius:4px}
            pre{background:#0d1117;color:#e6edf3;padding:12px 14px;border-radius:6px;overflow:auto}
            pre code{background:none;color:inherit;padding:0}
            table{border-collapse:collapse;margin:12px 0}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left}
            blockquote{margin:0;padding:4px 14px;border-left:4px solid #d0d7de;color:#57606a}
            @media print{body{background:#fff}main{padding:0}pre{white-space:pre-wrap;background:#f6f8fa;color:#000;border:1px solid #d0d7de}}
            """;

    private RunbookPage() {
    }

    /** The page for a runbook whose Markdown starts with its own {@code #} title. */
    public static String html(String markdown) {
        String title = markdown.lines().filter(l -> l.startsWith("# ")).findFirst()
                .map(l -> l.substring(2).strip()).orElse("shimscan migration runbook");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + MarkdownHtml.escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n"
                + "<body>\n<main>\n" + new MarkdownHtml(0).render(markdown) + "\n</main>\n</body>\n</html>\n";
    }
}
