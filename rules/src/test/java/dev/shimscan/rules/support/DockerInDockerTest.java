package dev.shimscan.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.DockerInDocker.Daemon;
import dev.shimscan.rules.support.DockerInDocker.Resolution;
import dev.shimscan.rules.support.DockerInDocker.Target;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerInDockerTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static DockerInDocker of(String yaml) throws Exception {
        return DockerInDocker.of(NodeRef.root(YAML.readTree(yaml)));
    }

    private static ContainerRef container(DockerInDocker dind, String name) {
        return dind.specs().containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** A Deployment with a DinD sidecar and a client; {@code env} and {@code image} vary. */
    private static String sidecarPod(String dindImage, String dindEnv, String clientEnv) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: ci}
                spec:
                  template:
                    spec:
                      containers:
                      - name: build
                        image: docker:24-cli
                        env: %s
                      - name: dind
                        image: %s
                        securityContext: {privileged: true}
                        env: %s
                """.formatted(clientEnv, dindImage, dindEnv);
    }

    @Test
    void aDindSidecarWithoutTlsListensOn2375AndLocalhostLeadsToIt() throws Exception {
        DockerInDocker dind = of(sidecarPod("docker:24-dind", "[{name: DOCKER_TLS_CERTDIR, value: ''}]",
                "[{name: DOCKER_HOST, value: 'tcp://localhost:2375'}]"));
        ContainerRef build = container(dind, "build");
        assertThat(dind.daemons()).singleElement().satisfies(d -> {
            assertThat(d.container().name()).isEqualTo("dind");
            assertThat(d.tcpPorts()).containsExactly(2375);
            assertThat(d.unixSockets()).containsExactly("/var/run/docker.sock");
        });
        assertThat(dind.podRunsDaemon(build)).isTrue();
        assertThat(dind.daemon(build)).isEmpty();
        Resolution r = dind.resolve(build, "tcp://localhost:2375");
        assertThat(r.target()).isEqualTo(Target.POD_DAEMON);
        assertThat(r.daemon().container().name()).isEqualTo("dind");
        assertThat(r.description())
                .isEqualTo("the Docker-in-Docker daemon of container 'dind' (tcp :2375, unix /var/run/docker.sock)");
        assertThat(dind.clientEndpoint(build).target()).isEqualTo(Target.POD_DAEMON);
    }

    @Test
    void theImageDefaultIsTlsOn2376FromDocker1903AndPlain2375Before() throws Exception {
        assertThat(of(sidecarPod("docker:dind", "[]", "[]")).daemons().get(0).tcpPorts()).containsExactly(2376);
        assertThat(of(sidecarPod("docker:26.1-dind-rootless", "[]", "[]")).daemons().get(0).tcpPorts())
                .containsExactly(2376);
        assertThat(of(sidecarPod("docker:18.09-dind", "[]", "[]")).daemons().get(0).tcpPorts()).containsExactly(2375);
        assertThat(of(sidecarPod("docker:18.09-dind", "[{name: DOCKER_TLS_CERTDIR, value: /certs}]", "[]"))
                .daemons().get(0).tcpPorts()).containsExactly(2376);
    }

    @Test
    void loopbackOnAnotherPortStillLeadsToThePodsDaemonAndSaysSo() throws Exception {
        DockerInDocker dind = of(sidecarPod("docker:dind", "[]", "[]"));
        Resolution r = dind.resolve(container(dind, "build"), "tcp://127.0.0.1:2375");
        assertThat(r.target()).isEqualTo(Target.POD_DAEMON);
        assertThat(r.description()).endsWith(", though not on port 2375");
        assertThat(dind.resolve(container(dind, "build"), "tcp://[::1]:2376").target()).isEqualTo(Target.POD_DAEMON);
    }

    @ParameterizedTest
    @CsvSource({
            "docker:dind, true",
            "docker:24-dind, true",
            "docker:26.1-dind-rootless, true",
            "library/docker:dind, true",
            "docker.io/library/docker:27-dind, true",
            "mirror.gcr.io/library/docker:26-dind, true",
            "registry.example.com/ci/docker:24-dind, false",
            "cruizba/ubuntu-dind:latest, true",
            "docker:24, false",
            "docker:24-cli, false",
            "docker:git, false",
            "docker.io/library/nginx:1.25, false",
            "kindest/node:v1.29.0, false",
    })
    void recognisesDindImages(String image, boolean dindImage) {
        assertThat(DockerInDocker.isDindImage(ImageRef.parse(image).orElseThrow())).isEqualTo(dindImage);
    }

    @Test
    void aDindImageWhoseCommandRunsSomethingElseIsNoDaemon() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: cli-in-dind-image
                    image: docker:dind
                    command: [docker, build, .]
                  - name: args-run-a-shell
                    image: docker:dind
                    args: [sh, -c, 'docker info']
                  - name: args-are-flags
                    image: docker:dind
                    args: ['--mtu=1400']
                """);
        assertThat(dind.daemons()).extracting(d -> d.container().name()).containsExactly("args-are-flags");
    }

    @Test
    void anyImageThatStartsDockerdIsADaemonButMentioningItIsNot() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: script
                    image: docker:24
                    command: [/bin/sh, -c]
                    args:
                    - |
                      dockerd-entrypoint.sh &
                      sleep 5
                      docker build .
                  - name: path
                    image: ubuntu:22.04
                    command: [/usr/local/bin/dockerd, -H, 'tcp://0.0.0.0:2375', -H, 'unix:///run/docker.sock']
                  - name: killer
                    image: busybox
                    command: [sh, -c, 'kill -HUP $(pidof dockerd); echo dockerd reloaded']
                  - name: systemctl
                    image: busybox
                    command: [nsenter, -t, '1', -m, --, systemctl, restart, docker]
                """);
        assertThat(dind.daemons()).extracting(d -> d.container().name()).containsExactly("script", "path");
        Daemon path = dind.daemons().get(1);
        assertThat(path.tcpPorts()).containsExactly(2375);
        assertThat(path.unixSockets()).containsExactly("/var/run/docker.sock");
        assertThat(dind.daemons().get(0).tcpPorts()).isEmpty();
    }

    @Test
    void argoSidecarAndMainContainerShareTheTemplateButNotOtherTemplates() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: dind-}
                spec:
                  entrypoint: main
                  templates:
                  - name: dind-sdk
                    container:
                      image: docker:19.03.13
                      command: [sh, -c]
                      args: ["until docker ps; do sleep 3; done; docker run --rm debian:latest cat /etc/os-release"]
                      env:
                      - name: DOCKER_HOST
                        value: 127.0.0.1
                    sidecars:
                    - name: dind
                      image: docker:19.03.13-dind
                      env:
                      - name: DOCKER_TLS_CERTDIR
                        value: ""
                      securityContext: {privileged: true}
                  - name: plain
                    container:
                      image: docker:19.03.13
                      command: [docker, ps]
                """);
        ContainerRef main = container(dind, "dind-sdk");
        ContainerRef plain = container(dind, "plain");
        assertThat(DockerInDocker.podPath(main)).isEqualTo("spec.templates[0]");
        assertThat(DockerInDocker.podPath(plain)).isEqualTo("spec.templates[1]");
        assertThat(dind.podOf(main)).extracting(ContainerRef::name).containsExactly("dind-sdk", "dind");
        assertThat(dind.podRunsDaemon(main)).isTrue();
        assertThat(dind.podRunsDaemon(plain)).isFalse();
        assertThat(dind.clientEndpoint(main).target()).isEqualTo(Target.POD_DAEMON);
        assertThat(dind.resolve(main, "127.0.0.1").description())
                .isEqualTo("the Docker-in-Docker daemon of container 'dind' (tcp :2375, unix /var/run/docker.sock)");
    }

    @Test
    void tektonStepsAndSidecarsAreOnePod() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: tekton.dev/v1
                kind: Task
                metadata: {name: docker-build}
                spec:
                  steps:
                  - name: build
                    image: docker.io/library/docker:24
                    env:
                    - {name: DOCKER_HOST, value: 'tcp://localhost:2376'}
                    - {name: DOCKER_TLS_VERIFY, value: '1'}
                    script: docker build -t x .
                  sidecars:
                  - name: server
                    image: docker.io/library/docker:24-dind
                    securityContext: {privileged: true}
                """);
        ContainerRef build = container(dind, "build");
        assertThat(DockerInDocker.podPath(build)).isEqualTo("spec");
        Resolution r = dind.clientEndpoint(build);
        assertThat(r.target()).isEqualTo(Target.POD_DAEMON);
        assertThat(r.daemon().container().name()).isEqualTo("server");
        assertThat(dind.resolve(build, "localhost").description()).doesNotContain("though not");
    }

    @Test
    void aSocketOnAnEmptyDirSharedWithTheDaemonLeadsToIt() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  volumes:
                  - name: dind-sock
                    emptyDir: {}
                  - name: scratch
                    emptyDir: {}
                  containers:
                  - name: client
                    image: docker:24
                    env: [{name: DOCKER_HOST, value: 'unix:///var/run/docker.sock'}]
                    volumeMounts:
                    - {name: dind-sock, mountPath: /var/run}
                    - {name: scratch, mountPath: /scratch}
                  - name: dind
                    image: docker:dind
                    volumeMounts: [{name: dind-sock, mountPath: /var/run}]
                """);
        ContainerRef client = container(dind, "client");
        Resolution shared = dind.resolve(client, "unix:///run/docker.sock");
        assertThat(shared.target()).isEqualTo(Target.POD_DAEMON);
        assertThat(shared.volume().name()).isEqualTo("dind-sock");
        assertThat(shared.description()).endsWith(", shared through volume 'dind-sock'");
        Resolution other = dind.resolve(client, "/scratch/docker.sock");
        assertThat(other.target()).isEqualTo(Target.ELSEWHERE);
        assertThat(other.description()).isEqualTo("a socket on volume 'scratch' (emptyDir) that no Docker daemon of "
                + "this pod shares");
        assertThat(dind.daemonsIn(dind.specs().scopes().get(0))).extracting(d -> d.container().name())
                .containsExactly("dind");
    }

    @Test
    void aSocketOnAHostPathMountIsTheNodesDaemonEvenWithDindInThePod() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  volumes:
                  - name: host-run
                    hostPath: {path: /run}
                  containers:
                  - name: client
                    image: docker:24
                    volumeMounts: [{name: host-run, mountPath: /host/run}]
                  - name: dind
                    image: docker:dind
                """);
        ContainerRef client = container(dind, "client");
        Resolution r = dind.resolve(client, "unix:///host/run/docker.sock");
        assertThat(r.target()).isEqualTo(Target.NODE_DAEMON);
        assertThat(r.description()).isEqualTo("the node's socket through hostPath volume 'host-run' (/run)");
        // no DOCKER_HOST: the default socket path, which no volume shares with the DinD container
        assertThat(dind.clientEndpoint(client).target()).isEqualTo(Target.UNKNOWN);
    }

    @Test
    void withoutAnyDaemonTheDefaultSocketPathMeansTheNodesDaemon() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: client
                    image: docker:24
                """);
        ContainerRef client = container(dind, "client");
        assertThat(dind.podRunsDaemon(client)).isFalse();
        Resolution r = dind.clientEndpoint(client);
        assertThat(r.target()).isEqualTo(Target.NODE_DAEMON);
        assertThat(r.description()).isEqualTo("the node's Docker socket path /var/run/docker.sock (no volume of this "
                + "pod mounts it into the container)");
        assertThat(dind.resolve(client, "/tmp/other.sock").target()).isEqualTo(Target.UNKNOWN);
    }

    @Test
    void theNodesAddressComesFromFieldRefsOnly() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  template:
                    spec:
                      containers:
                      - name: agent
                        image: example/agent:1
                        env:
                        - name: HOST_IP
                          valueFrom: {fieldRef: {fieldPath: status.hostIP}}
                        - name: NODE
                          valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
                        - name: FROM_CONFIG
                          valueFrom: {configMapKeyRef: {name: agent, key: docker}}
                        - name: PORT
                          value: "2376"
                """);
        ContainerRef agent = container(dind, "agent");
        assertThat(dind.resolve(agent, "tcp://$(HOST_IP):2375").target()).isEqualTo(Target.NODE_DAEMON);
        assertThat(dind.resolve(agent, "tcp://$(HOST_IP):$(PORT)").target()).isEqualTo(Target.NODE_DAEMON);
        assertThat(dind.resolve(agent, "tcp://$(HOST_IP)").description())
                .isEqualTo("the node's Docker Engine on port 2375");
        assertThat(dind.resolve(agent, "tcp://$(NODE):2376").target()).isEqualTo(Target.NODE_DAEMON);
        assertThat(dind.resolve(agent, "ssh://root@$(NODE)").target()).isEqualTo(Target.NODE_DAEMON);
        assertThat(dind.resolve(agent, "tcp://$(HOST_IP):8080").target()).isEqualTo(Target.UNKNOWN);
        assertThat(dind.resolve(agent, "tcp://$(FROM_CONFIG):2375").target()).isEqualTo(Target.UNKNOWN);
        assertThat(dind.resolve(agent, "tcp://$(MISSING):2375").target()).isEqualTo(Target.UNKNOWN);
        assertThat(dind.resolve(agent, "tcp://dind.ci.svc:2375").target()).isEqualTo(Target.ELSEWHERE);
        assertThat(dind.resolve(agent, "fd://").target()).isEqualTo(Target.UNKNOWN);
    }

    @Test
    void loopbackWithoutADaemonIsTheNodeOnlyOnTheHostNetwork() throws Exception {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  hostNetwork: %s
                  containers:
                  - name: c
                    image: docker:24
                """;
        DockerInDocker own = of(pod.formatted("false"));
        DockerInDocker host = of(pod.formatted("true"));
        assertThat(own.resolve(container(own, "c"), "tcp://localhost:2375").target()).isEqualTo(Target.UNKNOWN);
        assertThat(host.resolve(container(host, "c"), "tcp://localhost:2375").target())
                .isEqualTo(Target.NODE_DAEMON);
        assertThat(host.resolve(container(host, "c"), "tcp://localhost:9000").target()).isEqualTo(Target.UNKNOWN);
    }

    @Test
    void aSidecarNamedDockerOrALoopbackHostAliasIsThePodsDaemon() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: v1
                kind: Pod
                metadata: {name: runner}
                spec:
                  hostAliases:
                  - ip: 127.0.0.1
                    hostnames: [docker-daemon]
                  containers:
                  - name: build
                    image: docker:24
                  - name: docker
                    image: docker:24-dind
                """);
        ContainerRef build = container(dind, "build");
        assertThat(dind.resolve(build, "tcp://docker:2376").target()).isEqualTo(Target.POD_DAEMON);
        assertThat(dind.resolve(build, "tcp://docker-daemon:2376").target()).isEqualTo(Target.POD_DAEMON);
        assertThat(dind.resolve(build, "tcp://registry:5000").target()).isEqualTo(Target.ELSEWHERE);
    }

    @Test
    void aPodNeedsNoVolumesAndPodsOfAListStayApart() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: with-dind}
                  spec:
                    containers:
                    - {name: a, image: 'docker:24'}
                    - {name: b, image: 'docker:dind'}
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: without}
                  spec:
                    initContainers:
                    - {name: c, image: 'docker:24'}
                    containers:
                    - {name: d, image: 'alpine'}
                """);
        assertThat(dind.podRunsDaemon(container(dind, "a"))).isTrue();
        assertThat(dind.podRunsDaemon(container(dind, "c"))).isFalse();
        assertThat(dind.podOf(container(dind, "c"))).extracting(ContainerRef::name).containsExactly("c", "d");
    }

    @Test
    void aDockerHostFromValueFromIsUnknown() throws Exception {
        DockerInDocker dind = of("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: c
                    image: docker:24
                    env:
                    - name: DOCKER_HOST
                      valueFrom: {configMapKeyRef: {name: docker, key: host}}
                """);
        assertThat(dind.clientEndpoint(container(dind, "c")).target()).isEqualTo(Target.UNKNOWN);
    }

    @Test
    void theDaemonContainerReachesItsOwnSocket() throws Exception {
        DockerInDocker dind = of(sidecarPod("docker:dind", "[{name: DOCKER_HOST, value: 'unix:///var/run/docker.sock'}]",
                "[]"));
        Resolution r = dind.resolve(container(dind, "dind"), "unix:///var/run/docker.sock");
        assertThat(r.target()).isEqualTo(Target.POD_DAEMON);
        assertThat(r.daemon().unixSockets()).isEqualTo(Set.of("/var/run/docker.sock"));
    }
}
