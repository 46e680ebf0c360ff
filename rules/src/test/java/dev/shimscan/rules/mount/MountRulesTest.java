package dev.shimscan.rules.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.ClusterOrigin;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.source.manifest.FileScan;
import dev.shimscan.core.source.manifest.ManifestFileScanner;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParseLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the DS1xx findings say: messages, containers, paths, evidence and lines, through the real engine. */
class MountRulesTest {
    private static final List<Rule> FAMILY = List.<Rule>of(new DockerSocketMountRule(), new RuntimeDirMountRule(),
            new DockerDataMountRule(), new DockerConfigMountRule(), new DockerBinaryMountRule(),
            new DockerSocketReferenceRule());

    private static List<Finding> scan(String yaml) {
        ManifestFileScanner scanner = new ManifestFileScanner(new DocumentReader(ParseLimits.DEFAULT),
                new ResourceChecker(FAMILY, SourceKind.MANIFEST));
        FileScan scan = scanner.scanText("test.yaml", false, yaml);
        assertThat(scan.problems()).isEmpty();
        return scan.findings();
    }

    @Test
    void socketMountedIntoOneContainer() {
        List<Finding> findings = scan("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: monitoring}
                spec:
                  template:
                    spec:
                      containers:
                        - name: agent
                          image: example.com/agent:1
                          volumeMounts: [{name: dockersock, mountPath: /var/run/docker.sock}]
                      volumes:
                        - name: dockersock
                          hostPath:
                            path: /var/run/docker.sock
                """);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("DS101");
            assertThat(f.message()).isEqualTo(
                    "hostPath volume 'dockersock' mounts the Docker socket /var/run/docker.sock into container 'agent'");
            assertThat(f.container()).isEqualTo("agent");
            assertThat(f.path()).isEqualTo("spec.template.spec.volumes[0].hostPath.path");
            assertThat(f.evidence()).isEqualTo("/var/run/docker.sock");
            assertThat(f.location().line()).isEqualTo(14);
            assertThat(f.location().column()).isEqualTo(19);
            assertThat(f.object().display()).isEqualTo("DaemonSet/monitoring/agent");
            assertThat(f.remediation()).isEqualTo(DockerSocketMountRule.META.remediation());
        });
    }

    @Test
    void twoContainersAreNamedAndNoSingleContainerIsSet() {
        List<Finding> findings = scan("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  initContainers:
                    - {name: wait, image: busybox, volumeMounts: [{name: s, mountPath: /s}]}
                  containers:
                    - {name: main, image: busybox, volumeMounts: [{name: s, mountPath: /s}]}
                    - {name: other, image: busybox}
                  volumes:
                    - {name: s, hostPath: {path: //run/./docker.sock}}
                """);
        assertThat(findings).extracting(Finding::ruleId, Finding::message, Finding::container).containsExactly(
                tuple("DS101", "hostPath volume 's' mounts the Docker socket //run/./docker.sock (= /var/run/docker.sock)"
                        + " into containers 'wait', 'main'", null));
    }

    @Test
    void unmountedVolumesAreReportedAsSuchExceptByDs102() {
        List<Finding> findings = scan("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [{name: web, image: nginx}]
                  volumes:
                    - {name: sock, hostPath: {path: /var/run/dockershim.sock}}
                    - {name: run, hostPath: {path: /var/run}}
                    - {name: conf, hostPath: {path: /etc/docker/daemon.json}}
                """);
        assertThat(findings).extracting(Finding::ruleId, Finding::message, f -> f.location().line()).containsExactly(
                tuple("DS101", "hostPath volume 'sock' points at the dockershim socket /var/run/dockershim.sock"
                        + " but is not mounted by any container", 7),
                tuple("DS104", "hostPath volume 'conf' points at Docker's configuration file /etc/docker/daemon.json"
                        + " but is not mounted by any container", 9));
    }

    @Test
    void subPathIntoTheRuntimeDirectoryIsReportedAtTheSubPath() {
        List<Finding> findings = scan("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: runner
                      image: example.com/runner
                      env: [{name: SOCK, value: docker.sock}]
                      volumeMounts:
                        - {name: run, mountPath: /var/run/docker.sock, subPath: docker.sock}
                        - {name: run, mountPath: /x.sock, subPathExpr: $(SOCK)}
                  volumes:
                    - {name: run, hostPath: {path: /run}}
                """);
        assertThat(findings).extracting(Finding::ruleId, Finding::message, Finding::container, Finding::path,
                f -> f.location().line()).containsExactly(
                tuple("DS101", "volume 'run' (hostPath /run) mounts the Docker socket /var/run/docker.sock into"
                                + " container 'runner' through subPath 'docker.sock'", "runner",
                        "spec.containers[0].volumeMounts[0].subPath", 10),
                tuple("DS101", "volume 'run' (hostPath /run) mounts the Docker socket /var/run/docker.sock into"
                                + " container 'runner' through subPathExpr '$(SOCK)'", "runner",
                        "spec.containers[0].volumeMounts[1].subPathExpr", 11));
    }

