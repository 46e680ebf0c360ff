package dev.shimscan.rules.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.CommandSites.Match;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandSitesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<Match> find(String yaml) throws Exception {
        JsonNode body = YAML.readTree(yaml);
        NodeRef root = NodeRef.root(body);
        return CommandSites.find(root, PodSpecs.of(root));
    }

    @Test
    void initWrappersAndShellFlagsInArgsAreUnwrapped() throws Exception {
        List<Match> matches = find("""
                kind: Pod
                spec:
                  containers:
                    - name: a
                      image: x
                      command: [dumb-init, --rewrite, "15:3", --, docker, ps]
                    - name: b
                      image: x
                      args: ["-o", "pipefail", "-ec", "echo hi; docker info"]
                    - name: c
                      image: x
                      args: ["-config", "/etc/docker-agent.yaml"]
                    - name: d
                      image: x
                      command: [tini]
                      args: [docker, images]
                """);
        assertThat(matches).extracting(m -> m.site().container().name(), m -> m.shell().description(),
                m -> m.node().path(), Match::evidence, Match::offset).containsExactly(
                tuple("a", "docker ps", "spec.containers[0].command[4]", "docker", 0),
                tuple("b", "docker info", "spec.containers[1].args[3]", "docker info", 9),
                tuple("d", "docker images", "spec.containers[3].args[0]", "docker", 0));
        assertThat(matches.get(1).prefix()).isEqualTo("-o pipefail -ec");
    }

    @Test
    void wrappersAndOwnHostsAreReadAroundTheMatch() throws Exception {
        List<Match> matches = find("""
                kind: Pod
                spec:
                  containers:
                    - name: a
                      image: x
                      command: [nsenter, -t, "1", -m, --, sh, -c, "echo a; docker ps"]
                    - name: b
                      image: x
                      command:
                        - sh
                        - -c
                        - |
                          export DOCKER_HOST="tcp://127.0.0.1:2375"
                          docker ps
                          docker --host=unix:///tmp/d.sock info | grep Server  # comment
                          DOCKER_HOST=$REMOTE docker images
                """);
        assertThat(matches).extracting(m -> m.nodeWrapper().orElse("-"), m -> m.ownDockerHost().orElse("-"),
                Match::evidence).containsExactly(
                tuple("nsenter", "-", "docker ps"),
                tuple("-", "tcp://127.0.0.1:2375", "docker ps"),
                tuple("-", "unix:///tmp/d.sock", "docker --host=unix:///tmp/d.sock info"),
                tuple("-", "-", "docker images"));
    }

    @Test
    void scriptsOfCustomResourcesAndBootstrapCommandsAreFound() throws Exception {
        List<Match> matches = find("""
                kind: Workflow
                metadata: {name: wf}
                spec:
                  templates:
                    - name: sh-script
                      script: {image: alpine, source: "docker ps"}
                    - name: py-script
                      script: {image: python, command: [python3], source: "docker ps"}
                    - name: tekton-like
                      steps:
                        - {image: alpine, script: "#!/bin/bash\\ndocker ps"}
                        - {image: alpine, script: "#!/usr/bin/env node\\ndocker ps"}
                  nodeGroups:
                    - name: ng
                      preBootstrapCommands: ["systemctl restart docker"]
                """);
        assertThat(matches).extracting(m -> m.site().subject(), m -> m.site().place(), m -> m.site().onNode(),
                m -> m.node().path()).containsExactly(
                tuple("container 'sh-script'", "script source", false, "spec.templates[0].script.source"),
                tuple("container 'tekton-like'", "script", false, "spec.templates[2].steps[0].script"),
                tuple("'ng'", "preBootstrapCommands (run on the node at boot)", true,
                        "spec.nodeGroups[0].preBootstrapCommands[0]"));
    }

    @Test
    void shebangs() {
        assertThat(CommandSites.shebangInterpreter("#!/bin/sh\nx")).contains("sh");
        assertThat(CommandSites.shebangInterpreter("#!/usr/bin/env -S bash -e\nx")).contains("bash");
        assertThat(CommandSites.shebangInterpreter("#! /usr/bin/python3")).contains("python3");
        assertThat(CommandSites.shebangInterpreter("echo hi")).isEqualTo(Optional.empty());
        assertThat(CommandSites.isShell("/bin/bash")).isTrue();
        assertThat(CommandSites.isShell("python3")).isFalse();
    }
}
