package dev.shimscan.cli;

import dev.shimscan.core.model.Severity;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --fail-on error|warning|note|never}: the least severe finding that makes the run exit 1. */
final class FailOnOption {

    /** A severity threshold, or {@link #NEVER}. */
    enum FailOn {
        ERROR(Severity.ERROR), WARNING(Severity.WARNING), NOTE(Severity.NOTE), NEVER(null);

        private final Severity threshold;

        FailOn(Severity threshold) {
            this.threshold = threshold;
        }

        Optional<Severity> threshold() {
            return Optional.ofNullable(threshold);
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final class Converter implements ITypeConverter<FailOn> {
        @Override
        public FailOn convert(String value) {
            for (FailOn f : FailOn.values()) {
                if (f.label().equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
            throw new TypeConversionException("expected one of error, warning, note, never but was '" + value + "'");
        }
    }

    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(FailOn.values()).stream().map(FailOn::label).iterator();
        }
    }

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error", converter = Converter.class,
            completionCandidates = Names.class,
            description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}). never: findings never fail the run.")
    private FailOn failOn = FailOn.ERROR;

    Optional<Severity> threshold() {
        return failOn.threshold();
    }
}
