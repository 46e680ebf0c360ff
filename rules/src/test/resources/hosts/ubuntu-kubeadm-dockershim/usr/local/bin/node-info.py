#!/usr/bin/env python3
# Not a shell script: not read as one
import subprocess
print(subprocess.run(["docker", "info"], capture_output=True).stdout)
