// Validates a Teams app manifest and its localization files against the official JSON schemas of the manifest's own
// version, shipped offline by @microsoft/app-manifest. Usage: node check.js <folder with manifest.json>
// Prints one JSON line: {"version": "...", "errors": [...]}; exits 1 when anything is invalid.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const folder = process.argv[2];
const schemas = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
const manifest = read(path.join(folder, 'manifest.json'));
const version = manifest.manifestVersion;
const errors = [];

function validate(schemaFile, document, label) {
  const schemaPath = path.join(schemas, `v${version}`, schemaFile);
  if (!fs.existsSync(schemaPath)) {
    errors.push(`${label}: no schema for manifest version ${version} in @microsoft/app-manifest`);
    return;
  }
  // The schemas are draft-04 and use keywords of later drafts ("const"), so not strict; some of their patterns are
  // not valid with JavaScript's unicode flag (an unescaped "]"), so patterns are compiled without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const check = ajv.compile(read(schemaPath));
  if (!check(document)) {
    for (const e of check.errors) errors.push(`${label}${e.instancePath || ''}: ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
  }
}

validate('MicrosoftTeams.schema.json', manifest, 'manifest.json');
for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
  const file = path.join(folder, language.file);
  if (!fs.existsSync(file)) errors.push(`${language.file}: missing`);
  else validate('MicrosoftTeams.Localization.schema.json', read(file), language.file);
}
console.log(JSON.stringify({ version, errors }));
process.exit(errors.length === 0 ? 0 : 1);
