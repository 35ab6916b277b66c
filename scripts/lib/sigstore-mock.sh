#!/usr/bin/env bash
# Starts the loopback Rekor + TSA of the e2e tests (jcosign-cli/src/test/node/sigstore-mock, built on the npm
# package @sigstore/mock) for scripts outside the JVM test harness. Source after common.sh.
#
#   sigstore_mock_start DIR   copies the server to DIR, runs npm ci there, starts it on a free port;
#                             sets SIGSTORE_MOCK_URL and SIGSTORE_MOCK_PID, writes DIR/trusted_root.json
#   sigstore_mock_stop

sigstore_mock_start() {
  local dir=$1 line=''
  mkdir -p -- "$dir"
  cp -- "$JC_ROOT/jcosign-cli/src/test/node/sigstore-mock/"{server.js,package.json,package-lock.json} "$dir/"
  (cd -- "$dir" && npm ci --no-audit --no-fund --loglevel=error >npm-ci.log 2>&1) ||
    die "npm ci for @sigstore/mock failed: see $dir/npm-ci.log"
  # the server prints "listening <port>" once ready and exits when its stdin reaches EOF: this shell
  # holds the FIFO's write end, so the server also goes away when the script does, however it ends
  rm -f -- "$dir/stdin"
  mkfifo -- "$dir/stdin"
  exec {_sm_fd}<>"$dir/stdin"
  PORT=0 node "$dir/server.js" <"$dir/stdin" >"$dir/server.out" 2>"$dir/server.log" {_sm_fd}>&- &
  SIGSTORE_MOCK_PID=$!
  for _ in $(seq 100); do
    line=$(head -n 1 "$dir/server.out" 2>/dev/null || true)
    [[ $line == listening* ]] && break
    sleep 0.1
  done
  [[ $line == listening* ]] || die "sigstore mock did not start: $(cat "$dir/server.log")"
  SIGSTORE_MOCK_URL=http://127.0.0.1:${line#listening }
  curl -fsS "$SIGSTORE_MOCK_URL/trusted_root.json" >"$dir/trusted_root.json"
}

sigstore_mock_stop() {
  if [[ -n ${SIGSTORE_MOCK_PID:-} ]]; then
    kill "$SIGSTORE_MOCK_PID" 2>/dev/null || true
    wait "$SIGSTORE_MOCK_PID" 2>/dev/null || true
    SIGSTORE_MOCK_PID=
  fi
}
