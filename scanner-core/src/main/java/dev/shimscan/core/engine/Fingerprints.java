package dev.shimscan.core.engine;

import dev.shimscan.core.model.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable finding identity: rule id, object kind/namespace/name, path inside the object, and the evidence
 * with its occurrence; never line numbers or file names, so reformatting or moving a manifest keeps it.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String of(String ruleId, ObjectRef object, String path, String evidence, int occurrence) {
        String key = String.join("\u0000", ruleId,
                nz(object == null ? null : object.kind()),
                nz(object == null ? null : object.namespace()),
                nz(object == null ? null : object.name()),
                nz(path), nz(evidence), Integer.toString(occurrence));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
