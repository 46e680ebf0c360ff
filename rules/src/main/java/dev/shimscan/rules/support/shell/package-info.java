/**
 * Shell-command analysis shared by the command rules (DS201, DS202, DS203, DS205, DS601): where a shell, or a
 * command vector exec'd without one, would run the {@code docker} CLI, control the Docker daemon, or write under
 * {@code /etc/docker}. Pure Java, independent of the rule engine.
 *
 * <p>Entry points: {@link dev.shimscan.rules.support.shell.ShellAnalysis#ofScript(String)} for script text
 * ({@code sh -c} strings, ConfigMap scripts, host scripts) and
 * {@link dev.shimscan.rules.support.shell.ShellAnalysis#ofArgv(java.util.List)} for Kubernetes {@code command} +
 * {@code args}, lifecycle hooks and exec probes. Each returns
 * {@link dev.shimscan.rules.support.shell.ShellMatch}es with the exact offset (and 0-based line and column) of the
 * command word in the string the rule handed in, ready for {@code Hit.withEvidence(text, offset)}.
 *
 * <p>Decisions: {@code docker-compose} is the Docker CLI (it talks to the daemon like {@code docker compose});
 * {@code systemctl <any verb> docker|docker.service|docker.socket} is daemon control, including
 * {@code status}/{@code is-active} (the verb is in {@code detail}); paths match {@code /etc/docker} wherever it
 * stands in the path, so {@code /host/etc/docker/daemon.json} (the node's file through a hostPath mount) counts;
 * {@code install -d} and {@code mkdir} only create directories and do not count; {@code command -v docker},
 * {@code which}, {@code type}, {@code pidof}, {@code pgrep} only look.
 *
 * <p>Known limits: commands reached only through a variable ({@code $DOCKER ps}, {@code alias d=docker}), through a
 * remote or another container ({@code ssh host docker ps}, {@code kubectl exec pod -- docker ps}), or through a
 * script file ({@code sh /scripts/x.sh}) are not followed; {@code journalctl -u docker} is not daemon control;
 * nesting beyond {@link dev.shimscan.rules.support.shell.ShellAnalysis} limits (64 nested constructs, 16 nested
 * scripts) is skipped without analysis; a command keeps at most 4,096 words (the last one always kept);
 * {@code $((...))} that bash would re-read as {@code $( (...) )} stays arithmetic.
 */
package dev.shimscan.rules.support.shell;
