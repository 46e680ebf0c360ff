package dev.shimscan.rules.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerSignalsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rate(engine_daemon_container_actions_seconds_count[5m])           | ENGINE_METRIC         | engine_daemon_container_actions_seconds_count
            rate(kubelet_docker_operations_errors_total[5m]) > 0              | KUBELET_DOCKER_METRIC | kubelet_docker_operations_errors_total
            container_memory_usage_bytes{id=~"/docker/.*"}                    | DOCKER_CGROUP         | id=~"/docker/.*"
            container_cpu_usage_seconds_total{id =~ ".*docker-.+\\\\.scope"}  | DOCKER_CGROUP         | id =~ ".*docker-.+\\\\.scope"
            kube_pod_container_info{container_id=~"docker://.*"}             | DOCKER_CGROUP         | container_id=~"docker://.*"
            sum(container_memory_usage_bytes{id!~\\"/docker/.*\\"})          | DOCKER_CGROUP         | id!~\\"/docker/.*\\"
            container_start_time_seconds{name=~"^k8s_.*"}                     | DOCKER_NAME           | name=~"^k8s_.*"
            up{job="dockerd"} == 0                                            | DOCKER_DAEMON         | dockerd
            node_systemd_unit_state{name="docker.service"} == 0              | DOCKER_DAEMON         | docker.service
            count_over_time({unit="docker.socket"}[5m])                       | DOCKER_DAEMON         | docker.socket
            node_filesystem_avail_bytes{mountpoint="/var/lib/docker"}        | DOCKER_DATA_ROOT      | mountpoint="/var/lib/docker"
            process_cpu_seconds_total{job="cri-dockerd"}                      | DOCKER_DAEMON         | dockerd
            """)
    void finds(String text, DockerSignals.Kind kind, String match) {
        List<DockerSignals.Signal> signals = DockerSignals.find(text);
        assertThat(signals).extracting(DockerSignals.Signal::kind, DockerSignals.Signal::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(kind, match));
        assertThat(text.substring(signals.get(0).start(), signals.get(0).end())).isEqualTo(match);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "sum by (pod) (rate(container_cpu_usage_seconds_total{container!=\"\"}[5m]))",
            "container_memory_working_set_bytes{container!=\"\", image!=\"\"}",
            "rate(kubelet_runtime_operations_errors_total[5m]) > 0",
            "node_systemd_unit_state{name=\"containerd.service\"} == 0",
            "kube_pod_container_info{image=~\"docker.io/library/.*\"}",
            "kube_pod_container_info{container_id=~\"containerd://.*\"}",
            "up{job=\"docker-registry\"} == 0",
            "sum(container_memory_rss{pod_id=\"docker\"})",
            "node_filesystem_avail_bytes{mountpoint=\"/var/lib/containerd\"}",
            "title: Docker containers"
    })
    void ignores(String text) {
        assertThat(DockerSignals.find(text)).isEmpty();
    }
}
