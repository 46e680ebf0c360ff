package dev.shimscan.core.source.host;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.resource.FileOrigin;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.yaml.PositionIndex;
import dev.shimscan.core.yaml.SourceText;

/**
 * How a file on the node becomes a resource the rules check: an object {@code shimscan.dev/v1 HostFile} named by
 * its path relative to the scanned root, with the body <code>{path, category, content}</code>. The {@code content}
 * node spans the whole file, so a rule that reports {@code Hit.at(content, ...).withEvidence(text, offset)} gets
 * the file's own line and column from the engine.
 */
public final class HostFiles {
    public static final String API_VERSION = "shimscan.dev/v1";
    public static final String KIND = "HostFile";
    public static final String PATH = "path";
    public static final String CATEGORY = "category";
    public static final String CONTENT = "content";

    private HostFiles() {
    }

    /**
     * The resource of one host file.
     *
     * @param path     relative to the scanned root, with forward slashes ({@code etc/docker/daemon.json})
     * @param category what the file is
     * @param text     the file's text
     */
    public static Resource resource(String path, HostFileCategory category, String text) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put(PATH, path);
        body.put(CATEGORY, category.label());
        body.put(CONTENT, text);
        SourceText source = new SourceText(text);
        return new Resource(new ObjectRef(API_VERSION, KIND, null, path), body,
                new FileOrigin(path, 0, "", PositionIndex.wholeText(source, CONTENT)));
    }

    /** True when the resource is a host file. */
    public static boolean isHostFile(Resource resource) {
        return KIND.equals(resource.ref().kind()) && API_VERSION.equals(resource.ref().apiVersion());
    }
}
