package dev.shimscan.core.yaml;

/** A {@link ParseLimits} limit was hit; the rest of the document is not read. */
final class LimitExceededException extends RuntimeException {
    private final int offset;

    LimitExceededException(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    int offset() {
        return offset;
    }
}
