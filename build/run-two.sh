#!/usr/bin/env bash
# Two PartnerBot instances on one PostgreSQL, behind a round-robin balancer, with the Agents Playground pointed
# at the balancer: consecutive turns of a conversation land on alternate instances. Ctrl+C stops everything.
#
#   build/run-two.sh                     on a throwaway PostgreSQL cluster (build/postgres.sh), deleted on exit
#   PARTNERBOT_POSTGRES='Host=...'       on this database instead (an Npgsql connection string)
#   PLAYGROUND_PORT=56150                the playground's port (default 56150)
#
# Instances: http://127.0.0.1:3981 and :3982 (logs in data/instance-1.log, data/instance-2.log); balancer :3978.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
case "${1:-}" in -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 TEAMSAPPTESTER_BROWSER="${TEAMSAPPTESTER_BROWSER:-none}"
playground_port="${PLAYGROUND_PORT:-56150}"
mkdir -p "$root/data"
export M365_AGENTS_PLAYGROUND_LOGFILE="$root/data/m365agentsplayground.log"

for port in 3978 3981 3982 "$playground_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "Port $port is taken; stop what listens there first." >&2; exit 1; fi
done
if [[ ! -x build/playground/node_modules/.bin/agentsplayground ]]; then
  npm ci --prefix build/playground --no-audit --no-fund --loglevel=error
fi

pids=() cluster=""
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # The cluster first: its stop ends the instances' connections, and nothing below may keep it running.
  if [[ -n "$cluster" ]]; then build/postgres.sh stop "$cluster" || true; fi
  wait 2>/dev/null || true
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

if [[ -n "${PARTNERBOT_POSTGRES:-}" ]]; then
  connection="$PARTNERBOT_POSTGRES"
else
  eval "$(build/postgres.sh start)"
  cluster="$PARTNERBOT_POSTGRES_DIR"
  connection="$PARTNERBOT_TEST_POSTGRES"
fi

echo "Building PartnerBot..."
dotnet build src/PartnerBot --nologo -v q -clp:ErrorsOnly
bot_dir="$root/src/PartnerBot/bin/Debug/net10.0"

# Started together on purpose: the first migrates and seeds under the advisory lock, the other waits and finds it done.
for n in 1 2; do
  dotnet "$bot_dir/PartnerBot.dll" --contentRoot "$bot_dir" --urls "http://127.0.0.1:398$n" \
    --Storage:Provider=Postgres "--ConnectionStrings:PartnerBot=$connection" >"$root/data/instance-$n.log" 2>&1 &
  pids+=($!)
done

for n in 1 2; do
  deadline=$((SECONDS + 120))
  until curl -fsS "http://127.0.0.1:398$n/readyz" >/dev/null 2>&1; do
    if ! kill -0 "${pids[$((n - 1))]}" 2>/dev/null; then echo "Instance $n did not start:" >&2; cat "$root/data/instance-$n.log" >&2; exit 1; fi
    if ((SECONDS > deadline)); then echo "Instance $n was not ready within 120 s; see data/instance-$n.log" >&2; exit 1; fi
    sleep 0.2
  done
done

node build/round-robin.mjs 3978 http://127.0.0.1:3981 http://127.0.0.1:3982 >"$root/data/round-robin.log" 2>&1 &
balancer=$!
pids+=("$balancer")
build/playground/node_modules/.bin/agentsplayground -e "http://127.0.0.1:3978/api/messages" -c msteams --dt -p "$playground_port" &
playground=$!
pids+=("$playground")

cat <<MSG

  Two PartnerBot instances on PostgreSQL: http://127.0.0.1:3981 and http://127.0.0.1:3982, behind http://127.0.0.1:3978
  Open the chat:  http://localhost:$playground_port   (each turn goes to the other instance: see data/round-robin.log)
  Stop one instance (kill ${pids[0]}) and the conversation goes on on the other. Ctrl+C stops everything.

MSG
# An instance may stop (that is the point); the run ends when the balancer or the playground does.
wait -n "$balancer" "$playground"
