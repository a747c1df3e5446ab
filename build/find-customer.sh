#!/usr/bin/env bash
# Tries the compose-box customer search against a running PartnerBot (build/run.sh) over HTTP, the way
# Teams calls it: a composeExtension/query invoke. Prints each result line as Teams would list it.
#
#   build/find-customer.sh "contso"                        # as Alex Wilber (Sales agent), in English
#   build/find-customer.sh --as patti "contoso"            # as Patti Fernandez (no role): an explanation, no data
#   build/find-customer.sh --locale pl-PL "zuraw"          # Polish answers
#   build/find-customer.sh ""                              # the first view: your recently used customers
#
# PARTNERBOT_URL overrides the bot's address (default http://localhost:3978).
set -euo pipefail
url="${PARTNERBOT_URL:-http://localhost:3978}"
person="alex"
locale="en-US"
while [[ $# -gt 1 ]]; do
  case "$1" in
    --as) person="$2"; shift 2 ;;
    --locale) locale="$2"; shift 2 ;;
    *) echo "usage: $0 [--as alex|megan|adele|isaiah|patti|lynne] [--locale en-US|pl-PL] <words>" >&2; exit 2 ;;
  esac
done
query="${1-}"

# The demo staff's ids, as in .m365agentsplayground.yml.
case "${person,,}" in
  alex*) id=20; name="Alex Wilber" ;;
  megan*) id=21; name="Megan Bowen" ;;
  adele*) id=22; name="Adele Vance" ;;
  isaiah*) id=23; name="Isaiah Langer" ;;
  patti*) id=24; name="Patti Fernandez" ;;
  lynne*) id=25; name="Lynne Robbins" ;;
  *) echo "unknown person: $person" >&2; exit 2 ;;
esac

PERSON_ID="00000000-0000-0000-0000-00000000000$id" PERSON_NAME="$name" LOCALE="$locale" QUERY="$query" node -e '
const tenant = "00000000-0000-0000-0000-0000000000001";
const parameters = process.env.QUERY === "" ? [{ name: "initialRun", value: "true" }] : [{ name: "query", value: process.env.QUERY }];
process.stdout.write(JSON.stringify({
  type: "invoke", name: "composeExtension/query", id: "find-" + Date.now(), channelId: "msteams",
  serviceUrl: "http://localhost/", locale: process.env.LOCALE,
  from: { id: "29:" + process.env.PERSON_ID, name: process.env.PERSON_NAME, aadObjectId: process.env.PERSON_ID },
  recipient: { id: "28:partnerbot", name: "PartnerBot" },
  conversation: { id: "19:try-the-search@thread.tacv2", conversationType: "channel", tenantId: tenant },
  channelData: { tenant: { id: tenant } },
  value: { commandId: "findCustomer", parameters, queryOptions: { skip: 0, count: 10 } },
}));' | curl -fsS -H 'Content-Type: application/json' --data-binary @- "$url/api/messages" | node -e '
let body = ""; process.stdin.on("data", d => body += d).on("end", () => {
  const result = JSON.parse(body).composeExtension;
  if (result.type !== "result") { console.log(result.text); return; }
  for (const a of result.attachments) {
    const c = a.preview.content;
    console.log(`${c.title}\n    ${c.subtitle}\n    ${c.text}`);
  }
});'
