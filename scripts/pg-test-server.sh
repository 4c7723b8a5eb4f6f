#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests that need one (CI and local runs).
#
#   eval "$(bash scripts/pg-test-server.sh start)"   # starts one, prints the exports below
#   bash scripts/pg-test-server.sh restart "$CRMSCRIPT_TUI_TEST_PG_DIR"   # same port
#   bash scripts/pg-test-server.sh stop "$CRMSCRIPT_TUI_TEST_PG_DIR"
#
# start: installs the server from the machine's package manager when it is missing (Debian:
# apt-get install postgresql), creates a data directory under a new temp directory, owned by a
# non-root user (postgres, created when missing), starts the server on a free port on 127.0.0.1
# with trust authentication (nothing else can reach it) and prints
#   export CRMSCRIPT_TUI_TEST_PG=postgres://postgres@127.0.0.1:PORT/postgres
#   export CRMSCRIPT_TUI_TEST_PG_DIR=/tmp/...
# stop: stops that server and removes its directory.
set -euo pipefail

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v postgres >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

as_user() {
  # Run a command as the server's user (PostgreSQL refuses to run as root).
  if [ "$(id -u)" = "0" ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u "$PGUSER_OS" -- "$@"; else su -s /bin/sh "$PGUSER_OS" -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

cmd="${1:-}"
case "$cmd" in
start)
  if ! BIN=$(find_bin); then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
      echo "pg-test-server: installing postgresql (apt-get)" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    fi
    BIN=$(find_bin) || { echo "pg-test-server: no PostgreSQL server found and it could not be installed" >&2; exit 1; }
  fi
  PGUSER_OS=$(id -un)
  if [ "$(id -u)" = "0" ]; then
    PGUSER_OS=postgres
    id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
  fi
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/crmscript-pg.XXXXXX")
  chmod 755 "$DIR"
  mkdir -p "$DIR/data" "$DIR/socket"
  [ "$(id -u)" = "0" ] && chown -R "$PGUSER_OS" "$DIR"
  PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  as_user "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-sync >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
  as_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -k $DIR/socket -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2 \
    || { cat "$DIR/server.log" >&2; exit 1; }
  echo "$BIN" >"$DIR/bin"
  echo "$PGUSER_OS" >"$DIR/user"
  echo "export CRMSCRIPT_TUI_TEST_PG=postgres://postgres@127.0.0.1:$PORT/postgres"
  echo "export CRMSCRIPT_TUI_TEST_PG_DIR=$DIR"
  ;;
restart)
  # Restart the server (same port and options): for tests of daemons riding out a database restart.
  DIR="${2:-}"
  [ -n "$DIR" ] && [ -d "$DIR/data" ] || { echo "pg-test-server: usage: restart DIR" >&2; exit 1; }
  BIN=$(cat "$DIR/bin")
  PGUSER_OS=$(cat "$DIR/user")
  as_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -m fast -w -t 60 restart >&2
  ;;
stop)
  DIR="${2:-}"
  [ -n "$DIR" ] && [ -d "$DIR/data" ] || { echo "pg-test-server: usage: stop DIR" >&2; exit 1; }
  BIN=$(cat "$DIR/bin")
  PGUSER_OS=$(cat "$DIR/user")
  as_user "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  ;;
*)
  echo "usage: $0 start | restart DIR | stop DIR" >&2
  exit 2
  ;;
esac
