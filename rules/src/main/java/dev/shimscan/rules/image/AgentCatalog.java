package dev.shimscan.rules.image;

import java.util.Locale;
import java.util.ArrayList;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.rule.Keyword;
import dev.shimscan.core.model.Severity;
import dev.shimscan.rules.support.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The data catalog of known telemetry and security node agents behind DS302, read from the resource
 * {@code shimscan/data/known-node-agents.yaml} (its header documents the fields).
 */
public final class AgentCatalog {
    static final String RESOURCE = "shimscan/data/known-node-agents.yaml";

    /** One image pattern of an agent. */
    public record ImagePattern(String pattern, String runtimeAwareSince) {
    }

    /** One agent of the catalog; {@code severity} is note unless the catalog says otherwise. */
    public record Agent(String vendor, String product, List<ImagePattern> images, List<String> notAgentWhenArgs,
                        String guidance, String advice, Severity severity, String source) {
        public Agent {
            if (vendor == null || vendor.isBlank() || product == null || product.isBlank()) {
                throw new IllegalArgumentException("agent without vendor or product: " + vendor + " / " + product);
            }
            if (images == null || images.isEmpty() || images.stream().anyMatch(i -> i.pattern() == null)) {
                throw new IllegalArgumentException(product + ": no image patterns");
            }
            if (guidance == null || !guidance.startsWith("https://")) {
                throw new IllegalArgumentException(product + ": guidance must be an https link: " + guidance);
            }
            if (advice == null || advice.isBlank() || source == null || source.isBlank()) {
                throw new IllegalArgumentException(product + ": advice and source are required");
            }
            images = List.copyOf(images);
            notAgentWhenArgs = notAgentWhenArgs == null ? List.of() : List.copyOf(notAgentWhenArgs);
            severity = severity == null ? Severity.NOTE : severity;
        }

        /** The pattern that {@code image} matches, if any. */
        public Optional<ImagePattern> match(ImageRef image) {
            return images.stream().filter(p -> image.matches(p.pattern())).findFirst();
        }
    }

    private static final List<Agent> AGENTS = load();

    private AgentCatalog() {
    }

    /** Every agent of the catalog, in file order. */
    public static List<Agent> agents() {
        return AGENTS;
    }

    /**
     * Keywords of DS302: for each image pattern, its last literal part (after the last {@code *}) without the
     * {@code docker.io/} and {@code library/} prefixes and leading slashes that normalisation may have added. An
     * image that matches the pattern ends with that part, so its text (whichever way the registry was
     * written) contains it.
     */
    public static Keywords keywords() {
        List<Keyword> out = new ArrayList<>();
        for (Agent a : AGENTS) {
            for (ImagePattern p : a.images()) {
                Keyword k = Keyword.of(literalTail(p.pattern()));
                if (!out.contains(k)) {
                    out.add(k);
                }
            }
        }
        return Keywords.anyOf(out);
    }

    static String literalTail(String pattern) {
        String[] parts = pattern.toLowerCase(Locale.ROOT).split("\\*", -1);
        String tail = "";
        for (int i = parts.length - 1; i >= 0 && tail.isEmpty(); i--) {
            tail = parts[i];
        }
        for (String prefix : List.of("docker.io/", "library/")) {
            if (tail.startsWith(prefix)) {
                tail = tail.substring(prefix.length());
            }
        }
        while (tail.startsWith("/")) {
            tail = tail.substring(1);
        }
        if (tail.isEmpty()) {
            throw new IllegalStateException("image pattern without a literal part: " + pattern);
        }
        return tail;
    }

    /** The agent whose images include {@code image}, if any. */
    public static Optional<Agent> find(ImageRef image) {
        return AGENTS.stream().filter(a -> a.match(image).isPresent()).findFirst();
    }

    private static List<Agent> load() {
        try (InputStream in = AgentCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return AgentCatalogReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
