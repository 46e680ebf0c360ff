package dev.shimscan.core.source.host;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a file on the node is, by where it sits: rules pick the files they read by category, never by path. The
 * label is the {@code category} field of the file's resource.
 */
public enum HostFileCategory {
    /** {@code /etc/docker/daemon.json}. */
    DAEMON_JSON("daemon-json"),
    /** Environment files that hold kubelet flags: {@code kubeadm-flags.env}, {@code /etc/default/kubelet}. */
    KUBELET_FLAGS("kubelet-flags"),
    /** The kubelet's configuration file ({@code /var/lib/kubelet/config.yaml}, EKS's {@code kubelet-config.json}). */
    KUBELET_CONFIG("kubelet-config"),
    /** A systemd unit or drop-in ({@code .service}, {@code .socket}, {@code .timer}, {@code *.d/*.conf}). */
    SYSTEMD_UNIT("systemd-unit"),
    /** A system crontab with a user field: {@code /etc/crontab}, {@code /etc/cron.d/*}. */
    CRON("cron"),
    /** A user's crontab, without a user field: {@code /var/spool/cron/...}. */
    USER_CRON("user-cron"),
    /** A shell script: {@code /etc/rc.local}, {@code /etc/cron.daily/*}, scripts in {@code /usr/local/bin}, {@code /opt}. */
    SCRIPT("script"),
    /** cloud-init user data or configuration (shell script, {@code #cloud-config}, or MIME multi-part). */
    CLOUD_INIT("cloud-init"),
    /** Login shell setup: {@code /etc/profile.d/*}, root's and users' {@code .bashrc}, {@code .profile}, aliases. */
    PROFILE("profile"),
    /** A log agent's configuration: Fluent Bit, Fluentd/td-agent, Filebeat, Promtail, Vector, Alloy. */
    LOG_PIPELINE("log-pipeline");

    private final String label;

    HostFileCategory(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The category with this label; null when there is none. */
    public static HostFileCategory ofLabel(String label) {
        for (HostFileCategory c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        return null;
    }

    /** True for the categories whose files a shell runs (or that hold shell commands). */
    public boolean holdsShell() {
        return this == CRON || this == USER_CRON || this == SCRIPT || this == CLOUD_INIT || this == PROFILE;
    }
}
