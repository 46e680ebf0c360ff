#!/bin/bash
if ! systemctl is-active --quiet docker; then  # expect: DS202
  logger -t check-runtime "docker is down"
fi
