#!/bin/sh
# Prepares a checkout: the tools textkit needs must be there, and the entry point executable.
set -eu
for tool in tr sed awk wc sort; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: '$tool' is missing" >&2; exit 1; }
done
chmod +x textkit tests/run.sh
echo "setup: ready"
