package dev.shimscan.core.source.cluster;

/** Told what the audit is reading, for a progress line on a terminal. */
public interface AuditProgress {
    AuditProgress NONE = new AuditProgress() {
        @Override
        public void reading(String cluster, String kind, long itemsSoFar) {
        }

        @Override
        public void finished() {
        }
    };

    /** Items of {@code kind} read so far in {@code cluster}; called at most once per page. */
    void reading(String cluster, String kind, long itemsSoFar);

    /** The audit is over; clear the progress line. */
    void finished();
}
