package dev.shimscan.core.rule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The rules on the class path (ServiceLoader), sorted by id, with their help text. */
public final class RuleRegistry {
    private final List<Rule> rules;

    public RuleRegistry(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(r -> r.meta().id()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).meta().id().equals(sorted.get(i - 1).meta().id())) {
                throw new IllegalStateException("two rules share the id " + sorted.get(i).meta().id() + ": "
                        + sorted.get(i - 1).getClass().getName() + " and " + sorted.get(i).getClass().getName());
            }
        }
        this.rules = List.copyOf(sorted);
    }

    /**
     * Every rule registered with {@code META-INF/services/dev.shimscan.core.rule.Rule}, and the rules of the plugins
     * {@linkplain PluginRules#active() active} on this thread.
     */
    public static RuleRegistry load() {
        PluginRules plugins = PluginRules.active();
        if (plugins.rules().isEmpty()) {
            return load(RuleRegistry.class.getClassLoader());
        }
        List<Rule> all = new ArrayList<>(builtIn().rules());
        all.addAll(plugins.rules());
        return new RuleRegistry(all);
    }

    /** The rules shimscan ships, without plugins. */
    public static RuleRegistry builtIn() {
        return load(RuleRegistry.class.getClassLoader());
    }

    public static RuleRegistry load(ClassLoader loader) {
        List<Rule> found = new ArrayList<>();
        ServiceLoader.load(Rule.class, loader).forEach(found::add);
        return new RuleRegistry(found);
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> byId(String id) {
        return rules.stream().filter(r -> r.meta().id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * The rule's help, Markdown: the resource {@code shimscan/rules/ID.md} next to the rule class.
     */
    public static Optional<String> helpOf(Rule rule) {
        String resource = "shimscan/rules/" + rule.meta().id() + ".md";
        ClassLoader cl = rule.getClass().getClassLoader();
        try (InputStream in = cl == null ? null : cl.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
