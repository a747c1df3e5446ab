// Draws the Teams app icons into deploymentTemplates/teams-app: color.png (192×192, the accent colour with a white
// speech bubble) and outline.png (32×32, a white bubble outline on a transparent background, as Teams requires).
// Run again after changing the drawing: node build/teamsapp/icons.js
'use strict';
const fs = require('fs');
const path = require('path');
const { png } = require('./png');

const out = path.join(__dirname, '..', '..', 'deploymentTemplates', 'teams-app');
const accent = [0x0f, 0x6c, 0xbd, 255];
const white = [255, 255, 255, 255];
const clear = [0, 0, 0, 0];

// A rounded bubble with a tail, in a unit square: inside(u, v) for 0..1 coordinates.
function insideBubble(u, v, inset) {
  const left = 0.18 + inset, right = 0.82 - inset, top = 0.22 + inset, bottom = 0.68 - inset, r = 0.12;
  const cx = Math.min(Math.max(u, left + r), right - r), cy = Math.min(Math.max(v, top + r), bottom - r);
  const inBox = u >= left && u <= right && v >= top && v <= bottom && (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
  // The tail: a triangle below the bubble's lower left.
  const tail = inset === 0 && v > bottom - 0.01 && v < 0.84 && u > 0.3 && u < 0.3 + (0.84 - v) * 0.9;
  return inBox || tail;
}

fs.writeFileSync(path.join(out, 'color.png'), png(192, 192, (x, y) => (insideBubble((x + 0.5) / 192, (y + 0.5) / 192, 0) ? white : accent)));
fs.writeFileSync(path.join(out, 'outline.png'), png(32, 32, (x, y) => {
  const u = (x + 0.5) / 32, v = (y + 0.5) / 32;
  return insideBubble(u, v, 0) && !insideBubble(u, v, 0.07) ? white : clear;
}));
console.log('wrote color.png and outline.png to ' + out);
