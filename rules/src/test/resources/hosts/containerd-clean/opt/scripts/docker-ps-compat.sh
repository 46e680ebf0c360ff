#!/bin/bash
# prints what `docker ps` printed, from crictl
crictl ps -o table
