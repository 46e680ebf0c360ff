package dev.shimscan.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shimscan.core.tree.NodeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodSpecsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static PodSpecs of(String yaml) throws Exception {
        return PodSpecs.of(NodeRef.root(YAML.readTree(yaml)));
    }

    private static List<String> mounts(PodSpecs specs, PodScope scope, String volume) {
        VolumeRef v = scope.volumes().stream().filter(x -> x.name().equals(volume)).findFirst().orElseThrow();
        return specs.mountsOf(scope, v).stream()
                .map(m -> m.container().name() + "@" + m.mount().node().path()).toList();
    }

    @Test
    void findsTheCronJobPodSpecWithAllContainerLists() throws Exception {
        PodSpecs specs = of("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: cleanup}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          initContainers:
                          - name: init
                            image: busybox
                            volumeMounts: [{name: sock, mountPath: /s}]
                          containers:
                          - name: main
                            image: docker:24
                            volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
                          ephemeralContainers:
                          - name: debug
                            image: busybox
                          volumes:
                          - name: sock
                            hostPath: {path: /var/run/docker.sock}
                """);
        assertThat(specs.scopes()).singleElement().satisfies(s -> {
            assertThat(s.node().path()).isEqualTo("spec.jobTemplate.spec.template.spec");
            assertThat(s.volumes()).extracting(VolumeRef::name).containsExactly("sock");
            assertThat(s.volumes().get(0).hostPathNode().path())
                    .isEqualTo("spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path");
        });
        assertThat(specs.containers()).extracting(ContainerRef::name, ContainerRef::listKey).containsExactly(
                org.assertj.core.groups.Tuple.tuple("init", "initContainers"),
                org.assertj.core.groups.Tuple.tuple("main", "containers"),
                org.assertj.core.groups.Tuple.tuple("debug", "ephemeralContainers"));
        assertThat(mounts(specs, specs.scopes().get(0), "sock")).containsExactly(
                "init@spec.jobTemplate.spec.template.spec.initContainers[0].volumeMounts[0]",
                "main@spec.jobTemplate.spec.template.spec.containers[0].volumeMounts[0]");
    }

    @Test
    void argoTemplateContainersTakeTheTemplateName() throws Exception {
        PodSpecs specs = of("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: build-}
                spec:
                  entrypoint: build
                  volumes:
                  - name: docker-sock
                    hostPath: {path: /var/run/docker.sock}
                  templates:
                  - name: build
                    container:
                      image: docker:24
                      command: [docker, build, .]
                      volumeMounts: [{name: docker-sock, mountPath: /var/run/docker.sock}]
                  - name: report
                    script:
                      image: python:3
                      source: print(1)
                      command: [python]
                  - name: steps
                    steps: [[{name: a, template: build}]]
                """);
        assertThat(specs.containers()).extracting(ContainerRef::name, c -> c.node().path()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("build", "spec.templates[0].container"),
                org.assertj.core.groups.Tuple.tuple("report", "spec.templates[1].script"));
        assertThat(mounts(specs, specs.scopes().get(0), "docker-sock"))
                .containsExactly("build@spec.templates[0].container.volumeMounts[0]");
    }

    @Test
    void tektonStepsAndSidecarsAreContainers() throws Exception {
        PodSpecs specs = of("""
                apiVersion: tekton.dev/v1
                kind: Task
                metadata: {name: build}
                spec:
                  steps:
                  - name: docker-build
                    image: docker:24
                    script: docker build .
                    volumeMounts: [{name: dind-socket, mountPath: /var/run/}]
                  sidecars:
                  - name: dind
                    image: docker:24-dind
                    volumeMounts: [{name: dind-socket, mountPath: /var/run/}]
                  volumes:
                  - name: dind-socket
                    emptyDir: {}
                """);
        assertThat(specs.containers()).extracting(ContainerRef::name).containsExactly("docker-build", "dind");
        assertThat(mounts(specs, specs.scopes().get(0), "dind-socket"))
                .containsExactly("docker-build@spec.steps[0].volumeMounts[0]", "dind@spec.sidecars[0].volumeMounts[0]");
        assertThat(specs.scopes().get(0).volumes().get(0).hostPath()).isEmpty();
    }

    @Test
    void nestedScopeShadowsAVolumeOfTheSameName() throws Exception {
        PodSpecs specs = of("""
                apiVersion: example.com/v1
                kind: Pipeline
                metadata: {name: p}
                spec:
                  volumes:
                  - {name: data, hostPath: {path: /var/run}}
                  - {name: other, emptyDir: {}}
                  templates:
                  - name: inner
                    volumes:
                    - {name: data, emptyDir: {}}
                    container:
                      image: alpine
                      volumeMounts: [{name: data, mountPath: /d}, {name: other, mountPath: /o}]
                  - name: outer
                    container:
                      image: alpine
                      volumeMounts: [{name: data, mountPath: /d}]
                """);
        assertThat(specs.scopes()).extracting(s -> s.node().path()).containsExactly("spec", "spec.templates[0]");
        PodScope outer = specs.scopes().get(0);
        PodScope inner = specs.scopes().get(1);
        assertThat(mounts(specs, outer, "data")).containsExactly("outer@spec.templates[1].container.volumeMounts[0]");
        assertThat(mounts(specs, outer, "other")).containsExactly("inner@spec.templates[0].container.volumeMounts[1]");
        assertThat(mounts(specs, inner, "data")).containsExactly("inner@spec.templates[0].container.volumeMounts[0]");
    }

    @Test
    void readsLiteralEnvAndIgnoresValueFrom() throws Exception {
        PodSpecs specs = of("""
                kind: Pod
                apiVersion: v1
                spec:
                  containers:
                  - name: c
                    image: alpine
                    env:
                    - {name: A, value: one}
                    - {name: B, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                    - {name: A, value: two}
                """);
        assertThat(specs.containers().get(0).literalEnv()).containsExactly(java.util.Map.entry("A", "two"));
        assertThat(specs.scopes()).isEmpty();
    }

    @Test
    void unnamedContainerOutsideATemplateIsNamedByItsPath() throws Exception {
        PodSpecs specs = of("""
                kind: Thing
                apiVersion: x/v1
                spec:
                  runner:
                  - image: alpine
                    command: [sh]
                """);
        assertThat(specs.containers()).extracting(ContainerRef::name).containsExactly("spec.runner[0]");
    }

    @Test
    void volumesOfOtherShapesAreNotScopes() throws Exception {
        PodSpecs specs = of("""
                kind: StorageThing
                apiVersion: x/v1
                spec:
                  volumes: [a, b]
                  other:
                    volumes: [{size: 1Gi}]
                """);
        assertThat(specs.scopes()).isEmpty();
        assertThat(specs.containers()).isEmpty();
    }

    @Test
    void anOperatorSpecIsBothScopeAndContainerNamedAfterTheObject() throws Exception {
        PodSpecs specs = of("""
                apiVersion: cloudwatch.aws.amazon.com/v1alpha1
                kind: AmazonCloudWatchAgent
                metadata: {name: cloudwatch-agent, namespace: amazon-cloudwatch}
                spec:
                  image: public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300066.1b1374
                  mode: daemonset
                  volumeMounts:
                    - {mountPath: /var/run/docker.sock, name: dockersock, readOnly: true}
                  volumes:
                    - {hostPath: {path: /var/run/docker.sock}, name: dockersock}
                """);
        assertThat(specs.containers()).extracting(ContainerRef::name, c -> c.node().path())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cloudwatch-agent", "spec"));
        assertThat(mounts(specs, specs.scopes().get(0), "dockersock"))
                .containsExactly("cloudwatch-agent@spec.volumeMounts[0]");
    }
}
