package dev.shimscan.rules.support;

import dev.shimscan.core.rule.Keyword;
import dev.shimscan.core.rule.Keywords;

/**
 * The keywords the rules declare (see {@link Keywords}): a file whose text fulfils no rule's keywords is read
 * but not parsed. Each constant says why a rule cannot fire without it.
 */
public final class DockerKeywords {
    /**
     * {@code docker} as a word of its own or the start of one the rules look for ({@code dockerd},
     * {@code docker.sock}, {@code docker.service}, {@code docker://}, {@code docker-compose}, {@code /var/lib/docker},
     * {@code docker:24-dind}). Not counted where it continues as {@code docker-entrypoint} (the shell word, path
     * component or value is then longer: {@code /docker-entrypoint.d}, the entrypoint of many official images)
     * or as {@code docker.io/} (the Docker Hub registry host; an image from Docker's own organisation still
     * names {@code docker} again, {@code docker.io/library/docker}). Every rule that declares it matches whole
     * shell words, path components, image repositories, flag names or values, where neither continuation can
     * be part of what it matches.
     */
    public static final Keyword DOCKER_WORD = Keyword.of("docker").notFollowedBy("-entrypoint", ".io/");

    /** The hostPath rules match the path of a {@code hostPath} volume (or PersistentVolume): the key is in the text. */
    public static final Keyword HOST_PATH = Keyword.of("hostpath");

    /** A Docker socket by its file name, as DS101 and DS106 match it. */
    public static final Keywords SOCKET_NAMES = Keywords.anyOf("docker.sock", "dockershim.sock", "cri-dockerd.sock");

    /** A path component {@code docker} (DS103 {@code /var/lib/docker}, DS104 {@code /etc/docker}, DS105 binaries). */
    public static final Keywords DOCKER_PATH = Keywords.anyOf(DOCKER_WORD);

    private DockerKeywords() {
    }
}
