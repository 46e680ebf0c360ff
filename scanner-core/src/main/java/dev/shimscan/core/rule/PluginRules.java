package dev.shimscan.core.rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Rules from plugin jars ({@code --plugins DIR}, {@code SHIMSCAN_PLUGINS}): every {@code .jar} of the directories,
 * in one class loader of their own whose parent is the loader of the {@link Rule} SPI (so a plugin shares shimscan's
 * API types and Jackson, and cannot replace them), searched with {@link ServiceLoader} for
 * {@code META-INF/services/dev.shimscan.core.rule.Rule}. Jars without that file are libraries the plugins use.
 * A plugin rule whose id a built-in rule (or another plugin) already has is refused.
 *
 * <p>While a command runs, its plugins are {@linkplain #activate active} on its thread, and {@link RuleRegistry#load()}
 * lists them after the built-in rules, so every part of the run (the scan, the SARIF rule list, {@code shimscan
 * rules}) sees the same rules.
 */
public final class PluginRules implements AutoCloseable {
    public static final PluginRules NONE = new PluginRules(List.of(), Map.of(), null);
    private static final InheritableThreadLocal<PluginRules> ACTIVE = new InheritableThreadLocal<>();

    private final List<Rule> rules;
    private final Map<Rule, Path> jars;
    private final URLClassLoader loader;

    private PluginRules(List<Rule> rules, Map<Rule, Path> jars, URLClassLoader loader) {
        this.rules = List.copyOf(rules);
        this.jars = jars;
        this.loader = loader;
    }

    /** A plugin directory or jar that cannot be used; the message says which and why. */
    public static final class PluginException extends Exception {
        private static final long serialVersionUID = 1L;

        public PluginException(String message) {
            super(message);
        }
    }

    /**
     * Loads the rules of every jar in {@code directories}.
     *
     * @param builtIn the built-in rules, whose ids plugins may not take
     */
    public static PluginRules load(List<Path> directories, Collection<Rule> builtIn) throws PluginException {
        List<Path> jarFiles = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                throw new PluginException("plugin directory " + dir + " does not exist or is not a directory");
            }
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
                stream.forEach(found::add);
            } catch (IOException e) {
                throw new PluginException("cannot list plugin directory " + dir + ": " + e.getMessage());
            }
            if (found.isEmpty()) {
                throw new PluginException("plugin directory " + dir + " holds no .jar file");
            }
            found.sort(null);
            jarFiles.addAll(found);
        }
        URL[] urls = new URL[jarFiles.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jarFiles.get(i).toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginException("plugin " + jarFiles.get(i) + ": " + e.getMessage());
            }
        }
        URLClassLoader loader = new URLClassLoader("shimscan-plugins", urls, Rule.class.getClassLoader());
        try {
            return new PluginRules(List.of(), Map.of(), loader).withRulesOf(builtIn);
        } catch (PluginException | RuntimeException | LinkageError e) {
            closeQuietly(loader);
            throw e;
        }
    }

    private PluginRules withRulesOf(Collection<Rule> builtIn) throws PluginException {
        Map<String, Rule> taken = new HashMap<>();
        builtIn.forEach(r -> taken.put(r.meta().id(), r));
        List<Rule> found = new ArrayList<>();
        Map<Rule, Path> sources = new LinkedHashMap<>();
        try {
            for (ServiceLoader.Provider<Rule> provider : ServiceLoader.load(Rule.class, loader).stream().toList()) {
                if (provider.type().getClassLoader() != loader) {
                    continue; // a built-in rule, seen through the parent
                }
                Path jar = jarOf(provider.type());
                Rule rule;
                try {
                    rule = provider.get();
                    rule.meta().id();
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    throw new PluginException("plugin " + name(jar) + ": rule " + provider.type().getName()
                            + " cannot be loaded: " + describe(e));
                }
                Rule other = taken.putIfAbsent(rule.meta().id(), rule);
                if (other != null) {
                    String whose = sources.containsKey(other) ? "the rule " + other.getClass().getName() + " of plugin "
                            + name(sources.get(other)) : "the built-in rule " + other.meta().id() + " "
                            + other.meta().name();
                    throw new PluginException("plugin " + name(jar) + ": rule " + rule.getClass().getName()
                            + " has the id " + rule.meta().id() + ", which " + whose + " already has; give it an id "
                            + "that is not taken (DS9xx ids are left free for your own rules)");
                }
                found.add(rule);
                sources.put(rule, jar);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("plugin rules cannot be loaded from " + List.of(loader.getURLs()) + ": "
                    + describe(e));
        }
        return new PluginRules(found, sources, loader);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The jar a plugin rule came from; empty for built-in rules. */
    public Optional<Path> jarOf(Rule rule) {
        return Optional.ofNullable(jars.get(rule));
    }

    /** Makes these plugins the ones {@link RuleRegistry#load()} adds on this thread (and threads it starts). */
    public static void activate(PluginRules plugins) {
        ACTIVE.set(plugins);
    }

    public static void deactivate() {
        ACTIVE.remove();
    }

    /** The plugins of the running command, or {@link #NONE}. */
    public static PluginRules active() {
        PluginRules p = ACTIVE.get();
        return p == null ? NONE : p;
    }

    @Override
    public void close() {
        if (loader != null) {
            closeQuietly(loader);
        }
    }

    private static Path jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String name(Path jar) {
        return jar == null ? "(unknown jar)" : String.valueOf(jar.getFileName());
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(": ").append(t.getClass().getSimpleName()).append(t.getMessage() == null ? "" : " "
                    + t.getMessage());
        }
        return sb.toString();
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
