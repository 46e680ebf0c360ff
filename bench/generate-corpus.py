#!/usr/bin/env python3
"""Generates a deterministic corpus of realistic Kubernetes manifests for benchmarking shimscan.

Usage: bench/generate-corpus.py OUTPUT_DIR [FILE_COUNT] [--seed N]

Python 3 standard library only. The same seed and count give byte-identical files. The corpus mixes
multi-document application bundles (ServiceAccount, ConfigMap with a block-scalar entrypoint script,
Deployment, Service), node agents (DaemonSets with hostPath mounts and agent configs), CronJobs with
maintenance scripts, script-only ConfigMaps, StatefulSets, `kind: List` files and `kubectl -o json`
style JSON files; files average about 10 KB. A few percent carry a Docker Engine dependency (docker.sock
hostPath mounts, DOCKER_HOST, /var/lib/docker mounts, scripts that talk to the Docker socket), and a few
are look-alikes that must not be reported (containerd sockets, a Docker-in-Docker emptyDir, a YAML
comment that mentions docker.sock).

It prints a summary (files, bytes, objects, files per dependency variant) to stdout.
"""

import argparse
import json
import os
import random
import re
import sys

DEFAULT_SEED = 20260101

APPS = ["checkout", "payments", "catalog", "search", "inventory", "billing", "auth", "gateway", "notifications",
        "recommendations", "orders", "shipping", "reviews", "ledger", "reporting", "media", "profile", "session",
        "pricing", "fraud", "loyalty", "analytics", "export", "import", "mailer", "webhooks", "audit", "quotes"]
ROLES = ["api", "worker", "consumer", "web", "sync", "indexer", "scheduler", "frontend", "backend", "proxy"]
TEAMS = ["team-%02d" % i for i in range(1, 41)]
ENVS = ["dev", "staging", "prod"]
LANG_IMAGES = ["eclipse-temurin:17-jre", "python:3.11-slim", "node:20-alpine", "golang:1.22", "nginx:1.25.3",
               "ruby:3.2-slim", "openjdk:11-jre-slim"]
PUBLIC_IMAGES = ["redis:7.2.4", "busybox:1.36.1", "alpine:3.19", "curlimages/curl:8.5.0", "bitnami/kubectl:1.28",
                 "postgres:15.5", "amazon/aws-cli:2.15.0", "memcached:1.6.22"]
HOSTS = ["postgres", "redis-master", "kafka-0.kafka-headless", "rabbitmq", "elasticsearch-master", "vault",
         "memcached", "minio", "mysql-primary", "zookeeper"]


class Literal(str):
    """A string written as a YAML literal block scalar."""


class Doc:
    """A YAML document: the object and comment lines written above it."""

    def __init__(self, obj, comments=()):
        self.obj = obj
        self.comments = list(comments)


# --------------------------------------------------------------------------- YAML emitter (subset, block style)

PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_./=@+-]*( [A-Za-z0-9_./=@+()-]+)*")
RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
NUMERIC = re.compile(r"[-+]?(\.?[0-9][0-9_.eE+-]*|0x[0-9a-fA-F]+|\.inf|\.nan)")


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if value is None:
        return "null"
    s = str(value)
    if PLAIN.fullmatch(s) and s.lower() not in RESERVED and not NUMERIC.fullmatch(s):
        return s
    return json.dumps(s)


def emit(node, indent, out):
    pad = " " * indent
    if isinstance(node, dict):
        for key, value in node.items():
            emit_entry(pad + scalar(key) + ":", value, indent, out)
    else:
        for item in node:
            if isinstance(item, dict) and item:
                first = True
                for key, value in item.items():
                    prefix = (pad + "- ") if first else (pad + "  ")
                    emit_entry(prefix + scalar(key) + ":", value, indent + 2, out)
                    first = False
            elif isinstance(item, list) and item:
                out.append(pad + "-")
                emit(item, indent + 2, out)
            else:
                out.append(pad + "- " + inline(item))


def emit_entry(head, value, indent, out):
    if isinstance(value, Literal):
        out.append(head + (" |" if value.endswith("\n") else " |-"))
        for line in value.rstrip("\n").split("\n"):
            out.append((" " * (indent + 2) + line) if line else "")
    elif isinstance(value, dict) and value:
        out.append(head)
        emit(value, indent + 2, out)
    elif isinstance(value, list) and value:
        out.append(head)
        emit(value, indent + 2, out)
    else:
        out.append(head + " " + inline(value))


