package dev.shimscan.rules.support.shell;

/**
 * One place where a shell (or an exec'd command vector) would run something that depends on Docker Engine.
 *
 * @param kind        what was found
 * @param commandWord the command word as the shell sees it after quote removal ({@code docker},
 *                    {@code /usr/bin/docker}, {@code systemctl}, {@code tee}); for a bare redirection with no
 *                    command word ({@code > /etc/docker/daemon.json}) the redirection operator
 * @param description short human text: {@code docker ps}, {@code systemctl restart docker},
 *                    {@code tee /etc/docker/daemon.json}, {@code cat > /etc/docker/daemon.json}
 * @param detail      the Docker subcommand ({@code ps}, {@code container ls}), the service verb
 *                    ({@code restart}) or the written path ({@code /etc/docker/daemon.json}); empty when none
 * @param element     index of the argv element the match lies in ({@link ShellAnalysis#ofArgv}); -1 for a script
 *                    ({@link ShellAnalysis#ofScript})
 * @param offset      char offset of the command word's first character in the original string (the script, or
 *                    argv element {@code element}); for {@code Hit.withEvidence(text, offset)}
 * @param line        0-based line of {@code offset} in that string
 * @param column      0-based column of {@code offset} in that line
 */
public record ShellMatch(Kind kind, String commandWord, String description, String detail,
                         int element, int offset, int line, int column) {

    /** What a match is evidence of. */
    public enum Kind {
        /** The {@code docker} (or {@code docker-compose}) client runs: DS201, DS205, DS601. */
        DOCKER_CLI,
        /** The Docker daemon is started, stopped, signalled or queried through its service manager: DS202. */
        DOCKER_DAEMON_CONTROL,
        /** A file under {@code /etc/docker} is written: DS203. */
        DOCKER_CONFIG_WRITE
    }

    /** True when the match lies in a script text rather than in an argv element. */
    public boolean inScript() {
        return element < 0;
    }
}
