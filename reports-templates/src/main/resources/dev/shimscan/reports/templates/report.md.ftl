<#-- Markdown report for pull-request comments and $GITHUB_STEP_SUMMARY. Every value goes through md() (text)
     or code() (a code span): both make it safe inside a table cell. The renderer keeps the result under
     GitHub's 65,536-character comment limit by choosing how many findings "top" holds. -->
<#assign v = report.verdict>
## <#if v.clean>✅<#else>⚠️</#if> shimscan: ${md(v.headline)}

<#list v.details as d>
${md(d)}

</#list>
<#assign b = report.baseline>
<#if b.used>
Compared with the baseline ${code(b.file)}: **${b.newFindings} new**, ${b.existing} existing, ${b.fixedCount} fixed<#if b.newFindings gt 0> (only new findings can fail the run)</#if>.

</#if>
| Severity | Findings |
|---|---:|
<#list report.severities as s>
| ${s.label} | ${s.count} |
</#list>

<#if report.findingCount gt 0>
| Rule | Name | Severity | Findings |
|---|---|---|---:|
<#list report.rules as r>
<#if r.count gt 0>
| <#if r.helpUri?has_content>[${r.id}](${r.helpUri})<#else>${r.id}</#if> | ${md(r.name)} | ${r.severity} | ${r.count} |
</#if>
</#list>

</#if>
<#if top?has_content>
### Findings<#if more gt 0> (the ${top?size} most severe)</#if>

| Severity | Rule | Where | Object | Finding |
|---|---|---|---|---|
<#list top as f>
| ${f.severity}<#if f.baseline?has_content> (${f.baseline})</#if><#if f.suppressed> (suppressed<#if f.suppression?has_content>: ${md(f.suppression)}</#if>)</#if> | ${f.ruleId} | ${code(f.where)} | ${code(f.object)}<#if f.container?has_content> container ${code(f.container)}</#if> | ${md(f.message)} |
</#list>

</#if>
<#if more gt 0>
**${more} more finding<#if more != 1>s</#if>** (<#list moreBySeverity as sev, n>${n} ${sev}<#sep>, </#list>) not shown here: see the full report (`-o html=report.html` or `-o json=report.json`).

</#if>
<#if b.fixed?has_content>
### Fixed since the baseline

<#list b.fixed as f>
<#if f?index lt 20>
- ${f.severity} ${f.ruleId} ${code(f.object)}<#if f.where?has_content> at ${code(f.where)}</#if>: ${md(f.message)}
</#if>
</#list>
<#if b.fixed?size gt 20>
- and ${b.fixed?size - 20} more (see the JSON report's `fixed`)
</#if>

</#if>
<#assign c = report.coverage>
<#if c.errors?has_content || c.skipped?has_content>
### Not checked

<#list c.errors as p>
- ${code(p.where)} ${p.type}: ${md(p.message)}
</#list>
<#list c.skipped as s>
- ${code(s.kind)}<#if s.namespace?has_content> in ${code(s.namespace)}</#if>: not listed (${md(s.reason)})
</#list>

</#if>
<#list c.notChecked as s>
<#if s?is_first>
<#if !(c.errors?has_content || c.skipped?has_content)>
### Not checked

</#if>
</#if>
- ${md(s.reason)}
<#if s?is_last>

</#if>
</#list>
<sub>${report.objectsScanned} object<#if report.objectsScanned != 1>s</#if><#if report.source != "cluster"> in ${report.filesScanned} file<#if report.filesScanned != 1>s</#if></#if> (${report.source}: <#list report.targets as t>${code(t)}<#sep>, </#list>), scanned ${report.startedAt} by ${report.toolName} ${report.toolVersion}.</sub>
