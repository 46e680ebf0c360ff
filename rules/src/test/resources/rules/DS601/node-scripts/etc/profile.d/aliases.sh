alias dk="docker kill"  # expect: DS601
alias drun='docker run --rm -it'  # expect: DS601
alias docker=podman
alias dim='echo docker images'
