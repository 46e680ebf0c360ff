# shell functions are scripts too
dsh() {
  docker exec -it "$1" sh  # expect: DS601
}
# docker ps   <- a comment
printf '%s\n' "use docker ps"
