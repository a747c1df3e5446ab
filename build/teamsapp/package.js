// Writes the Teams app package: manifest.json with the bot's app id (as the app id, the bot id and the message
// extension's bot id) and the web app's host name in validDomains, its localization files and the two icons.
// Usage: node package.js <app id> <web app host name> <output zip>
'use strict';
const fs = require('fs');
const path = require('path');
const { zip } = require('./png');

const [appId, domain, output] = process.argv.slice(2);
if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(appId ?? '')) {
  console.error(`the app id must be a GUID (the bot's app id, output botAppId of the deployment), got: ${appId}`);
  process.exit(2);
}
const source = path.join(__dirname, '..', '..', 'deploymentTemplates', 'teams-app');
const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.json'), 'utf8'));
manifest.id = appId;
for (const bot of manifest.bots) bot.botId = appId;
for (const extension of manifest.composeExtensions) extension.botId = appId;
if (domain) manifest.validDomains = [domain];
const files = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n') }];
for (const language of manifest.localizationInfo.additionalLanguages) files.push({ name: language.file, data: fs.readFileSync(path.join(source, language.file)) });
for (const icon of [manifest.icons.color, manifest.icons.outline]) files.push({ name: icon, data: fs.readFileSync(path.join(source, icon)) });
fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
fs.writeFileSync(output, zip(files));
console.log(path.resolve(output));
