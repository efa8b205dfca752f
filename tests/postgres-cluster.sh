#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, sourced by tests/run.sh (or by hand: `source tests/postgres-cluster.sh`).
# Installs Debian's postgresql when missing, runs initdb in a temporary folder (as the postgres user when root), starts
# the server on a free loopback port with its socket in that folder, and exports JOURNEYSTUDIO_TEST_POSTGRES (an Npgsql
# connection string of a superuser) for the tests. stop_test_postgres stops it and removes the folder.

start_test_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "Installing Debian's postgresql for the PostgreSQL tests..."
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi

  TEST_POSTGRES_DIR=$(mktemp -d /tmp/journeystudio-pg.XXXXXX)
  local as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$TEST_POSTGRES_DIR"
    as=(runuser -u postgres --)
  fi
  TEST_POSTGRES_RUN_AS=("${as[@]}")
  TEST_POSTGRES_BIN=$bin

  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  "${as[@]}" "$bin/initdb" -D "$TEST_POSTGRES_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$TEST_POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$TEST_POSTGRES_DIR/initdb.log"; return 1; }
  # A test cluster: nothing in it must survive a crash, so durability is traded for speed.
  "${as[@]}" "$bin/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -l "$TEST_POSTGRES_DIR/server.log" -w -t 60 \
    -o "-p $port -k $TEST_POSTGRES_DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$TEST_POSTGRES_DIR/server.log"; return 1; }
  export JOURNEYSTUDIO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$port ($TEST_POSTGRES_DIR)"
}

stop_test_postgres() {
  if [ -n "${TEST_POSTGRES_DIR:-}" ] && [ -d "$TEST_POSTGRES_DIR" ]; then
    "${TEST_POSTGRES_RUN_AS[@]}" "$TEST_POSTGRES_BIN/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$TEST_POSTGRES_DIR"
  fi
  TEST_POSTGRES_DIR=""
}
