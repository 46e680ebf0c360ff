package dev.shimscan.core.rule;

/**
 * A rule as documentation shows it: its metadata, its help (Markdown) and the address of its page.
 */
public record RuleDoc(RuleMeta meta, String helpMarkdown, String helpUri) {
    /** Where the rule pages are published ({@code docs/rules/DS101.md} in the repository). */
    public static final String DOCS_BASE = "https://github.com/shimscan/shimscan/blob/main/docs/rules/";

    public static RuleDoc of(Rule rule) {
        String help = RuleRegistry.helpOf(rule).orElse(rule.meta().summary() + "\n\n" + rule.meta().remediation());
        return new RuleDoc(rule.meta(), help, DOCS_BASE + rule.meta().id() + ".md");
    }
}
