package dev.shimscan.rules.support.shell;

import dev.shimscan.rules.support.shell.ShellMatch.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell analysis, table-driven. Each input marks where a match must start with {@code ‹C›} (DOCKER_CLI),
 * {@code ‹D›} (DOCKER_DAEMON_CONTROL) or {@code ‹W›} (DOCKER_CONFIG_WRITE); the markers are removed before the
 * analysis, and the test asserts the exact match list: kind, offset, 0-based line and column (counted here from the
 * unmarked input), the command word (the word written at the marker) and the description. An input without
 * markers must produce no match at all.
 */
class ShellAnalysisTest {

    // ---------------------------------------------------------------------------------------------- scripts

    static Stream<Arguments> scriptsThatFire() {
        return Stream.of(
                // plain command words, full paths, assignments in front
                fire("‹C›docker ps", "docker ps"),
                fire("‹C›/usr/bin/docker ps -a", "docker ps"),
                fire("‹C›docker", "docker"),
                fire("‹C›docker --version", "docker --version"),
                fire("‹C›docker --host unix:///var/run/docker.sock container ls", "docker container ls"),
                fire("‹C›docker -H tcp://10.0.0.1:2375 system prune -f", "docker system prune"),
                fire("FOO=1 BAR=\"a b\" ‹C›docker ps", "docker ps"),
                fire("DOCKER_HOST=tcp://127.0.0.1:2375 ‹C›docker ps", "docker ps"),
                fire("‹C›docker-compose up -d", "docker-compose up"),
                fire("‹C›docker-compose -f stack.yml down", "docker-compose down"),
                // wrappers
                fire("sudo ‹C›docker ps", "docker ps"),
                fire("sudo -u root -E ‹C›docker info", "docker info"),
                fire("sudo -Eu root ‹C›docker info", "docker info"),
                fire("env -i PATH=/usr/bin DOCKER_HOST=unix:///var/run/docker.sock ‹C›docker ps", "docker ps"),
                fire("env -u HOME -- ‹C›docker images", "docker images"),
                fire("exec ‹C›docker logs -f app", "docker logs"),
                fire("timeout -s KILL 30s ‹C›docker inspect web", "docker inspect"),
                fire("timeout 10 ‹C›docker ps", "docker ps"),
                fire("nice -n 10 ‹C›docker system prune -f", "docker system prune"),
                fire("nohup ‹C›docker events &", "docker events"),
                fire("time ‹C›docker pull nginx", "docker pull"),
                fire("command ‹C›docker version", "docker version"),
                fire("nsenter -t 1 -m -u -i -n -p -- ‹C›docker ps", "docker ps"),
                fire("nsenter --target 1 --mount --uts --ipc --net --pid ‹C›docker ps", "docker ps"),
                fire("chroot /host ‹C›docker ps", "docker ps"),
                fire("chroot /host /bin/sh -c '‹C›docker ps'", "docker ps"),
                fire("watch -n 5 ‹C›docker ps", "docker ps"),
                fire("watch -n5 '‹C›docker ps | wc -l'", "docker ps"),
                fire("xargs -I{} ‹C›docker inspect {}", "docker inspect"),
                fire("find /run -name '*.cid' -exec ‹C›docker kill {} \\;", "docker kill"),
                fire("eval \"‹C›docker ps\"", "docker ps"),
                fire("su -c '‹C›docker ps' root", "docker ps"),
                fire("sudo nice -n 5 timeout 60 env X=1 ‹C›docker ps", "docker ps"),
                fire("env -S '‹C›docker ps'", "docker ps"),
                fire("setsid -f stdbuf -oL ionice -c 3 ‹C›docker stats --no-stream", "docker stats"),
                fire("doas -u root ‹C›docker ps", "docker ps"),
                fire("runuser -u app -- ‹C›docker ps", "docker ps"),
                fire("su - root -c \"‹C›docker ps\"", "docker ps"),
                fire("sg docker -c '‹C›docker ps'", "docker ps"),
                fire("busybox sh -c '‹C›docker ps'", "docker ps"),
                fire("xargs sh -c '‹C›docker rm \"$@\"' _", "docker rm"),
                fire("trap '‹C›docker rm -f \"$id\"' EXIT INT", "docker rm"),
                // pipelines and lists
                fire("‹C›docker ps -q | xargs -r -n1 ‹C›docker rm -f", "docker ps", "docker rm"),
                fire("‹C›docker ps && ‹C›docker images || echo failed", "docker ps", "docker images"),
                fire("‹C›docker ps # docker images", "docker ps"),
                fire("(‹C›docker ps)", "docker ps"),
                fire("{ ‹C›docker ps; ‹C›docker images; }", "docker ps", "docker images"),
                fire("f() { ‹C›docker ps; }\nf", "docker ps"),
                fire("function cleanup {\n  ‹C›docker rm -f app\n}\ncleanup", "docker rm"),
                // compound commands
                fire("if ‹C›docker info >/dev/null 2>&1; then echo ok; else ‹C›docker ps; fi", "docker info", "docker ps"),
                fire("if ! ‹C›docker info; then exit 1; fi", "docker info"),
                fire("while true; do ‹C›docker ps; sleep 5; done", "docker ps"),
                fire("for i in 1 2 3; do ‹C›docker restart app$i; done", "docker restart"),
                fire("case \"$1\" in\n  start) ‹C›docker start app ;;\n  stop|halt) ‹C›docker stop app ;;\nesac",
                        "docker start", "docker stop"),
                fire("[[ -n \"$X\" && -S /run/docker.sock ]] && ‹C›docker ps", "docker ps"),
                fire("(( n > 1 )) && ‹C›docker ps", "docker ps"),
                // substitutions
                fire("echo \"containers: $(‹C›docker ps -q)\"", "docker ps"),
                fire("echo `‹C›docker ps -q`", "docker ps"),
                fire("result=$(‹C›docker ps -q)", "docker ps"),
                fire("ids=($(‹C›docker ps -q))", "docker ps"),
                fire("diff <(‹C›docker ps) /tmp/before", "docker ps"),
                fire("echo ${IDS:-$(‹C›docker ps -q)}", "docker ps"),
                fire("n=$(( $(‹C›docker ps -q | wc -l) + 1 ))", "docker ps"),
                fire("while read id; do ‹C›docker rm $id; done < <(‹C›docker ps -q)", "docker rm", "docker ps"),
                fire("for id in $(‹C›docker ps -q); do echo $id; done", "docker ps"),
                // multi-line scripts: the line is counted in the original string
                fire("#!/bin/sh\nset -e\n# list containers\n‹C›docker ps\n", "docker ps"),
                fire("‹C›docker ps\r\n‹C›docker images\r\n", "docker ps", "docker images"),
                fire("echo one \\\n  two; ‹C›docker ps", "docker ps"),
                // sh -c strings, recursively
                fire("sh -c '‹C›docker ps'", "docker ps"),
                fire("bash -c \"‹C›docker top app\"", "docker top"),
                fire("/bin/sh -ec '‹C›docker exec app true'", "docker exec"),
                fire("bash -o pipefail -c '‹C›docker ps | grep app'", "docker ps"),
                fire("sh -c 'echo start\n  ‹C›docker ps\n'", "docker ps"),
                fire("sh -c 'echo hi; sh -c \"‹C›docker ps\"'", "docker ps"),
                fire("sh -c \"for id in $(‹C›docker ps -q); do ‹C›docker inspect $id; done\"",
                        "docker ps", "docker inspect"),
                fire("bash -c \"echo \\\"\\$(‹C›docker ps -q)\\\"\"", "docker ps"),
                fire("sh -c $'‹C›docker ps\\n‹C›docker images'", "docker ps", "docker images"),
                // scripts fed to a shell on stdin
                fire("cat <<EOF | sh\n‹C›docker ps\nEOF", "docker ps"),
                fire("sh <<'EOF'\necho start\n‹C›docker ps\nEOF\n", "docker ps"),
                fire("bash -s <<EOF\n‹C›docker info\nEOF", "docker info"),
                fire("sudo bash <<-EOF\n\t‹C›docker info\n\tEOF\n‹C›docker ps", "docker info", "docker ps"),
                fire("echo '‹C›docker ps' | sh", "docker ps"),
                fire("printf '‹C›docker ps\\n' | bash -s", "docker ps"),
                fire("sh <<< '‹C›docker ps'", "docker ps"),
                fire("chroot /host <<EOF\n‹D›systemctl restart docker\nEOF", "systemctl restart docker"),
                fire("cat <<EOF\nrunning: $(‹C›docker ps -q)\nEOF", "docker ps"),
                // daemon control
                fire("‹D›systemctl restart docker", "systemctl restart docker"),
                fire("sudo ‹D›systemctl --no-block restart docker.service", "systemctl restart docker.service"),
                fire("‹D›systemctl is-active --quiet docker", "systemctl is-active docker"),
                fire("‹D›systemctl stop docker.socket docker.service", "systemctl stop docker.socket"),
                fire("‹D›service docker restart", "service docker restart"),
                fire("‹D›/etc/init.d/docker reload", "/etc/init.d/docker reload"),
                fire("‹D›dockerd --config-file /etc/docker/daemon.json &", "dockerd"),
                fire("‹D›/usr/bin/dockerd -H unix:///var/run/docker.sock", "dockerd"),
                fire("‹D›pkill -HUP dockerd", "pkill dockerd"),
                fire("‹D›killall -HUP dockerd", "killall dockerd"),
                fire("‹D›kill -HUP $(pidof dockerd)", "kill dockerd"),
                fire("‹D›kill -s HUP \"$(cat /var/run/docker.pid)\"", "kill dockerd"),
                fire("chroot /host ‹D›systemctl restart docker", "systemctl restart docker"),
                fire("nsenter -t 1 -m -- ‹D›systemctl reload docker", "systemctl reload docker"),
                // writes under /etc/docker
                fire("‹W›echo '{\"log-driver\":\"json-file\"}' > /etc/docker/daemon.json",
                        "echo > /etc/docker/daemon.json"),
                fire("‹W›cat <<EOF > /etc/docker/daemon.json\n{\"live-restore\": true}\nEOF",
                        "cat > /etc/docker/daemon.json"),
                fire("‹W›cat > /etc/docker/daemon.json <<'EOF'\n{}\nEOF\n‹D›systemctl restart docker",
                        "cat > /etc/docker/daemon.json", "systemctl restart docker"),
                fire("echo '{}' | sudo ‹W›tee -a /etc/docker/daemon.json", "tee /etc/docker/daemon.json"),
                fire("‹W›cp /config/daemon.json /etc/docker/daemon.json", "cp /etc/docker/daemon.json"),
                fire("‹W›mv -f /tmp/d.json /etc/docker/daemon.json", "mv /etc/docker/daemon.json"),
                fire("‹W›install -D -m 0644 /cfg/daemon.json /etc/docker/daemon.json",
                        "install /etc/docker/daemon.json"),
                fire("‹W›sed -i 's/overlay/overlay2/' /etc/docker/daemon.json", "sed -i /etc/docker/daemon.json"),
                fire("‹W›sed -i.bak -e 's/a/b/' /etc/docker/daemon.json", "sed -i /etc/docker/daemon.json"),
                fire("‹W›ln -sf /cfg/daemon.json /etc/docker/daemon.json", "ln /etc/docker/daemon.json"),
                fire("‹W›cp ca.crt /host/etc/docker/certs.d/registry:5000/ca.crt",
                        "cp /host/etc/docker/certs.d/registry:5000/ca.crt"),
                fire("‹W›cp -t /etc/docker/certs.d a.crt b.crt", "cp /etc/docker/certs.d"),
                fire("‹W›jq '.x=1' d.json >> /etc/docker/daemon.json", "jq >> /etc/docker/daemon.json"),
                fire("{ echo a; echo b; } ‹W›> /etc/docker/daemon.json", "> /etc/docker/daemon.json"),
                fire("mkdir -p /etc/docker && ‹W›tee /etc/docker/daemon.json <<EOF\n{}\nEOF",
                        "tee /etc/docker/daemon.json"),
                fire("‹W›curl -fsSL -o /etc/docker/certs.d/r/ca.crt https://r/ca.crt",
                        "curl /etc/docker/certs.d/r/ca.crt"),
                fire("‹C›‹W›docker info > /etc/docker/info.txt", "docker info", "docker > /etc/docker/info.txt"),
                fire("sh -c 'mkdir -p /etc/docker\n‹W›cat > /etc/docker/daemon.json <<EOF\n{\"bip\": \"10.0.0.1/24\"}\nEOF\n"
                                + "‹D›systemctl restart docker'",
                        "cat > /etc/docker/daemon.json", "systemctl restart docker"));
    }

