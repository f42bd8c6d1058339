#!/usr/bin/env bash
# Checks gt against a real bd (beads 1.0.0 or later), end to end, on a scratch town:
#   1. gt init + three rig manifests, then `gt apply` with GT_BD_BIN pointing at the bd under test;
#   2. `bd create` and `bd list` in hq (the town root) and in every rig directory, with no other command;
#   3. `gt diff` exits 0 and the server has no database but the declared ones;
#   4. the town's port changes, `gt apply` moves the server, and step 2 runs again.
# bd runs with BEADS_DOLT_AUTO_START=0 (as Gas Town's agents do), so it never starts a server of its own. The server
# gt started is stopped at the end (gt dolt stop). Exit 0 when every check passed; the log names each one.
#
# Usage: scripts/verify-real-bd.sh /path/to/bd [scratch-dir]
set -uo pipefail

bd_bin=${1:?usage: scripts/verify-real-bd.sh /path/to/bd [scratch-dir]}
bd_bin=$(cd "$(dirname "$bd_bin")" && pwd)/$(basename "$bd_bin")
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=${2:-$(mktemp -d "${TMPDIR:-/tmp}/gt-verify-bd-XXXXXX")}
town="$scratch/town"
rigs=(alpha:al bravo:br charlie:ch)
failures=0

gt() { node "$repo/bin/gt.js" "$@"; }
free_port() {
  local port=3307
  while [ "$port" = 3307 ]; do
    port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  done
  echo "$port"
}
check() { # check <what> <command...>: runs it, logs its output, counts a failure
  local what=$1; shift
  local output
  if output=$("$@" 2>&1); then
    echo "ok      $what"
  else
    echo "FAILED  $what (exit $?)"
    failures=$((failures + 1))
  fi
  printf '%s\n' "$output" | sed 's/^/        | /'
}
bd_in() { # bd_in <dir> <args...>
  local dir=$1; shift
  (cd "$dir" && BEADS_DOLT_AUTO_START=0 "$bd_bin" "$@" </dev/null)
}
create_and_list() { # create_and_list <label>: an issue in hq and in every rig, each listed back
  local label=$1 dir name
  for dir in "$town" "${rigs[@]%%:*}"; do
    [ "$dir" = "$town" ] && name=hq || { name=$dir; dir="$town/$dir"; }
    check "$label: bd create in $name" bd_in "$dir" create "verify $label $name" -t task -p 2
    check "$label: bd list in $name shows it" bash -c "cd '$dir' && BEADS_DOLT_AUTO_START=0 '$bd_bin' list </dev/null | grep -F 'verify $label $name'"
  done
}
set_port() { # the port in daemon.json: env.GT_DOLT_PORT and patrols.dolt_server.port
  node -e '
    const fs = require("fs"); const [path, port] = process.argv.slice(1);
    const daemon = JSON.parse(fs.readFileSync(path, "utf8"));
    daemon.env = { ...daemon.env, GT_DOLT_PORT: port };
    if (daemon.patrols?.dolt_server) daemon.patrols.dolt_server.port = Number(port);
    fs.writeFileSync(path, JSON.stringify(daemon, null, 2) + "\n");
  ' "$town/mayor/daemon.json" "$1"
}

trap 'gt dolt stop --town "$town" >/dev/null 2>&1' EXIT

echo "bd under test: $bd_bin ($("$bd_bin" version))"
echo "scratch town:  $town"
port=$(free_port)
gt init "$town" --port "$port" >/dev/null
rm -f "$town/mayor/rigs.d/example.yaml"
for rig in "${rigs[@]}"; do
  printf 'apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: %s\nspec:\n  prefix: %s\n  ignore: ["wisps", "wisp_*"]\n' \
    "${rig%%:*}" "${rig##*:}" >"$town/mayor/rigs.d/${rig%%:*}.yaml"
done
export GT_BD_BIN="$bd_bin"

check "gt apply on port $port" gt apply --town "$town"
create_and_list "port $port"
check "gt diff exits 0 afterwards" gt diff --town "$town"
check "no database but hq and the rigs" bash -c "node '$repo/bin/gt.js' dolt sql --town '$town' -q 'SHOW DATABASES' | grep -vE 'Database|information_schema|mysql|\\+' | tr -d '| ' | sort | paste -sd, - | grep -Fx 'alpha,bravo,charlie,hq'"

new_port=$(free_port)
set_port "$new_port"
check "gt apply after the port change to $new_port" gt apply --town "$town"
create_and_list "port $new_port"
check "gt diff exits 0 after the port change" gt diff --town "$town"
echo "port files after the change (bd reads them before metadata.json):"
grep -H . "$town/.beads/dolt-server.port" "$town"/*/.beads/dolt-server.port 2>/dev/null | sed 's/^/        /'

echo
if [ "$failures" -eq 0 ]; then echo "every check passed"; else echo "$failures check(s) failed"; fi
exit $((failures > 0))
