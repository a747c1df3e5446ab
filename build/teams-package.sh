#!/usr/bin/env bash
# Writes the Teams app package (a zip to upload in Teams or the Teams admin center) with the bot's app id filled in.
#   build/teams-package.sh --app-id <the deployment's botAppId output> [--domain <web app host name>] [--out <file.zip>]
# The manifest and its Polish localization are checked against the official schemas first (offline).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
app_id="" domain="" out="$root/artifacts/teams-app/partnerbot.zip"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --app-id) app_id="$2"; shift 2 ;;
    --domain) domain="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 --app-id <guid> [--domain <host>] [--out <file.zip>]" >&2; exit 2 ;;
  esac
done
if [[ -z "$app_id" ]]; then echo "usage: $0 --app-id <guid> [--domain <host>] [--out <file.zip>]" >&2; exit 2; fi
tool="$root/build/teamsapp"
if [[ ! -d "$tool/node_modules" ]]; then
  npm ci --prefix "$tool" --no-audit --no-fund --loglevel=error >/dev/null
fi
node "$tool/check.js" "$root/deploymentTemplates/teams-app" >/dev/null || { node "$tool/check.js" "$root/deploymentTemplates/teams-app" >&2; exit 1; }
node "$tool/package.js" "$app_id" "$domain" "$out"