    @Test
    void anUnresolvableSubPathExprIsSaidSo() {
        List<Finding> findings = scan("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      image: busybox
                      volumeMounts: [{name: data, mountPath: /d, subPathExpr: $(POD_NAME)}]
                  volumes:
                    - {name: data, hostPath: {path: /var/lib/docker/volumes}}
                """);
        assertThat(findings).extracting(Finding::ruleId, Finding::message).containsExactly(tuple("DS103",
                "hostPath volume 'data' points at Docker's data directory /var/lib/docker/volumes; container 'c' mounts"
                        + " it through a subPathExpr that cannot be resolved"));
    }

    @Test
    void persistentVolumeOfTheSocket() {
        List<Finding> findings = scan("""
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: sock-pv}
                spec:
                  hostPath: {path: /var/run/docker.sock}
                """);
        assertThat(findings).extracting(Finding::ruleId, Finding::message, Finding::path).containsExactly(tuple(
                "DS101", "PersistentVolume 'sock-pv' is a hostPath volume of the Docker socket /var/run/docker.sock;"
                        + " every pod that claims it mounts it", "spec.hostPath.path"));
    }

    @Test
    void runtimeDirectoryBinaryAndArgoTemplateName() {
        List<Finding> findings = scan("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: wf}
                spec:
                  volumes:
                    - {name: host-run, hostPath: {path: /run/}}
                    - {name: cli, hostPath: {path: /usr/bin/docker}}
                  templates:
                    - name: inspect
                      container:
                        image: alpine
                        volumeMounts: [{name: host-run, mountPath: /host/run}, {name: cli, mountPath: /usr/bin/docker}]
                """);
        assertThat(findings).extracting(Finding::ruleId, Finding::message, Finding::container).containsExactly(
                tuple("DS102", "hostPath volume 'host-run' mounts the host directory /run/ (= /var/run), which holds"
                        + " the Docker socket, into container 'inspect'", "inspect"),
                tuple("DS105", "hostPath volume 'cli' mounts the Docker binary /usr/bin/docker into container"
                        + " 'inspect'", "inspect"));
    }

    @Test
    void socketReferencesPointAtTheirLineInsideABlockScalar() {
        List<Finding> findings = scan("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: runner
                  annotations:
                    example.com/docker: unix:///run/docker.sock
                data:
                  config.toml: |
                    [[runners]]
                      [runners.docker]
                        host = "unix:///var/run/docker.sock"
                        volumes = ["/cache", "/var/run/docker.sock:/var/run/docker.sock"]
                """);
        assertThat(findings).extracting(Finding::ruleId, Finding::message, Finding::path, Finding::evidence,
                f -> f.location().line(), f -> f.location().column()).containsExactly(
                tuple("DS106", "annotation 'example.com/docker' names the Docker socket unix:///run/docker.sock",
                        "metadata.annotations[\"example.com/docker\"]", "unix:///run/docker.sock", 6, 25),
                tuple("DS106", "ConfigMap key 'config.toml' names the Docker socket unix:///var/run/docker.sock",
                        "data[\"config.toml\"]", "unix:///var/run/docker.sock", 11, 17),
                tuple("DS106", "ConfigMap key 'config.toml' names the Docker socket /var/run/docker.sock",
                        "data[\"config.toml\"]", "/var/run/docker.sock", 12, 31));
    }

    @Test
    void socketReferenceInAContainerNamesTheEnvVarAndContainer() {
        List<Finding> findings = scan("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: builder
                      image: docker:24-cli
                      env:
                        - {name: DOCKER_HOST, value: "unix:///var/run/docker.sock"}
                        - {name: AGENT_DOCKER_ENDPOINT, value: "unix:///var/run/docker.sock"}
                      args: ["-H", "unix:///var/run/cri-dockerd.sock"]
                """);
        // DOCKER_HOST itself is DS204's: DS106 reports the other variable and the argument
        assertThat(findings).extracting(Finding::message, Finding::container, Finding::path).containsExactly(
                tuple("env AGENT_DOCKER_ENDPOINT of container 'builder' names the Docker socket"
                                + " unix:///var/run/docker.sock", "builder", "spec.containers[0].env[1].value"),
                tuple("args[1] of container 'builder' names the cri-dockerd socket (Docker Engine behind CRI)"
                        + " unix:///var/run/cri-dockerd.sock", "builder", "spec.containers[0].args[1]"));
    }

    @Test
    void liveClusterObjectsAreCheckedTheSameWay() throws Exception {
        var body = new ObjectMapper().readTree("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "ns"},
                 "spec": {"containers": [{"name": "c", "image": "x",
                                          "volumeMounts": [{"name": "s", "mountPath": "/var/run/docker.sock"}]}],
                          "volumes": [{"name": "s", "hostPath": {"path": "/var/run/docker.sock", "type": ""}}]}}
                """);
        Resource live = new Resource(Resource.identify(body), body, new ClusterOrigin("prod"));
        List<Finding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        new ResourceChecker(FAMILY, SourceKind.CLUSTER).check(live, findings, problems);
        assertThat(problems).isEmpty();
        assertThat(findings).extracting(Finding::ruleId, Finding::container, Finding::cluster, Finding::location)
                .containsExactly(tuple("DS101", "c", "prod", null));
    }

    @Test
    void secretStringDataIsNamedByKey() {
        List<Finding> findings = scan("""
                apiVersion: v1
                kind: Secret
                metadata: {name: runner-env}
                stringData:
                  DOCKER_HOST: unix:///var/run/docker.sock
                """);
        assertThat(findings).extracting(Finding::message, Finding::path).containsExactly(tuple(
                "Secret key 'DOCKER_HOST' names the Docker socket unix:///var/run/docker.sock", "stringData.DOCKER_HOST"));
    }
}
