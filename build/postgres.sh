#!/usr/bin/env bash
# A throwaway PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 only, for the tests and for
# running several PartnerBot instances locally. Uses Debian's server binaries (apt-get install postgresql).
#
#   eval "$(build/postgres.sh start)"   starts a cluster; prints the exports below for the calling shell:
#                                       PARTNERBOT_TEST_POSTGRES  the Npgsql connection string (tests read it)
#                                       PARTNERBOT_POSTGRES_DIR   the cluster's folder (stop needs it)
#   build/postgres.sh stop [DIR]        stops the cluster and deletes its folder (DIR or $PARTNERBOT_POSTGRES_DIR)
#   build/postgres.sh available         exits 0 when the server binaries are installed
#
# As root (CI containers) the server runs as the 'postgres' user, because PostgreSQL refuses to run as root.
set -euo pipefail

find_bin() {
  local name="$1" candidate
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  # Debian installs the server outside PATH, one folder per major version: take the newest.
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$candidate/$name" ]]; then echo "$candidate/$name"; return 0; fi
  done
  return 1
}

as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local initdb pg_ctl dir port
  initdb="$(find_bin initdb)" || { echo "build/postgres.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
  pg_ctl="$(dirname "$initdb")/pg_ctl"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/partnerbot-postgres.XXXXXX")"
  if [[ $(id -u) -eq 0 ]]; then
    getent passwd postgres >/dev/null || { echo "build/postgres.sh: running as root needs the 'postgres' user (Debian's postgresql package creates it)" >&2; exit 1; }
    chown postgres: "$dir"
  fi
  # Trust on a loopback-only throwaway cluster: nothing but this machine can reach it and it lives minutes.
  as_server_user "$initdb" -D "$dir/data" -U partnerbot -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_server_user "$initdb" -D "$dir/data" -U partnerbot -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }

  # Several clusters may run on one machine (colleagues, parallel CI jobs): take the first port that starts.
  for port in $(seq "${PARTNERBOT_POSTGRES_PORT:-55432}" $(( ${PARTNERBOT_POSTGRES_PORT:-55432} + 50 ))); do
    port_in_use "$port" && continue
    if as_server_user "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      local cs="Host=127.0.0.1;Port=$port;Username=partnerbot;Database=postgres"
      echo "$cs" >"$dir/connection"
      echo "export PARTNERBOT_TEST_POSTGRES='$cs'"
      echo "export PARTNERBOT_POSTGRES_DIR='$dir'"
      return 0
    fi
  done
  echo "build/postgres.sh: the server did not start; its log:" >&2
  cat "$dir/server.log" >&2 || true
  rm -rf "$dir"
  exit 1
}

stop() {
  local dir="${1:-${PARTNERBOT_POSTGRES_DIR:-}}" pg_ctl
  [[ -n "$dir" && -d "$dir/data" ]] || { echo "build/postgres.sh stop: no cluster folder given" >&2; exit 1; }
  pg_ctl="$(dirname "$(find_bin initdb)")/pg_ctl"
  as_server_user "$pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  available) find_bin initdb >/dev/null ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
