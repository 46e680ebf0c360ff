package dev.shimscan.rules.image;

import dev.shimscan.rules.support.DockerKeywords;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.DockerInDocker;
import dev.shimscan.rules.support.DockerInDocker.Daemon;
import dev.shimscan.rules.support.DockerInDocker.Resolution;
import dev.shimscan.rules.support.DockerInDocker.Target;
import dev.shimscan.rules.support.ImageRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DS301: a container whose image is the Docker CLI or engine (the official {@code docker} image in any variant:
 * {@code docker:24}, {@code docker:24-cli}, {@code docker:git}, {@code docker.io/library/docker}, mirrors of it;
 * {@code docker/compose}; Google Cloud Build's {@code gcr.io/cloud-builders/docker}) in a pod that has no Docker
 * daemon of its own. Reported at the container's {@code image}; the message says whose daemon the client probably
 * talks to, as {@link DockerInDocker#clientEndpoint} sees it: the node's socket through a hostPath mount, the
 * {@code DOCKER_HOST} it names, or that nothing in the object tells.
 *
 * <p>Not reported: a container that is itself the daemon ({@code docker:dind} with its entrypoint, anything that
 * starts {@code dockerd}); a client whose endpoint is a Docker-in-Docker daemon of its pod; a client in a pod with
 * such a daemon unless its endpoint is plainly the node's (a hostPath socket mount). Images that merely come from
 * Docker Hub ({@code docker.io/library/nginx}) or from Docker's organisation for other purposes
 * ({@code docker/whalesay}) are no Docker clients.
 */
public final class DockerCliImageRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS301", "docker-cli-image", Severity.NOTE,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A container image of the Docker CLI or engine (docker, docker:*-dind, docker/compose, ...) that has no "
                    + "Docker-in-Docker daemon of its own in the pod; worth checking whose daemon it talks to.",
            "Give the pod its own daemon (a docker:dind sidecar with DOCKER_HOST=tcp://localhost:2376) or replace "
                    + "the Docker client with a daemonless tool: kaniko, buildah or rootless BuildKit to build, "
                    + "crane/skopeo to copy images, crictl or the Kubernetes API to inspect containers.");

    /** Full-name globs ({@link ImageRef#matches}) of images whose job is to run the Docker CLI or engine. */
    static final List<String> DOCKER_CLIENT_IMAGES = List.of(
            "*/library/docker", "docker.io/docker/compose", "gcr.io/cloud-builders/docker");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: every image it knows has a repository segment docker (library/docker, docker/compose, cloud-builders/docker). */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf(DockerKeywords.DOCKER_WORD);
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        DockerInDocker dind = DockerInDocker.of(resource, ctx);
        for (ContainerRef c : dind.specs().containers()) {
            Optional<ImageRef> image = c.image().flatMap(ImageRef::parse);
            if (image.isEmpty() || !isDockerClient(image.get()) || dind.daemon(c).isPresent()) {
                continue;
            }
            Resolution endpoint = dind.clientEndpoint(c);
            List<Daemon> daemons = dind.daemonsInPodOf(c);
            if (endpoint.target() == Target.POD_DAEMON
                    || (!daemons.isEmpty() && endpoint.target() != Target.NODE_DAEMON)) {
                continue;
            }
            String written = c.image().orElse("").trim();
            String message = "container '" + c.name() + "' runs the Docker client image " + written
                    + whose(c, endpoint) + passedBy(daemons);
            ctx.report(Hit.at(c.node().get("image"), message).withContainer(c.name()));
        }
    }

    static boolean isDockerClient(ImageRef image) {
        return DOCKER_CLIENT_IMAGES.stream().anyMatch(image::matches);
    }

    private static String whose(ContainerRef c, Resolution endpoint) {
        boolean explicit = c.literalEnv().containsKey("DOCKER_HOST");
        String via = explicit ? "DOCKER_HOST=" + endpoint.endpoint() : "Docker's default socket";
        return switch (endpoint.target()) {
            case NODE_DAEMON -> endpoint.volume() != null || explicit
                    ? " and talks to the node's Docker Engine: " + via + " leads to " + endpoint.description()
                    : " with no Docker daemon in its pod and no socket mounted; by default it would use the node's "
                    + "/var/run/docker.sock, so check whose daemon it really talks to";
            case ELSEWHERE -> "; " + via + " leads to " + endpoint.description()
                    + ": make sure that is no node's Docker Engine";
            default -> " with no Docker daemon in its pod; whose daemon it talks to cannot be told here ("
                    + endpoint.description() + ")";
        };
    }

    private static String passedBy(List<Daemon> daemons) {
        return daemons.isEmpty() ? "" : ", not the Docker-in-Docker daemon of container '"
                + daemons.get(0).container().name() + "' in the same pod";
    }
}
