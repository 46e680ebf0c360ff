# ~/.bashrc: executed by bash(1) for non-login shells.
[ -z "$PS1" ] && return
alias ll='ls -alF'
alias k=kubectl
alias dps='docker ps --format "table {{.Names}}\t{{.Status}}"'  # expect: DS601
alias dex=docker  # expect: DS601
export DOCKER_BUILDKIT=1
