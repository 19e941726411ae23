#!/usr/bin/env bash
# Runs every test project and ends with one line summing them: "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The PostgreSQL journal, tracker and workers are tested against a real server: start a throwaway
# one (.ci/postgres) unless FANOUT_TEST_DB already names one. Without PostgreSQL those tests fail, saying so.
if [ -z "${FANOUT_TEST_DB:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exec "$root/.ci/postgres" "$root/test.sh" "$@"
fi
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
cd "$root"
dotnet build Fanout.slnx -c Release --nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
dotnet format Fanout.slnx --verify-no-changes --no-restore -v quiet || { echo "dotnet format found unformatted code"; echo "0 passed, 1 failed"; exit 1; }
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done
python3 "$root/.ci/test-summary.py" "$results" || status=1
exit $status
