#!/bin/sh
# Runs every tests/test_*.sh; a test file calls: check NAME EXPECTED ACTUAL
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
check() {
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: expected '$2', got '$3'" >&2
  fi
}
for test in tests/test_*.sh; do
  . "./$test"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
