package dev.shimscan.core.source.host;

import static dev.shimscan.core.source.host.HostFileCategory.CLOUD_INIT;
import static dev.shimscan.core.source.host.HostFileCategory.CRON;
import static dev.shimscan.core.source.host.HostFileCategory.DAEMON_JSON;
import static dev.shimscan.core.source.host.HostFileCategory.KUBELET_CONFIG;
import static dev.shimscan.core.source.host.HostFileCategory.KUBELET_FLAGS;
import static dev.shimscan.core.source.host.HostFileCategory.LOG_PIPELINE;
import static dev.shimscan.core.source.host.HostFileCategory.PROFILE;
import static dev.shimscan.core.source.host.HostFileCategory.SCRIPT;
import static dev.shimscan.core.source.host.HostFileCategory.SYSTEMD_UNIT;
import static dev.shimscan.core.source.host.HostFileCategory.USER_CRON;

import java.util.List;

/**
 * Every place the host scan reads, and nothing else: Docker's daemon.json, the kubelet's flags and config, systemd
 * units, cron, rc.local, cloud-init, login shell files, scripts in {@code /usr/local/bin}, {@code /usr/local/sbin}
 * and {@code /opt}, and log agents' configs. Paths that do not exist are simply not there.
 */
final class HostPlaces {
    static final List<HostPlace> ALL = List.of(
            HostPlace.file("etc/docker/daemon.json", DAEMON_JSON),

            HostPlace.file("var/lib/kubelet/kubeadm-flags.env", KUBELET_FLAGS),
            HostPlace.file("etc/default/kubelet", KUBELET_FLAGS),
            HostPlace.file("etc/sysconfig/kubelet", KUBELET_FLAGS),
            HostPlace.file("var/lib/kubelet/config.yaml", KUBELET_CONFIG),
            HostPlace.file("etc/kubernetes/kubelet/kubelet-config.json", KUBELET_CONFIG),

            HostPlace.dir("etc/systemd/system", SYSTEMD_UNIT, 2, HostPlace.Filter.UNITS),
            HostPlace.dir("usr/lib/systemd/system", SYSTEMD_UNIT, 2, HostPlace.Filter.UNITS),
            HostPlace.dir("lib/systemd/system", SYSTEMD_UNIT, 2, HostPlace.Filter.UNITS),

            HostPlace.file("etc/crontab", CRON),
            HostPlace.dir("etc/cron.d", CRON, 1, HostPlace.Filter.ALL),
            HostPlace.dir("var/spool/cron", USER_CRON, 2, HostPlace.Filter.ALL),
            HostPlace.scripts("etc/cron.hourly", 1),
            HostPlace.scripts("etc/cron.daily", 1),
            HostPlace.scripts("etc/cron.weekly", 1),
            HostPlace.scripts("etc/cron.monthly", 1),

            HostPlace.file("etc/rc.local", SCRIPT),
            HostPlace.file("etc/rc.d/rc.local", SCRIPT),

            HostPlace.file("var/lib/cloud/instance/user-data.txt", CLOUD_INIT),
            HostPlace.file("etc/cloud/cloud.cfg", CLOUD_INIT),
            HostPlace.dir("etc/cloud/cloud.cfg.d", CLOUD_INIT, 1, HostPlace.Filter.CFG),

            HostPlace.file("etc/profile", PROFILE),
            HostPlace.file("etc/bash.bashrc", PROFILE),
            HostPlace.file("etc/bashrc", PROFILE),
            HostPlace.dir("etc/profile.d", PROFILE, 1, HostPlace.Filter.ALL),
            HostPlace.dir("root", PROFILE, 1, HostPlace.Filter.RC_FILES),
            HostPlace.dir("home", PROFILE, 2, HostPlace.Filter.HOME_RC_FILES),

            HostPlace.scripts("usr/local/bin", 3),
            HostPlace.scripts("usr/local/sbin", 3),
            HostPlace.scripts("opt", 6),

            HostPlace.dir("etc/fluent-bit", LOG_PIPELINE, 3, HostPlace.Filter.LOG_CONFIGS),
            HostPlace.dir("etc/td-agent-bit", LOG_PIPELINE, 3, HostPlace.Filter.LOG_CONFIGS),
            HostPlace.dir("etc/td-agent", LOG_PIPELINE, 3, HostPlace.Filter.LOG_CONFIGS),
            HostPlace.dir("etc/fluent", LOG_PIPELINE, 3, HostPlace.Filter.LOG_CONFIGS),
            HostPlace.dir("etc/fluentd", LOG_PIPELINE, 3, HostPlace.Filter.LOG_CONFIGS),
            HostPlace.dir("etc/filebeat", LOG_PIPELINE, 3, HostPlace.Filter.LOG_CONFIGS),
            HostPlace.dir("etc/promtail", LOG_PIPELINE, 3, HostPlace.Filter.LOG_CONFIGS),
            HostPlace.dir("etc/vector", LOG_PIPELINE, 3, HostPlace.Filter.LOG_CONFIGS),
            HostPlace.dir("etc/alloy", LOG_PIPELINE, 3, HostPlace.Filter.LOG_CONFIGS),
            HostPlace.file("etc/grafana-agent.yaml", LOG_PIPELINE));

    private HostPlaces() {
    }
}
