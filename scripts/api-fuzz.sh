#!/usr/bin/env bash
# Fuzzes the JSON API with schemathesis against its own OpenAPI document: loads a small demo,
# issues an API token for `admin`, serves on 127.0.0.1 and runs every documented operation
# with generated valid and invalid input. Fails on any server error (5xx), any answer whose
# status, content type or body the document does not describe.
#
#   scripts/api-fuzz.sh [BINARY]                 (default .build/debug/resettle; builds nothing)
#   API_FUZZ_EXAMPLES=40 API_FUZZ_SECONDS=180 API_FUZZ_PEOPLE=2000 scripts/api-fuzz.sh   (the defaults)
#
# The run is bounded: at most API_FUZZ_EXAMPLES cases per operation and phase, and
# API_FUZZ_SECONDS in all. The server log is printed when the run fails.
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/serve.sh"
resettle_binary "${1:-.build/debug/resettle}"
examples="${API_FUZZ_EXAMPLES:-40}"
seconds="${API_FUZZ_SECONDS:-180}"
people="${API_FUZZ_PEOPLE:-2000}"
command -v schemathesis >/dev/null || { echo "schemathesis is not installed (pip install schemathesis)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 2; }

scratch api-fuzz

# SQLite in its own directory: never a DATABASE_URL from the caller's shell.
unset DATABASE_URL
export RESETTLE_DATA="$work/data"
mkdir -p "$RESETTLE_DATA"

start=$(date +%s)
run() { "$binary" "$@" >>"$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; exit 1; }; }
run demo --people "$people"
# A locked roll with a bank result (everyone paid but the first, whose payment failed), and a
# draft roll, so that the payment operations have records to find.
run payment generate --period 2022Q3 --as county
run payment approve --period 2022Q3 --as leader
run payment export --period 2022Q3 --as county --out "$work/2022Q3.csv"
python3 - "$work/2022Q3.csv" "$work/bank.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    w = csv.writer(out)
    w.writerow(["身份证号", "姓名", "银行卡号", "金额", "状态", "失败原因"])
    for i, r in enumerate(rows):
        w.writerow([r["身份证号"], r["姓名"], r["银行卡号"], r["金额"], "失败" if i == 0 else "成功", "账户已销户" if i == 0 else ""])
PY
run payment result --period 2022Q3 --as county --file "$work/bank.csv"
run payment generate --period 2022Q4 --as county
token="$("$binary" user token admin 2>>"$work/setup.log" | tail -n1)"
[[ -n "$token" ]] || { cat "$work/setup.log" >&2; echo "no API token issued" >&2; exit 1; }
echo "demo of $people people, two rolls and a bank result loaded, token issued in $(( $(date +%s) - start )) s" >&2

serve
curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/people?per_page=1" >/dev/null \
  || { echo "the token is not accepted by /api/v1/people" >&2; exit 1; }

# Real record ids for the path parameters and the person of a new change, used for most
# generated cases so that the operations get past "not found" to their own rules.
python3 - "$base/api/v1" "$token" "$work/schemathesis.toml" <<'PY'
import json, sys, urllib.request
base, token, out = sys.argv[1:]
def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req))
people = get("/people?per_page=40")["items"] + get("/people?per_page=20&status=reduced")["items"]
changes = get("/changes?per_page=30")["items"] + get("/changes?status=open")["items"]
rolls = get("/rolls")["items"]
results = [r["id"] for roll in rolls for r in get("/rolls/%s/results" % roll["id"])["items"]]
values = {
    "person": [p["id"] for p in people] + [p["id_number"] for p in people],
    "household": sorted({get("/people/" + p["id"])["household_id"] for p in people[:15]}),
    "change": [c["id"] for c in changes],
    "roll": [r["id"] for r in rolls],
    "result": results,
}
uses = [
    ("getPerson", "path.id", "person"), ("createChange", "body.person", "person"), ("getHousehold", "path.id", "household"),
    ("getChange", "path.id", "change"), ("actOnChange", "path.id", "change"), ("getRoll", "path.id", "roll"),
    ("approveRoll", "path.id", "roll"), ("listBankResults", "path.id", "roll"), ("getReconciliation", "path.id", "result"),
]
with open(out, "w") as f:
    f.write("[cache]\nenabled = false\n\n")
    for name, items in values.items():
        assert items, "no %s records to fuzz with" % name
        f.write("[dictionaries.%s]\nvalues = %s\n\n" % (name, json.dumps(items)))
    for operation, parameter, name in uses:
        f.write('[[operations]]\ninclude-operation-id = "%s"\nparameters = { "%s" = { dictionary = "%s", probability = 0.8 } }\n\n'
                % (operation, parameter, name))
PY

started=$(date +%s)
status=0
cd "$work"
schemathesis --config-file "$work/schemathesis.toml" run "$base/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "$examples" \
  --max-time "$seconds" \
  --request-timeout 30 \
  --workers 1 \
  --seed 20260101 \
  --generation-database none \
  --no-color || status=$?
echo "schemathesis ran $(( $(date +%s) - started )) s and exited $status" >&2
if [[ $status -ne 0 ]]; then
  echo "--- server log (last 60 lines)" >&2
  tail -n 60 "$work/server.log" >&2
fi
exit $status
