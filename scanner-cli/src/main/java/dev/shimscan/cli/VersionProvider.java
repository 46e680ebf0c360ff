package dev.shimscan.cli;

import dev.shimscan.core.report.ToolVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the build stamped into scanner-core. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {ToolVersion.NAME + " " + ToolVersion.version()};
    }
}
