package dev.shimscan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.rule.RuleRegistry;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the whole catalog: the rules registered through ServiceLoader are exactly the table of
 * {@code shared/RULES.md} minus {@link #NOT_YET_IMPLEMENTED}, with the same name, severity and sources, and
 * each has a {@code META} constant, help text and a fixture directory.
 */
class CatalogTest {

    /** Catalog ids without a registered rule yet. Remove an id here when its rule is registered. */
    static final Set<String> NOT_YET_IMPLEMENTED = Set.of();

    /** One row of the catalog table. */
    record CatalogRow(String id, String name, Severity severity, Set<SourceKind> sources) {
    }

    private static Map<String, CatalogRow> catalog;
    private static List<Rule> registered;

    @BeforeAll
    static void load() throws IOException {
        catalog = parse(Files.readAllLines(sharedDir().resolve("RULES.md")));
        registered = RuleRegistry.load().rules();
    }

    @Test
    void theCatalogTableIsRead() {
        assertThat(catalog).hasSizeGreaterThanOrEqualTo(24);
        assertThat(catalog.get("DS101"))
                .isEqualTo(new CatalogRow("DS101", "docker-socket-mount", Severity.ERROR,
                        Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER)));
        assertThat(catalog.get("DS202").sources())
                .containsExactlyInAnyOrder(SourceKind.MANIFEST, SourceKind.CLUSTER, SourceKind.HOST);
    }

    @Test
    void registeredPlusNotYetImplementedIsExactlyTheCatalog() {
        Set<String> ids = registered.stream().map(r -> r.meta().id()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ids).as("registered rules that are still listed as not implemented")
                .noneMatch(NOT_YET_IMPLEMENTED::contains);
        Set<String> union = new TreeSet<>(ids);
        union.addAll(NOT_YET_IMPLEMENTED);
        assertThat(union).as("registered ids + NOT_YET_IMPLEMENTED").isEqualTo(new TreeSet<>(catalog.keySet()));
    }

    @Test
    void everyRegisteredRuleMatchesItsCatalogRow() {
        assertThat(registered).isNotEmpty();
        for (Rule rule : registered) {
            RuleMeta meta = rule.meta();
            CatalogRow row = catalog.get(meta.id());
            assertThat(row).as("catalog row of %s", meta.id()).isNotNull();
            assertThat(new CatalogRow(meta.id(), meta.name(), meta.severity(), meta.sources()))
                    .as("metadata of %s (%s)", meta.id(), rule.getClass().getName()).isEqualTo(row);
            assertThat(meta.summary()).as("summary of %s", meta.id()).isNotBlank();
            assertThat(meta.remediation()).as("remediation of %s", meta.id()).isNotBlank();
        }
    }

    @Test
    void everyRegisteredRuleHoldsItsMetaAsAConstant() throws IllegalAccessException {
        for (Rule rule : registered) {
            Field field;
            try {
                field = rule.getClass().getField("META");
            } catch (NoSuchFieldException e) {
                throw new AssertionError(rule.getClass().getName() + " has no public static final META", e);
            }
            int mods = field.getModifiers();
            assertThat(Modifier.isStatic(mods) && Modifier.isFinal(mods))
                    .as("%s.META is static final", rule.getClass().getSimpleName()).isTrue();
            assertThat(field.get(null)).as("%s.META is what meta() returns", rule.getClass().getSimpleName())
                    .isSameAs(rule.meta());
        }
    }

    @Test
    void everyRegisteredRuleHasHelpText() {
        for (Rule rule : registered) {
            Optional<String> help = RuleRegistry.helpOf(rule);
            assertThat(help).as("help text shimscan/rules/%s.md", rule.meta().id()).isPresent();
            assertThat(help.get()).as("help of %s", rule.meta().id())
                    .startsWith("# " + rule.meta().id() + " " + rule.meta().name() + "\n")
                    .contains("## What it finds", "## How to fix");
        }
    }

    @Test
    void everyRegisteredRuleHasAFixtureDirectory() {
        for (Rule rule : registered) {
            assertThat(Fixtures.exists(rule.meta().id())).as("fixture directory rules/%s", rule.meta().id()).isTrue();
        }
    }

    /** Reads the rows of the table whose first cell is a rule id: {@code | DS101 | name | sev | sources | text |}. */
    static Map<String, CatalogRow> parse(List<String> lines) {
        Map<String, CatalogRow> rows = new LinkedHashMap<>();
        for (String line : lines) {
            String trimmed = line.trim();
            if (!trimmed.matches("\\|\\s*DS\\d{3}\\s*\\|.*")) {
                continue;
            }
            String[] cells = trimmed.substring(1).split("\\|", 5);
            String id = cells[0].trim();
            Set<SourceKind> sources = Arrays.stream(cells[3].split(","))
                    .map(String::trim).map(SourceKind::fromCatalogName).collect(Collectors.toSet());
            CatalogRow row = new CatalogRow(id, cells[1].trim(), Severity.parse(cells[2].trim()), sources);
            if (rows.put(id, row) != null) {
                throw new IllegalStateException("the catalog lists " + id + " twice");
            }
        }
        return rows;
    }

    /** {@code shimscan.shared.dir}, else the nearest {@code shared/} with a RULES.md above the working directory. */
    static Path sharedDir() {
        String property = System.getProperty("shimscan.shared.dir");
        if (property != null && Files.isRegularFile(Path.of(property, "RULES.md"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isRegularFile(candidate.resolve("RULES.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find shared/RULES.md (set -Dshimscan.shared.dir)");
    }
}
