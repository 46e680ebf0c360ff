package dev.shimscan.rules.support;

import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.core.source.host.HostFiles;
import dev.shimscan.core.tree.NodeRef;
import java.util.Optional;

/**
 * A file read from a node by the host source ({@link HostFiles}): its path relative to the scanned root, its
 * category and its content node. Hits at an offset of the content land on the file's own line.
 */
public record HostFile(String path, HostFileCategory category, NodeRef content) {

    /** The host file a resource holds; empty for any other resource. */
    public static Optional<HostFile> of(Resource resource) {
        if (!HostFiles.isHostFile(resource)) {
            return Optional.empty();
        }
        NodeRef root = resource.root();
        HostFileCategory category = HostFileCategory.ofLabel(root.get(HostFiles.CATEGORY).textOr(""));
        NodeRef content = root.get(HostFiles.CONTENT);
        if (category == null || !content.isScalar()) {
            return Optional.empty();
        }
        return Optional.of(new HostFile(root.get(HostFiles.PATH).textOr(resource.ref().name()), category, content));
    }

    public String text() {
        return content.textOr("");
    }

    /** The file's name, without its directory. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A hit whose evidence is {@code evidence}, found at {@code offset} of the file. */
    public Hit hit(String message, String evidence, int offset) {
        return Hit.at(content, message).withEvidence(evidence, offset);
    }

    /** A hit on the line holding {@code offset}: the evidence is that line from {@code offset}, trimmed. */
    public Hit hitAt(String message, int offset) {
        String text = text();
        int end = text.indexOf('\n', offset);
        String evidence = text.substring(offset, end < 0 ? text.length() : end).strip();
        return hit(message, evidence.isEmpty() ? text.substring(offset, Math.min(text.length(), offset + 1)) : evidence,
                offset);
    }

    /** 0-based line of an offset in the file. */
    public int lineOf(int offset) {
        String text = text();
        int line = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
