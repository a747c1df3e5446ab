#!/usr/bin/env bash
# The run command: PartnerBot with its embedded demo data on http://localhost:3978 and the Microsoft 365
# Agents Playground (a Teams-like chat client, no Azure account) pointed at it. Ctrl+C stops both.
#
#   build/run.sh                 chat as Alex Wilber (Sales agent), the playground's current user
#   build/run.sh --as megan      chat as another person of .m365agentsplayground.yml (first name,
#                                full name, e-mail or id): megan, adele, isaiah, patti, lynne
#   build/run.sh --polish        the Polish side: the bot answers in pl-PL (the playground sends en-US)
#   PLAYGROUND_PORT=56150        the playground's port (default 56150)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

as_user=""
locale_override=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --as) as_user="${2:?--as needs a name, e.g. --as megan}"; shift 2 ;;
    --polish) locale_override="pl-PL"; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

bot_url="http://localhost:3978"
playground_port="${PLAYGROUND_PORT:-56150}"

# No telemetry from either tool.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# On one CPU the runtime waits ten times longer for a pause before it optimizes hot code (README, Configuration).
export DOTNET_TC_DelaySingleProcMultiplier="${DOTNET_TC_DelaySingleProcMultiplier:-1}"
# The playground would open a browser itself; printing the URL works on a laptop and over SSH alike.
export TEAMSAPPTESTER_BROWSER="${TEAMSAPPTESTER_BROWSER:-none}"
mkdir -p "$root/data"
export M365_AGENTS_PLAYGROUND_LOGFILE="$root/data/m365agentsplayground.log"

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "build/run.sh needs $tool (the .NET 10 SDK, Node.js 20 with npm)" >&2; exit 1; }
done

if [[ ! -x build/playground/node_modules/.bin/agentsplayground ]]; then
  echo "Installing the Agents Playground (npm ci in build/playground)..."
  npm ci --prefix build/playground --no-audit --no-fund --loglevel=error
fi

if [[ -n "$as_user" ]]; then
  # The playground cannot switch its user while it runs: give it a copy of its config with that person
  # as the current user.
  config="$root/data/playground-as-user.yml"
  node build/playground/as-user.mjs .m365agentsplayground.yml "$as_user" >"$config"
  export M365_AGENTS_PLAYGROUND_CONFIG_PATH="$config"
fi

if (exec 3<>/dev/tcp/127.0.0.1/3978) 2>/dev/null; then
  echo "Something already listens on port 3978 (another PartnerBot?); stop it first." >&2; exit 1
fi

echo "Building PartnerBot..."
dotnet build src/PartnerBot --nologo -v q -clp:ErrorsOnly

bot_pid="" playground_pid=""
stop() {
  trap - INT TERM EXIT
  [[ -n "$playground_pid" ]] && kill "$playground_pid" 2>/dev/null || true
  [[ -n "$bot_pid" ]] && kill "$bot_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# The built DLL, not `dotnet run`: Ctrl+C must reach the bot itself, not a launcher in between.
# Settings come from its output folder; the demo database lands in ./data (Database:Path), created and
# seeded on first start.
bot_dir="$root/src/PartnerBot/bin/Debug/net10.0"
dotnet "$bot_dir/PartnerBot.dll" --contentRoot "$bot_dir" --urls "$bot_url" --Teams:LocaleOverride="$locale_override" &
bot_pid=$!

deadline=$((SECONDS + 60))
until curl -fsS "$bot_url/healthz" >/dev/null 2>&1; do
  if ! kill -0 "$bot_pid" 2>/dev/null; then echo "PartnerBot did not start (see its output above)." >&2; exit 1; fi
  if ((SECONDS > deadline)); then echo "PartnerBot did not answer $bot_url/healthz within 60 s." >&2; exit 1; fi
  sleep 0.2
done

# Given a taken port the playground silently listens elsewhere; say so instead.
if (exec 3<>"/dev/tcp/127.0.0.1/$playground_port") 2>/dev/null; then
  echo "Port $playground_port is taken; choose another with PLAYGROUND_PORT=..." >&2; exit 1
fi

# From the repository root, so the playground reads .m365agentsplayground.yml (the demo staff).
build/playground/node_modules/.bin/agentsplayground \
  -e "http://127.0.0.1:3978/api/messages" -c msteams --dt -p "$playground_port" &
playground_pid=$!

deadline=$((SECONDS + 30))
until curl -fsS -o /dev/null "http://127.0.0.1:$playground_port/_internal/v1/config" 2>/dev/null; do
  if ! kill -0 "$playground_pid" 2>/dev/null; then echo "The Agents Playground did not start." >&2; exit 1; fi
  if ((SECONDS > deadline)); then echo "The Agents Playground did not get ready within 30 s." >&2; exit 1; fi
  sleep 0.2
done

who="$(curl -fsS "http://127.0.0.1:$playground_port/_internal/v1/config" | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).config.currentUser.name))')"
# Suggest being someone else, never the person one already is.
other="megan"
[[ "$who" == Megan* ]] && other="alex"
cat <<MSG

  PartnerBot is running with its demo data: $bot_url (messages at $bot_url/api/messages)
  Open the chat:  http://localhost:$playground_port   (you are $who; build/run.sh --as $other to be someone else)
  Language:       $([[ -n "$locale_override" ]] && echo "Polish (every answer in pl-PL)" || echo "English, as the playground sends en-US (build/run.sh --polish for Polish)")
  Ctrl+C stops both.

MSG
wait -n "$bot_pid" "$playground_pid"