    static Stream<Arguments> scriptsThatDoNotFire() {
        return Stream.of(
                none("kubectl create secret docker-registry regcred --docker-server=registry.local"),
                none("echo \"docker is gone\""),
                none("echo 'docker ps'"),
                none("logger \"restart docker\""),
                none("bash -c 'echo \"docker is gone\"'"),
                none("echo 'sh -c \"docker ps\"'"),
                none("printf '%s\\n' 'docker ps'"),
                none("# docker ps"),
                none("  # sudo docker ps\nexit 0"),
                none("crictl ps"),
                none("nerdctl ps"),
                none("podman ps"),
                none("buildah bud -f Dockerfile ."),
                none("timeout 5 crictl ps"),
                none("ctr -n k8s.io images ls"),
                none("grep docker /proc/1/cgroup"),
                none("echo $DOCKER_HOST"),
                none("export DOCKER_HOST=unix:///var/run/docker.sock"),
                none("DOCKER=/usr/bin/docker"),
                none("image=docker.io/library/nginx:1.25"),
                none("ls /var/lib/docker/containers"),
                none("cat /var/run/docker.pid"),
                none("docker-credential-gcr configure-docker"),
                none("/kaniko/executor --dockerfile Dockerfile --context . --destination docker.io/library/nginx:1"),
                none("crane copy docker.io/library/nginx:1.25 registry.local/nginx:1.25"),
                none("echo \"FROM docker.io/library/nginx\" > Dockerfile"),
                none("docker_cleanup --all"),
                none("dockerize -wait tcp://db:5432"),
                none("helm install docker-registry stable/docker-registry"),
                none("/usr/local/bin/docker-entrypoint.sh postgres"),
                none("sh /scripts/docker-cleanup.sh"),
                none("$DOCKER ps"),
                none("\"$@\""),
                none("cat <<EOF\ndocker ps\nEOF"),
                none("cat > /tmp/run.sh <<'EOF'\n#!/bin/sh\ndocker ps\nsystemctl restart docker\nEOF"),
                none("cat <<'EOF'\n$(docker ps)\nEOF"),
                none("command -v docker >/dev/null 2>&1 || exit 0"),
                none("which docker"),
                none("type docker"),
                none("test -S /var/run/docker.sock"),
                none("[ -x /usr/bin/docker ] && echo present"),
                none("[[ -f /etc/docker/daemon.json && -n \"$x\" ]]"),
                none("cat /etc/docker/daemon.json"),
                none("cp /etc/docker/daemon.json /backup/daemon.json"),
                none("ln -s /etc/docker/daemon.json /tmp/daemon.json"),
                none("sed 's/a/b/' /etc/docker/daemon.json"),
                none("mkdir -p /etc/docker"),
                none("install -d -m 0755 /etc/docker"),
                none("echo docker ps > /tmp/cmd.txt"),
                none("tee /tmp/docker.log"),
                none("systemctl restart containerd"),
                none("systemctl daemon-reload"),
                none("service containerd restart"),
                none("pidof dockerd"),
                none("pgrep -f dockerd"),
                none("journalctl -u docker.service --no-pager"),
                none("kill -9 1234"),
                none("killall containerd-shim"),
                none("wget -O /tmp/docker.tgz https://download.docker.com/linux/static/stable/x86_64/docker-24.0.7.tgz"),
                none("sudo -u docker id"),
                none("env DOCKER_HOST=tcp://x:2375 printenv DOCKER_HOST"),
                none("xargs -n1 echo docker"),
                none("for rt in docker podman; do echo $rt; done"),
                none("case $rt in docker) echo found ;; esac"),
                none("echo \"unterminated docker ps"),
                none("echo 'unterminated docker ps"),
                none("bash -c 'echo $0' docker"),
                none("docker() { echo shadowed; }"),
                none("trap - EXIT"),
                none("n=$(( docker + 1 ))"),
                none("sg docker id"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("scriptsThatFire")
    void scriptFires(String marked, List<String> descriptions) {
        assertScript(marked, descriptions);
        assertThat(descriptions).isNotEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("scriptsThatDoNotFire")
    void scriptDoesNotFire(String script) {
        assertThat(ShellAnalysis.ofScript(script)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ argv

    static Stream<Arguments> argvCases() {
        return Stream.of(
                argv(List.of("‹C›docker", "ps"), "docker ps"),
                argv(List.of("‹C›/usr/local/bin/docker", "inspect", "web"), "docker inspect"),
                argv(List.of("sh", "-c", "‹C›docker ps -q | xargs ‹C›docker rm"), "docker ps", "docker rm"),
                argv(List.of("/bin/sh", "-ec", "set -x\n‹C›docker info\n‹D›systemctl restart docker"),
                        "docker info", "systemctl restart docker"),
                argv(List.of("sh", "-c", "‹C›docker version"), "docker version"),
                argv(List.of("sudo", "-E", "‹C›docker", "ps"), "docker ps"),
                argv(List.of("nsenter", "-t", "1", "-m", "-u", "-n", "-i", "--", "‹C›docker", "ps"), "docker ps"),
                argv(List.of("chroot", "/host", "‹D›systemctl", "restart", "docker"), "systemctl restart docker"),
                argv(List.of("env", "FOO=1", "‹C›docker", "ps"), "docker ps"),
                argv(List.of("timeout", "10", "‹C›docker", "ps"), "docker ps"),
                argv(List.of("/bin/sh", "-c", "‹W›echo '{}' > /etc/docker/daemon.json"),
                        "echo > /etc/docker/daemon.json"),
                argv(List.of("‹D›dockerd", "--host=tcp://0.0.0.0:2375"), "dockerd"),
                argv(List.of("‹W›tee", "/etc/docker/daemon.json"), "tee /etc/docker/daemon.json"),
                // exec'd without a shell: no word splitting, no assignments, no redirections
                argv(List.of("docker ps")),
                argv(List.of("echo", "docker ps")),
                argv(List.of("FOO=1", "docker", "ps")),
                argv(List.of("echo", "x", ">", "/etc/docker/daemon.json")),
                argv(List.of("bash", "-c", "echo $0", "docker")),
                argv(List.of("sh", "/scripts/run.sh")),
                argv(List.of("crictl", "ps")),
                argv(List.of("kubectl", "create", "secret", "docker-registry", "x")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("argvCases")
    void argvMatches(List<String> marked, List<String> descriptions) {
        List<String> argv = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        for (int e = 0; e < marked.size(); e++) {
            Marked m = Marked.parse(marked.get(e));
            argv.add(m.text);
            for (Expected x : m.expected) {
                expected.add(new Expected(x.kind, e, x.offset));
            }
        }
        List<ShellMatch> matches = ShellAnalysis.ofArgv(argv);
        assertMatches(matches, expected, descriptions, argv);
    }

    // -------------------------------------------------------------------------------- specific behaviours

    @Test
    void matchInsideMultiLineShCBlockScalarReportsItsLine() {
        String script = "set -eu\n"
                + "echo preparing\n"
                + "for c in $(crictl ps -q); do\n"
                + "  echo $c\n"
                + "done\n"
                + "sudo docker kill --signal HUP proxy\n";
        List<ShellMatch> matches = ShellAnalysis.ofArgv(List.of("/bin/sh", "-c", script));
        assertThat(matches).containsExactly(new ShellMatch(Kind.DOCKER_CLI, "docker", "docker kill", "kill",
                2, script.indexOf("docker kill"), 5, 5));
    }

    @Test
    void configMapScriptReportsEachLine() {
        String script = "#!/bin/bash\n"
                + "cat > /etc/docker/daemon.json <<EOF\n"
                + "{ \"log-driver\": \"json-file\" }\n"
                + "EOF\n"
                + "systemctl restart docker\n"
                + "docker ps\n";
        assertThat(ShellAnalysis.ofScript(script)).extracting(ShellMatch::kind, ShellMatch::line,
                        ShellMatch::column, ShellMatch::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.DOCKER_CONFIG_WRITE, 1, 0, "/etc/docker/daemon.json"),
                        org.assertj.core.groups.Tuple.tuple(Kind.DOCKER_DAEMON_CONTROL, 4, 0, "restart"),
                        org.assertj.core.groups.Tuple.tuple(Kind.DOCKER_CLI, 5, 0, "ps"));
    }

    @Test
    void dockerComposeIsTreatedAsTheDockerCli() {
        assertThat(ShellAnalysis.ofScript("docker-compose -p app ps"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(Kind.DOCKER_CLI);
                    assertThat(m.commandWord()).isEqualTo("docker-compose");
                    assertThat(m.detail()).isEqualTo("ps");
                });
    }

    @Test
    void quotedCommandWordIsStillTheCommand() {
        assertThat(ShellAnalysis.ofScript("\"docker\" ps"))
                .containsExactly(new ShellMatch(Kind.DOCKER_CLI, "docker", "docker ps", "ps", -1, 0, 0, 0));
        assertThat(ShellAnalysis.ofScript("\\docker ps"))
                .containsExactly(new ShellMatch(Kind.DOCKER_CLI, "docker", "docker ps", "ps", -1, 0, 0, 0));
    }

    @Test
    void nullAndEmptyInputsHaveNoMatches() {
        assertThat(ShellAnalysis.ofScript(null)).isEmpty();
        assertThat(ShellAnalysis.ofScript("")).isEmpty();
        assertThat(ShellAnalysis.ofArgv(null)).isEmpty();
        assertThat(ShellAnalysis.ofArgv(List.of())).isEmpty();
        assertThat(ShellAnalysis.ofArgv(java.util.Arrays.asList("sh", null))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static Arguments fire(String marked, String... descriptions) {
        return Arguments.of(marked, List.of(descriptions));
    }

    private static Arguments none(String script) {
        return Arguments.of(script);
    }

    private static Arguments argv(List<String> marked, String... descriptions) {
        return Arguments.of(marked, List.of(descriptions));
    }

    private static void assertScript(String marked, List<String> descriptions) {
        Marked m = Marked.parse(marked);
        assertMatches(ShellAnalysis.ofScript(m.text), m.expected, descriptions, List.of(m.text));
    }

    private static void assertMatches(List<ShellMatch> matches, List<Expected> expected, List<String> descriptions,
                                      List<String> texts) {
        List<Expected> sorted = new ArrayList<>(expected);
        sorted.sort(Comparator.comparingInt(Expected::element).thenComparingInt(Expected::offset)
                .thenComparing(Expected::kind));
        assertThat(matches).as("matches").hasSize(sorted.size());
        assertThat(descriptions).as("one description per marker").hasSize(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Expected x = sorted.get(i);
            ShellMatch actual = matches.get(i);
            String text = texts.get(Math.max(x.element, 0));
            int line = (int) text.substring(0, x.offset).chars().filter(c -> c == '\n').count();
            int column = x.offset - (text.lastIndexOf('\n', x.offset - 1) + 1);
            ShellMatch want = new ShellMatch(x.kind, wordAt(text, x.offset), descriptions.get(i), actual.detail(),
                    x.element, x.offset, line, column);
            assertThat(actual).as("match %d", i).isEqualTo(want);
        }
    }

    /** The word written at {@code offset}: an operator, or everything up to a blank, quote or operator. */
    private static String wordAt(String text, int offset) {
        int end = offset;
        if ("<>&".indexOf(text.charAt(offset)) >= 0) {
            while (end < text.length() && "<>&|".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
        } else {
            while (end < text.length() && " \t\r\n;|&()<>'\"`\\".indexOf(text.charAt(end)) < 0) {
                end++;
            }
        }
        return text.substring(offset, end);
    }

    private record Expected(Kind kind, int element, int offset) {
    }

    /** An input with its markers removed, and what the markers expect. */
    private record Marked(String text, List<Expected> expected) {
        static Marked parse(String marked) {
            StringBuilder text = new StringBuilder();
            List<Expected> expected = new ArrayList<>();
            for (int i = 0; i < marked.length(); i++) {
                char c = marked.charAt(i);
                if (c == '‹' && i + 2 < marked.length() && marked.charAt(i + 2) == '›') {
                    Kind kind = switch (marked.charAt(i + 1)) {
                        case 'C' -> Kind.DOCKER_CLI;
                        case 'D' -> Kind.DOCKER_DAEMON_CONTROL;
                        case 'W' -> Kind.DOCKER_CONFIG_WRITE;
                        default -> throw new IllegalArgumentException("unknown marker in " + marked);
                    };
                    expected.add(new Expected(kind, -1, text.length()));
                    i += 2;
                } else {
                    text.append(c);
                }
            }
            return new Marked(text.toString(), expected);
        }
    }
}
