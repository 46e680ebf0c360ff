package dev.shimscan.core.source.host;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a text file in {@code /usr/local/bin}, {@code /opt} or a {@code cron.daily} directory is a shell
 * script: its shebang names a shell ({@code #!/bin/sh}, {@code #!/usr/bin/env bash}); or it has no shebang and is
 * named {@code *.sh}/{@code *.bash} or is executable (a shell runs an executable text without shebang). Scripts for
 * other interpreters (Python, Perl) and data files are not read as shell.
 */
final class ShellScriptSniffer {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "busybox");

    private ShellScriptSniffer() {
    }

    static boolean isShellScript(String name, String text, boolean executable) {
        if (text.startsWith("#!")) {
            return SHELLS.contains(interpreter(text));
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".sh") || lower.endsWith(".bash") || executable;
    }

    /** The interpreter a shebang names, as a bare name ({@code bash} for {@code #!/usr/bin/env -S bash -e}). */
    static String interpreter(String text) {
        int eol = text.indexOf('\n');
        String[] words = text.substring(2, eol < 0 ? text.length() : eol).trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return "";
        }
        String first = baseName(words[0]);
        if (first.equals("env")) {
            for (int i = 1; i < words.length; i++) {
                if (!words[i].startsWith("-") && !words[i].contains("=")) {
                    return baseName(words[i]);
                }
            }
        }
        return first;
    }

    private static String baseName(String word) {
        int slash = word.lastIndexOf('/');
        return (slash < 0 ? word : word.substring(slash + 1)).toLowerCase(Locale.ROOT);
    }
}
