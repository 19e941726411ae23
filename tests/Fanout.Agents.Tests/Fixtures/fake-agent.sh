#!/bin/sh
# Stands in for an agent CLI on PATH: records how it was started, then prints a captured real output.
record="$FAKE_RECORD/$(basename "$0")"
mkdir -p "$record"
: > "$record/argv"
for argument in "$@"; do printf '%s\n' "$argument" >> "$record/argv"; done
env | sort > "$record/env"
pwd > "$record/cwd"
cat > "$record/stdin"
if [ -n "$FAKE_OUTPUT" ]; then grep -v '^#' "$FAKE_OUTPUT"; fi
exit "${FAKE_EXIT:-0}"