def inline(value):
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)


def to_yaml(docs):
    out = []
    for i, doc in enumerate(docs):
        if i > 0 or doc.comments:
            out.extend("# " + c for c in doc.comments)
            out.append("---")
        emit(doc.obj, 0, out)
    return "\n".join(out) + "\n"


def plain_json(value):
    if isinstance(value, dict):
        return {k: plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_json(v) for v in value]
    return str(value) if isinstance(value, Literal) else value


# --------------------------------------------------------------------------- building blocks


class Gen:
    def __init__(self, rng):
        self.r = rng

    def pick(self, seq):
        return self.r.choice(seq)

    def hexid(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def version(self):
        return "%d.%d.%d" % (self.r.randint(0, 4), self.r.randint(0, 30), self.r.randint(0, 20))

    def labels(self, app, component, team, env):
        return {
            "app.kubernetes.io/name": app,
            "app.kubernetes.io/instance": app + "-" + env,
            "app.kubernetes.io/component": component,
            "app.kubernetes.io/part-of": team,
            "app.kubernetes.io/managed-by": self.pick(["Helm", "kustomize", "argocd"]),
            "app.kubernetes.io/version": self.version(),
            "env": env,
        }

    def metadata(self, name, namespace, labels, annotations=None):
        md = {"name": name, "namespace": namespace, "labels": dict(labels)}
        if annotations:
            md["annotations"] = annotations
        return md

    def env_vars(self, app, count):
        out = [
            {"name": "APP_NAME", "value": app},
            {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
            {"name": "POD_NAMESPACE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}},
            {"name": "NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}},
        ]
        for i in range(count):
            kind = self.r.random()
            key = self.pick(["DB", "CACHE", "QUEUE", "SEARCH", "AUTH", "FEATURE", "HTTP", "GRPC", "OTEL", "LOG"])
            suffix = self.pick(["HOST", "PORT", "TIMEOUT_MS", "POOL_SIZE", "ENABLED", "URL", "LEVEL", "RETRIES"])
            name = "%s_%s_%d" % (key, suffix, i)
            if kind < 0.6:
                out.append({"name": name, "value": str(self.r.randint(1, 9000))
                            if suffix in ("PORT", "TIMEOUT_MS", "POOL_SIZE", "RETRIES")
                            else self.pick(HOSTS) + "." + self.pick(TEAMS) + ".svc.cluster.local"})
            elif kind < 0.8:
                out.append({"name": name, "valueFrom": {"secretKeyRef": {"name": app + "-secrets",
                                                                          "key": name.lower().replace("_", "-")}}})
            else:
                out.append({"name": name, "valueFrom": {"configMapKeyRef": {"name": app + "-config",
                                                                             "key": name.lower()}}})
        return out

    def resources(self):
        cpu = self.pick([50, 100, 200, 250, 500, 1000])
        mem = self.pick([64, 128, 256, 512, 1024, 2048])
        return {"requests": {"cpu": "%dm" % cpu, "memory": "%dMi" % mem},
                "limits": {"cpu": "%dm" % (cpu * 2), "memory": "%dMi" % (mem * 2)}}

    def probe(self, port, path):
        return {"httpGet": {"path": path, "port": port}, "initialDelaySeconds": self.r.randint(5, 30),
                "periodSeconds": self.pick([5, 10, 15]), "timeoutSeconds": self.pick([1, 2, 5]),
                "failureThreshold": self.pick([3, 5, 6])}

    def container(self, app, team, port, env_count, mounts):
        image = "registry.example.com/%s/%s:%s" % (team, app, self.version())
        c = {
            "name": app,
            "image": image,
            "imagePullPolicy": "IfNotPresent",
            "ports": [{"name": "http", "containerPort": port, "protocol": "TCP"},
                      {"name": "metrics", "containerPort": 9090, "protocol": "TCP"}],
            "env": self.env_vars(app, env_count),
            "envFrom": [{"configMapRef": {"name": app + "-env"}}, {"secretRef": {"name": app + "-secrets"}}],
            "resources": self.resources(),
            "livenessProbe": self.probe("http", "/healthz"),
            "readinessProbe": self.probe("http", "/ready"),
            "securityContext": {"runAsNonRoot": True, "runAsUser": self.pick([1000, 10001, 65532]),
                                "allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                                "capabilities": {"drop": ["ALL"]}},
            "volumeMounts": mounts,
        }
        if self.r.random() < 0.5:
            c["command"] = ["/bin/sh", "/scripts/entrypoint.sh"]
        return c

    def affinity(self, app):
        return {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{
            "weight": 100,
            "podAffinityTerm": {"labelSelector": {"matchLabels": {"app.kubernetes.io/name": app}},
                                "topologyKey": "kubernetes.io/hostname"}}]}}

    def tolerations(self):
        return [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"},
                {"key": "dedicated", "operator": "Equal", "value": self.pick(["batch", "infra", "gpu"]),
                 "effect": "NoSchedule"}]

    # ---------------------------------------------------------------- text payloads (block scalars)

    def entrypoint_script(self, app, lines):
        host = self.pick(HOSTS)
        port = self.pick([5432, 6379, 9092, 5672, 9200, 8200, 3306])
        body = [
            "#!/bin/sh",
            "set -eu",
            "echo \"starting %s on $(hostname) at $(date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ)\"" % app,
            "until nc -z %s %d; do" % (host, port),
            "  echo \"waiting for %s:%d\"" % (host, port),
            "  sleep 2",
            "done",
        ]
        pool = [
            "export JAVA_OPTS=\"-Xms{m}m -Xmx{m}m -XX:+UseG1GC -XX:MaxGCPauseMillis={p}\"",
            "if [ -f /config/{f} ]; then cp /config/{f} /app/config/{f}; fi",
            "curl -fsS --retry 5 --retry-delay 2 http://{h}:{port}/healthz > /dev/null",
            "for f in /docker-entrypoint.d/*.sh; do [ -x \"$f\" ] && . \"$f\"; done",
            "test -n \"${{DB_PASSWORD:-}}\" || {{ echo 'DB_PASSWORD is not set' >&2; exit 1; }}",
            "mkdir -p /tmp/{a}/cache /tmp/{a}/uploads",
            "find /tmp/{a}/cache -type f -mtime +{d} -delete",
            "python3 -m {a}.migrate --database-url \"$DATABASE_URL\" --timeout {p}",
            "echo \"feature flags: $(cat /config/features.json | tr -d '\\n')\"",
            "ulimit -n {n} || true",
            "sed -i \"s/__ENV__/${{ENVIRONMENT:-{e}}}/g\" /app/config/{f}",
            "trap 'echo \"{a} stopping\"; kill -TERM $child 2>/dev/null' TERM INT",
            "wget -q -O /tmp/ca.pem https://vault.{t}.svc:8200/v1/pki/ca/pem",
            "envsubst < /config/{f}.tpl > /app/config/{f}",
            "chown -R {u}:{u} /app/data || true",
            "grep -q '^{a}:' /etc/passwd || echo '{a}:x:{u}:{u}::/app:/sbin/nologin' >> /etc/passwd",
        ]
        for _ in range(lines):
            body.append(self.pick(pool).format(
                m=self.pick([256, 512, 768, 1024, 2048]), p=self.pick([100, 200, 500]),
                f=self.pick(["application.yaml", "logback.xml", "settings.py", "config.json", "nginx.conf"]),
                h=self.pick(HOSTS), port=self.pick([8080, 8443, 9000]), a=app, d=self.r.randint(1, 30),
                n=self.pick([1024, 4096, 65536]), e=self.pick(ENVS), t=self.pick(TEAMS),
                u=self.pick([1000, 10001])))
        body.append("exec /app/bin/%s --config /app/config/application.yaml \"$@\" &" % app)
        body.append("child=$!")
        body.append("wait \"$child\"")
        return Literal("\n".join(body) + "\n")

    def application_config(self, app, sections):
        lines = ["server:", "  port: 8080", "  shutdown: graceful", "management:", "  endpoints:",
                 "    web:", "      exposure:", "        include: health,info,prometheus", app + ":"]
        for i in range(sections):
            name = self.pick(["client", "cache", "retry", "queue", "pool", "limits", "feature", "upstream"])
            lines.append("  %s%d:" % (name, i))
            lines.append("    url: http://%s.%s.svc.cluster.local:%d" % (
                self.pick(HOSTS), self.pick(TEAMS), self.pick([80, 8080, 9090])))
            lines.append("    timeout: %dms" % self.pick([250, 500, 1000, 3000]))
            lines.append("    maxConnections: %d" % self.pick([10, 50, 100, 200]))
            lines.append("    enabled: %s" % self.pick(["true", "false"]))
            lines.append("    tags: [%s]" % ", ".join(self.pick(APPS) for _ in range(3)))
        return Literal("\n".join(lines) + "\n")

    def nginx_conf(self, app, locations):
        lines = ["worker_processes auto;", "events { worker_connections 1024; }", "http {",
                 "  include /etc/nginx/mime.types;", "  sendfile on;", "  keepalive_timeout 65;",
                 "  log_format main '$remote_addr - $request [$time_local] $status $body_bytes_sent';",
                 "  server {", "    listen 8080;", "    server_name %s.example.com;" % app]
        for i in range(locations):
            up = self.pick(APPS)
            lines += ["    location /%s/ {" % up,
                      "      proxy_pass http://%s-api.%s.svc.cluster.local:8080/;" % (up, self.pick(TEAMS)),
                      "      proxy_set_header Host $host;",
                      "      proxy_set_header X-Request-Id $request_id;",
                      "      proxy_read_timeout %ds;" % self.pick([5, 30, 60]),
                      "    }"]
        lines += ["    location /healthz { return 200 'ok'; }", "  }", "}"]
        return Literal("\n".join(lines) + "\n")

    def fluent_bit_conf(self, docker_parser):
        lines = ["[SERVICE]", "    Flush         5", "    Log_Level     info", "    Daemon        off",
                 "    Parsers_File  parsers.conf", "    HTTP_Server   On", "    HTTP_Listen   0.0.0.0",
                 "    HTTP_Port     2020", "", "[INPUT]", "    Name              tail", "    Tag               kube.*",
                 "    Path              /var/log/containers/*.log",
                 "    Parser            %s" % ("docker" if docker_parser else "cri"),
                 "    DB                /var/log/flb_kube.db", "    Mem_Buf_Limit     50MB",
                 "    Skip_Long_Lines   On", "    Refresh_Interval  10", "", "[FILTER]",
                 "    Name                kubernetes", "    Match               kube.*",
                 "    Kube_URL            https://kubernetes.default.svc:443",
                 "    Merge_Log           On", "    Keep_Log            Off", ""]
        for i in range(self.r.randint(2, 6)):
            lines += ["[OUTPUT]", "    Name            es", "    Match           kube.%s.*" % self.pick(APPS),
                      "    Host            elasticsearch-%d.logging.svc" % i, "    Port            9200",
                      "    Logstash_Format On", "    Retry_Limit     False", ""]
        return Literal("\n".join(lines) + "\n")

    def backup_script(self, app, lines, docker):
        body = ["#!/bin/bash", "set -euo pipefail", "STAMP=$(date -u +%Y%m%d%H%M%S)",
                "BUCKET=s3://backups-%s/%s" % (self.pick(TEAMS), app)]
        pool = [
            "pg_dump -h {h} -U \"$PGUSER\" -Fc {a} > /backup/{a}-$STAMP.dump",
            "aws s3 cp /backup/{a}-$STAMP.dump \"$BUCKET/{a}-$STAMP.dump\" --only-show-errors",
            "find /backup -name '*.dump' -mtime +{d} -print -delete",
            "kubectl -n {t} annotate cronjob/{a}-backup last-run=\"$STAMP\" --overwrite",
            "gzip -9 /backup/{a}-$STAMP.dump",
            "curl -fsS -X POST -H 'Content-Type: application/json' -d \"{{\\\"text\\\": \\\"backup of {a} done\\\"}}\" \"$SLACK_WEBHOOK\"",
            "redis-cli -h {h} --rdb /backup/{a}-$STAMP.rdb",
            "echo \"$(du -sh /backup | cut -f1) in /backup\"",
            "sha256sum /backup/{a}-$STAMP.dump > /backup/{a}-$STAMP.dump.sha256",
            "vacuumdb -h {h} -U \"$PGUSER\" --analyze-in-stages {a}",
        ]
        for _ in range(lines):
            body.append(self.pick(pool).format(h=self.pick(HOSTS), a=app, d=self.r.randint(3, 30),
                                               t=self.pick(TEAMS)))
        if docker:
            body += ["# clean up images left by build jobs on this node",
                     "docker system prune -af --filter \"until=%dh\"" % self.pick([24, 48, 72]),
                     "docker images --format '{{.Repository}}:{{.Tag}}' | grep registry.example.com | head"]
        body.append("echo done")
        return Literal("\n".join(body) + "\n")


# --------------------------------------------------------------------------- manifest kinds


def app_bundle(g, team, app, env):
    port = g.pick([8080, 8000, 3000, 9000])
    labels = g.labels(app, "server", team, env)
    sel = {"app.kubernetes.io/name": app, "app.kubernetes.io/instance": app + "-" + env}
    docs = [Doc({"apiVersion": "v1", "kind": "ServiceAccount",
                 "metadata": g.metadata(app, team, labels), "automountServiceAccountToken": False})]
    data = {"application.yaml": g.application_config(app, g.r.randint(3, 12)),
            "entrypoint.sh": g.entrypoint_script(app, g.r.randint(8, 40))}
    if g.r.random() < 0.4:
        data["nginx.conf"] = g.nginx_conf(app, g.r.randint(2, 10))
    docs.append(Doc({"apiVersion": "v1", "kind": "ConfigMap", "metadata": g.metadata(app + "-config", team, labels),
                     "data": data}))
    mounts = [{"name": "config", "mountPath": "/app/config", "readOnly": True},
              {"name": "scripts", "mountPath": "/scripts", "readOnly": True},
              {"name": "tmp", "mountPath": "/tmp"}]
    containers = [g.container(app, team, port, g.r.randint(6, 24), mounts)]
    if g.r.random() < 0.3:
        containers.append({"name": "envoy", "image": "envoyproxy/envoy:v1.28.0",
                           "args": ["-c", "/etc/envoy/envoy.yaml", "--log-level", "warn"],
                           "ports": [{"containerPort": 15001}], "resources": g.resources()})
    pod = {"serviceAccountName": app, "securityContext": {"fsGroup": 2000, "seccompProfile": {"type": "RuntimeDefault"}},
           "affinity": g.affinity(app), "terminationGracePeriodSeconds": g.pick([30, 60]),
           "containers": containers,
           "volumes": [{"name": "config", "configMap": {"name": app + "-config"}},
                       {"name": "scripts", "configMap": {"name": app + "-config", "defaultMode": 493}},
                       {"name": "tmp", "emptyDir": {"sizeLimit": "1Gi"}}]}
    if g.r.random() < 0.3:
        pod["initContainers"] = [{"name": "migrate", "image": g.pick(PUBLIC_IMAGES),
                                  "command": ["sh", "-c", "until nc -z %s 5432; do sleep 1; done" % g.pick(HOSTS)]}]
    kind = "StatefulSet" if g.r.random() < 0.1 else "Deployment"
    spec = {"replicas": g.r.randint(1, 6), "revisionHistoryLimit": 5, "selector": {"matchLabels": sel},
            "template": {"metadata": {"labels": labels, "annotations": {
                "prometheus.io/scrape": "true", "prometheus.io/port": "9090",
                "checksum/config": g.hexid(64)}}, "spec": pod}}
    if kind == "StatefulSet":
        spec["serviceName"] = app
    else:
        spec["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}}
    docs.append(Doc({"apiVersion": "apps/v1", "kind": kind, "metadata": g.metadata(
        app, team, labels, {"deployment.kubernetes.io/revision": str(g.r.randint(1, 40))}), "spec": spec}))
    docs.append(Doc({"apiVersion": "v1", "kind": "Service", "metadata": g.metadata(app, team, labels),
                     "spec": {"type": "ClusterIP", "selector": sel,
                              "ports": [{"name": "http", "port": 80, "targetPort": "http"},
                                        {"name": "metrics", "port": 9090, "targetPort": "metrics"}]}}))
    if g.r.random() < 0.5:
        docs.append(Doc({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                         "metadata": g.metadata(app, team, labels),
                         "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": kind, "name": app},
                                  "minReplicas": 2, "maxReplicas": g.r.randint(4, 20),
                                  "metrics": [{"type": "Resource", "resource": {
                                      "name": "cpu", "target": {"type": "Utilization",
                                                                "averageUtilization": g.pick([60, 70, 80])}}}]}}))
    return docs


def node_agent(g, team, app, env, variant):
    labels = g.labels(app, "agent", team, env)
    sel = {"app.kubernetes.io/name": app}
    docker_logs = variant == "docker-data"
    docs = [Doc({"apiVersion": "v1", "kind": "ConfigMap", "metadata": g.metadata(app + "-config", team, labels),
                 "data": {"fluent-bit.conf": g.fluent_bit_conf(docker_logs),
                          "parsers.conf": Literal("[PARSER]\n    Name   cri\n    Format regex\n"
                                                  "    Regex  ^(?<time>[^ ]+) (?<stream>stdout|stderr) "
                                                  "(?<logtag>[^ ]*) (?<log>.*)$\n"
                                                  "    Time_Key    time\n"
                                                  "    Time_Format %Y-%m-%dT%H:%M:%S.%L%z\n")}})]
    mounts = [{"name": "varlog", "mountPath": "/var/log", "readOnly": True},
              {"name": "config", "mountPath": "/fluent-bit/etc/"}]
    volumes = [{"name": "varlog", "hostPath": {"path": "/var/log"}},
               {"name": "config", "configMap": {"name": app + "-config"}}]
    env = [{"name": "NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}]
    comments = []
    if docker_logs:
        mounts.append({"name": "varlibdockercontainers", "mountPath": "/var/lib/docker/containers", "readOnly": True})
        volumes.append({"name": "varlibdockercontainers", "hostPath": {"path": "/var/lib/docker/containers"}})
    elif variant == "docker-sock":
        mounts.append({"name": "dockersock", "mountPath": "/var/run/docker.sock"})
        volumes.append({"name": "dockersock", "hostPath": {"path": g.pick(["/var/run/docker.sock",
                                                                          "/run/docker.sock"]),
                                                           "type": "Socket"}})
    elif variant == "containerd":
        mounts.append({"name": "containerdsock", "mountPath": "/run/containerd/containerd.sock"})
        volumes.append({"name": "containerdsock", "hostPath": {"path": "/run/containerd/containerd.sock",
                                                               "type": "Socket"}})
        env.append({"name": "CONTAINER_RUNTIME_ENDPOINT", "value": "unix:///run/containerd/containerd.sock"})
    elif variant == "comment":
        comments = ["hostPath /var/run/docker.sock was removed after the containerd migration (2023-04)"]
    pod = {"serviceAccountName": app, "hostNetwork": False, "tolerations": g.tolerations(),
           "priorityClassName": "system-node-critical",
           "containers": [{"name": app, "image": g.pick(["fluent/fluent-bit:2.2.0", "fluent/fluent-bit:1.9.10"]),
                           "imagePullPolicy": "IfNotPresent", "env": env, "resources": g.resources(),
                           "ports": [{"containerPort": 2020, "name": "http"}],
                           "livenessProbe": g.probe(2020, "/"), "volumeMounts": mounts}],
           "volumes": volumes}
    docs.append(Doc({"apiVersion": "apps/v1", "kind": "DaemonSet",
                     "metadata": g.metadata(app, team, labels),
                     "spec": {"selector": {"matchLabels": sel},
                              "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}},
                              "template": {"metadata": {"labels": labels}, "spec": pod}}}, comments))
    docs.append(Doc({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": g.metadata(app, team, labels)}))
    docs.append(Doc({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                     "metadata": {"name": app + "-read", "labels": labels},
                     "rules": [{"apiGroups": [""], "resources": ["namespaces", "pods", "nodes"],
                                "verbs": ["get", "list", "watch"]}]}))
    docs.append(Doc({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
                     "metadata": {"name": app + "-read", "labels": labels},
                     "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                                 "name": app + "-read"},
                     "subjects": [{"kind": "ServiceAccount", "name": app, "namespace": team}]}))
    return docs


def cron_job(g, team, app, env, variant):
    labels = g.labels(app, "maintenance", team, env)
    docker = variant == "docker-cli"
    script = g.backup_script(app, g.r.randint(10, 40), docker)
    mounts = [{"name": "scripts", "mountPath": "/scripts"}, {"name": "backup", "mountPath": "/backup"}]
    volumes = [{"name": "scripts", "configMap": {"name": app + "-backup", "defaultMode": 493}},
               {"name": "backup", "persistentVolumeClaim": {"claimName": app + "-backup"}}]
    env = g.env_vars(app, g.r.randint(4, 12))
    if docker:
        mounts.append({"name": "docker", "mountPath": "/var/run/docker.sock"})
        volumes.append({"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}})
        env.append({"name": "DOCKER_HOST", "value": "unix:///var/run/docker.sock"})
    elif variant == "dind":
        mounts.append({"name": "docker-sock", "mountPath": "/var/run"})
        volumes.append({"name": "docker-sock", "emptyDir": {}})
        env.append({"name": "DOCKER_HOST", "value": "tcp://localhost:2375"})
    containers = [{"name": "backup", "image": g.pick(PUBLIC_IMAGES), "command": ["/bin/bash", "/scripts/backup.sh"],
                   "env": env, "resources": g.resources(), "volumeMounts": mounts}]
    if variant == "dind":
        containers.append({"name": "dind", "image": "docker:24-dind", "securityContext": {"privileged": True},
                           "env": [{"name": "DOCKER_TLS_CERTDIR", "value": ""}],
                           "volumeMounts": [{"name": "docker-sock", "mountPath": "/var/run"}]})
    docs = [Doc({"apiVersion": "v1", "kind": "ConfigMap", "metadata": g.metadata(app + "-backup", team, labels),
                 "data": {"backup.sh": script}})]
    docs.append(Doc({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": g.metadata(app + "-backup", team, labels),
                     "spec": {"schedule": "%d %d * * *" % (g.r.randint(0, 59), g.r.randint(0, 23)),
                              "concurrencyPolicy": "Forbid", "successfulJobsHistoryLimit": 3,
                              "failedJobsHistoryLimit": 1,
                              "jobTemplate": {"spec": {"backoffLimit": 2, "template": {
                                  "metadata": {"labels": labels},
                                  "spec": {"restartPolicy": "OnFailure", "containers": containers,
                                           "volumes": volumes}}}}}}))
    return docs


def script_configmap(g, team, app, env, variant):
    labels = g.labels(app, "scripts", team, env)
    data = {}
    for i in range(g.r.randint(2, 5)):
        data["step-%d.sh" % i] = g.entrypoint_script(app, g.r.randint(10, 45))
    if variant == "docker-api":
        data["inspect.sh"] = Literal("#!/bin/sh\nset -e\n"
                                     "curl -s --unix-socket /var/run/docker.sock http://localhost/containers/json"
                                     " | jq -r '.[].Names[0]'\n")
    data["settings.json"] = Literal(json.dumps({"app": app, "env": env, "replicas": g.r.randint(1, 9),
                                                "upstreams": [g.pick(HOSTS) for _ in range(6)]}, indent=2) + "\n")
    return [Doc({"apiVersion": "v1", "kind": "ConfigMap", "metadata": g.metadata(app + "-scripts", team, labels),
                 "data": data})]


def ci_runner(g, team, app, env):
    """A CI runner that builds images through the node's Docker daemon."""
    labels = g.labels(app, "ci", team, env)
    docs = [Doc({"apiVersion": "v1", "kind": "ConfigMap", "metadata": g.metadata(app + "-runner", team, labels),
                 "data": {"config.toml": Literal(
                     "concurrent = 4\ncheck_interval = 3\n[[runners]]\n  name = \"%s\"\n"
                     "  url = \"https://gitlab.example.com/\"\n  executor = \"docker\"\n"
                     "  [runners.docker]\n    image = \"alpine:3.19\"\n    privileged = false\n"
                     "    volumes = [\"/var/run/docker.sock:/var/run/docker.sock\", \"/cache\"]\n" % app),
                     "entrypoint.sh": g.entrypoint_script(app, g.r.randint(10, 30))}})]
    pod = {"serviceAccountName": app,
           "containers": [{"name": "runner", "image": "gitlab/gitlab-runner:v16.6.1",
                           "env": g.env_vars(app, 6) + [{"name": "DOCKER_HOST",
                                                         "value": "unix:///var/run/docker.sock"}],
                           "resources": g.resources(),
                           "volumeMounts": [{"name": "config", "mountPath": "/etc/gitlab-runner"},
                                            {"name": "docker-sock", "mountPath": "/var/run/docker.sock"}]}],
           "volumes": [{"name": "config", "configMap": {"name": app + "-runner"}},
                       {"name": "docker-sock", "hostPath": {"path": "/var/run/docker.sock", "type": "Socket"}}]}
    docs.append(Doc({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": g.metadata(app + "-runner", team, labels),
                     "spec": {"replicas": 2, "selector": {"matchLabels": {"app.kubernetes.io/name": app}},
                              "template": {"metadata": {"labels": labels}, "spec": pod}}}))
    return docs


# --------------------------------------------------------------------------- corpus

# (variant, weight): docker-* variants are Docker Engine dependencies, the look-alikes are not
AGENT_VARIANTS = [("plain", 72), ("containerd", 12), ("comment", 4), ("docker-sock", 7), ("docker-data", 5)]
CRON_VARIANTS = [("plain", 91), ("dind", 4), ("docker-cli", 5)]
SCRIPT_VARIANTS = [("plain", 96), ("docker-api", 4)]
KINDS = [("bundle", 60), ("agent", 9), ("cron", 15), ("scripts", 12), ("ci-runner", 1), ("list", 3)]
JSON_SHARE = 0.04


def weighted(g, choices):
    total = sum(w for _, w in choices)
    x = g.r.uniform(0, total)
    for value, w in choices:
        x -= w
        if x <= 0:
            return value
    return choices[-1][0]


def generate(out_dir, count, seed):
    rng = random.Random(seed)
    g = Gen(rng)
    stats = {"files": 0, "bytes": 0, "objects": 0, "json": 0, "variants": {}}
    width = len(str(count))
    for i in range(count):
        team = TEAMS[i % len(TEAMS)]
        app = "%s-%s" % (g.pick(APPS), g.pick(ROLES))
        env = g.pick(ENVS)
        kind = weighted(g, KINDS)
        variant = "plain"
        if kind == "bundle":
            docs = app_bundle(g, team, app, env)
        elif kind == "agent":
            variant = weighted(g, AGENT_VARIANTS)
            docs = node_agent(g, team, app, env, variant)
        elif kind == "cron":
            variant = weighted(g, CRON_VARIANTS)
            docs = cron_job(g, team, app, env, variant)
        elif kind == "scripts":
            variant = weighted(g, SCRIPT_VARIANTS)
            docs = script_configmap(g, team, app, env, variant)
        elif kind == "ci-runner":
            variant = "docker-sock"
            docs = ci_runner(g, team, app, env)
        else:
            docs = [Doc({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""},
                         "items": [d.obj for d in app_bundle(g, team, app, env)]})]
        as_json = rng.random() < JSON_SHARE
        directory = os.path.join(out_dir, env, team)
        os.makedirs(directory, exist_ok=True)
        name = "%0*d-%s-%s" % (width, i, app, kind)
        if as_json:
            objs = [d.obj for d in docs]
            body = objs[0] if len(objs) == 1 else {"apiVersion": "v1", "kind": "List", "items": objs}
            text = json.dumps(plain_json(body), indent=4) + "\n"
            path = os.path.join(directory, name + ".json")
            stats["json"] += 1
        else:
            text = to_yaml(docs)
            path = os.path.join(directory, name + (".yml" if i % 10 == 9 else ".yaml"))
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        stats["files"] += 1
        stats["bytes"] += len(data)
        stats["objects"] += sum(len(d.obj["items"]) if d.obj.get("kind") == "List" else 1 for d in docs)
        key = "%s/%s" % (kind, variant)
        stats["variants"][key] = stats["variants"].get(key, 0) + 1
    return stats


def main(argv):
    parser = argparse.ArgumentParser(description="Generate a deterministic Kubernetes manifest corpus.")
    parser.add_argument("output_dir")
    parser.add_argument("count", nargs="?", type=int, default=10000, help="number of files (default 10000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %d)" % DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    stats = generate(args.output_dir, args.count, args.seed)
    docker = sum(n for k, n in stats["variants"].items() if k.split("/")[1].startswith("docker"))
    print("files: %d (%d JSON)" % (stats["files"], stats["json"]))
    print("bytes: %d (%.1f MB, average %.1f KB per file)" % (
        stats["bytes"], stats["bytes"] / 1e6, stats["bytes"] / stats["files"] / 1e3))
    print("objects: %d" % stats["objects"])
    print("files with a Docker Engine dependency: %d (%.1f%%)" % (docker, 100.0 * docker / stats["files"]))
    for key in sorted(stats["variants"]):
        print("  %-24s %d" % (key, stats["variants"][key]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
