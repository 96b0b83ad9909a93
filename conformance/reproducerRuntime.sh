#!/usr/bin/env bash
# The curl reproducer's helpers (conformance/reproducer.ts copies them into every script).
# Needs API and AUTH set. TLS: CA=ca.pem verifies against a CA; without it the certificate is not
# checked (a lab cluster's self-signed one) unless INSECURE=0. Empty arrays expand as
# ${a[@]+"${a[@]}"}, which bash before 4.4 (macOS) needs under set -u.
TLS=(-k)
if [ -n "${CA:-}" ]; then TLS=(--cacert "$CA"); elif [ "${INSECURE:-1}" = 0 ]; then TLS=(); fi
BODY=$(mktemp); trap 'rm -f "$BODY"' EXIT
STEP=0; DIFFERS=0; FIRST=
squeeze() { tr -d ' \n\r\t' < "$1"; }
# call METHOD URL [BODY]: sends one request; STATUS and ERROR_CODE hold its answer.
call() {
  local data=(); [ $# -ge 3 ] && data=(-d "$3")
  STATUS=$(curl -s ${TLS[@]+"${TLS[@]}"} -u "$AUTH" -o "$BODY" -w '%{http_code}' -X "$1" -H 'content-type: application/json' ${data[@]+"${data[@]}"} "$2")
  if [ "$STATUS" = 000 ]; then echo "The target cannot be reached: $1 $2"; exit 2; fi
  ERROR_CODE=$(squeeze "$BODY" | grep -o '"error_code":"[^"]*"' | head -n 1 | cut -d '"' -f 4)
}
answer() { if [ "$STATUS" -lt 300 ]; then echo "$STATUS"; else echo "$STATUS${ERROR_CODE:+ $ERROR_CODE}"; fi; }
# check EXPECTED: "accepted (2xx)", or "<status> <error_code>" as the suite compared it.
check() {
  local got; got=$(answer)
  if [ "$1" = 'accepted (2xx)' ] && [ "$STATUS" -ge 200 ] && [ "$STATUS" -lt 300 ] || [ "$got" = "$1" ]; then
    echo "  → $got (as expected)"
  else
    echo "  → $got DIFFERS: expected $1"
    DIFFERS=$((DIFFERS + 1)); [ -n "$FIRST" ] || FIRST="step $STEP: expected $1, got $got"
  fi
}
# settle: waits (at most 15 s) for the target's asynchronous work, as the suite does between steps.
settle() {
  local i
  for i in $(seq 1 150); do
    { curl -s ${TLS[@]+"${TLS[@]}"} -u "$AUTH" "$API/v1/bdbs"; curl -s ${TLS[@]+"${TLS[@]}"} -u "$AUTH" "$API/v1/nodes"; } | tr -d ' \n\r\t' |
      grep -Eq '"status":"(pending|active-change-pending|delete-pending|decommissioning)"' || return 0
    sleep 0.1
  done
}
