package dev.shimscan.core.policy;

import dev.shimscan.core.model.ObjectRef;

/**
 * Objects by kind, namespace and name globs; a part that is not given matches anything. Kinds match
 * case-insensitively. An object without a namespace has the namespace {@code ""} ({@code *} matches it).
 */
public record ObjectSelector(Glob kind, Glob namespace, Glob name) {
    public static final ObjectSelector ANY = new ObjectSelector(null, null, null);

    public boolean matches(ObjectRef ref) {
        if (ref == null) {
            return kind == null && namespace == null && name == null;
        }
        return (kind == null || kind.matches(nz(ref.kind())))
                && (namespace == null || namespace.matches(nz(ref.namespace())))
                && (name == null || name.matches(nz(ref.name())));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
