#!/usr/bin/env bash
# Runs every test of PartnerBot: installs the pinned npm tools the tests drive (the Adaptive Cards
# library, the Agents Playground), runs the whole solution's tests, and prints the totals from the
# test results on a line of their own: "N passed, N failed[, N skipped]".
#
# The PostgreSQL tests use the cluster named by PARTNERBOT_TEST_POSTGRES (.ci/run starts one); without it,
# this script starts a throwaway cluster itself (build/postgres.sh) when the server is installed. Under CI=true
# a missing server is a failure, never a silent skip.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ -z "${PARTNERBOT_TEST_POSTGRES:-}" ]]; then
  if build/postgres.sh available; then
    eval "$(build/postgres.sh start)"
    trap 'build/postgres.sh stop "$PARTNERBOT_POSTGRES_DIR"' EXIT
  elif [[ "${CI:-}" == "true" ]]; then
    echo "build/test.sh: CI=true but no PostgreSQL server (apt-get install postgresql, or set PARTNERBOT_TEST_POSTGRES)" >&2
    exit 1
  else
    echo "build/test.sh: PostgreSQL is not installed; its tests are skipped (apt-get install postgresql)" >&2
  fi
fi

for tool in build/cardcheck build/playground build/teamsapp; do
  if [[ -f "$tool/package-lock.json" ]]; then
    npm ci --prefix "$tool" --no-audit --no-fund --loglevel=error >/dev/null
  fi
done

results="$root/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test PartnerBot.sln --nologo --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

passed=0 failed=0 skipped=0 files=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total="$(value total)"; executed="$(value executed)"
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + total - executed))
done

if [[ $files -eq 0 ]]; then
  echo "no test results were written" >&2
  status=1
fi
line="$passed passed, $failed failed"
if [[ $skipped -gt 0 ]]; then line="$line, $skipped skipped"; fi
echo
echo "$line"
if [[ $status -eq 0 && $failed -gt 0 ]]; then status=1; fi
exit $status
