alias dc=docker-compose  # expect: DS601
