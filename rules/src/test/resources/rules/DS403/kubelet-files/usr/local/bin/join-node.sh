#!/bin/sh
# kubelet flags handed over by a script
echo 'KUBELET_EXTRA_ARGS=--container-runtime=docker' > /etc/default/kubelet  # expect: DS403
# not the kubelet's: minikube's own flag
minikube start --container-runtime=docker
