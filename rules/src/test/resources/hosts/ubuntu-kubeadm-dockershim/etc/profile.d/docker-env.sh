# look-alike: only exports variables, runs nothing
export DOCKER_BUILDKIT=1
export COMPOSE_DOCKER_CLI_BUILD=1
