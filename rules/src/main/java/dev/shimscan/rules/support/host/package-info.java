/**
 * Shell commands in files read from a node by the host source: where a shell runs in each kind of file
 * ({@link dev.shimscan.rules.support.host.ShellRegions}: scripts, aliases, cron jobs, unit {@code Exec*=} lines,
 * cloud-init) and which rule reports each Docker-dependent line ({@link dev.shimscan.rules.support.host.HostCommands}:
 * DS602, DS203, DS202, DS601, one finding per line).
 */
package dev.shimscan.rules.support.host;
