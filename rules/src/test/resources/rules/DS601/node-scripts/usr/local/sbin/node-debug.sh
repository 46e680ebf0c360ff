#!/bin/bash
set -e
docker ps --filter name=k8s_ | awk '{print $1}' | xargs docker inspect  # expect: DS601
crictl ps
command -v docker && echo "docker present"
cat <<'EOF2' > /tmp/notes
docker ps is only text in this here-document
EOF2
