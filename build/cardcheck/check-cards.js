// Validates Adaptive Card JSON files with the official library, as Teams' renderer would parse them.
// Usage: node check-cards.js card1.json [card2.json ...]
// Prints one JSON line per card: {"file", "parseEvents": [...], "validationEvents": [...]}; exits 0.
"use strict";
const fs = require("fs");
const AC = require("adaptivecards/dist/adaptivecards.js");

for (const file of process.argv.slice(2)) {
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const parseEvents = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    parseEvents.push({ phase: e.phase, event: e.event, message: e.message });
  }
  const validation = card.validateProperties();
  const validationEvents = [];
  for (const e of validation.validationEvents) {
    validationEvents.push({ phase: e.phase, event: e.event, message: e.message });
  }
  process.stdout.write(JSON.stringify({ file, parseEvents, validationEvents }) + "\n");
}
