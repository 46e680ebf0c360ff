#!/bin/sh
# docker ps  <- the old way, a comment
command -v docker >/dev/null && echo "docker is still installed" >&2
nerdctl --namespace k8s.io image prune -af
echo 'run: docker system prune' > /tmp/hint.txt
cat /etc/docker/daemon.json 2>/dev/null || true
