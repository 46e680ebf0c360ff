#!/bin/bash
docker image prune -af --filter "until=72h"  # expect: DS601
