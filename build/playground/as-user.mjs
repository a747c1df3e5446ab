// Prints a copy of a .m365agentsplayground.yml in which the person whose first name, full name,
// e-mail or id matches the argument is the playground's `currentUser`: the playground has no way to
// switch the signed-in user while it runs, so build/run.sh --as and the end-to-end tests restart it
// with such a copy (pointed to by M365_AGENTS_PLAYGROUND_CONFIG_PATH).
// The file keeps its layout; the two people's blocks trade places (and the personal chat gets its own id),
// so it stays schema-valid.
import { readFileSync } from 'node:fs';

const [, , configPath, wanted] = process.argv;
if (!configPath || !wanted) {
  console.error('usage: node as-user.mjs <.m365agentsplayground.yml> <name|email|id>');
  process.exit(2);
}

const lines = readFileSync(configPath, 'utf8').split('\n');
const blocks = [];
let current = null;
lines.forEach((line, index) => {
  const currentUser = /^currentUser:\s*$/.test(line);
  const listItem = /^  - (\w+): (.*)$/.exec(line);
  const field = /^( {2}| {4})(\w+): (.*)$/.exec(line);
  if (currentUser) {
    current = { kind: 'current', indent: '  ', fields: new Map(), lines: [] };
    blocks.push(current);
  } else if (listItem && current?.kind !== 'outside') {
    current = { kind: 'user', indent: '    ', fields: new Map([[listItem[1], listItem[2]]]), lines: [index] };
    blocks.push(current);
  } else if (field && current && current.kind !== 'outside' && field[1] === current.indent) {
    current.fields.set(field[2], field[3]);
    current.lines.push(index);
  } else if (/^\S/.test(line) && !/^users:\s*$/.test(line)) {
    // Any other top-level key ends the people section.
    current = { kind: 'outside' };
  }
});

const people = blocks.filter((b) => b.kind === 'current' || b.kind === 'user');
const me = people.find((b) => b.kind === 'current');
const needle = wanted.toLowerCase();
const matches = (b) =>
  ['id', 'name', 'givenName', 'email', 'userPrincipleName', 'aadObjectId'].some(
    (k) => (b.fields.get(k) ?? '').toLowerCase() === needle,
  );
const target = people.find(matches);
if (!me || !target) {
  const names = people.map((b) => b.fields.get('name')).join(', ');
  console.error(`no user "${wanted}" in ${configPath}; the people there are: ${names}`);
  process.exit(1);
}

if (target !== me) {
  const write = (block, fields) => {
    const keys = [...block.fields.keys()];
    block.lines.forEach((lineIndex, i) => {
      const prefix = block.kind === 'user' && i === 0 ? '  - ' : block.indent;
      lines[lineIndex] = `${prefix}${keys[i]}: ${fields.get(keys[i])}`;
    });
  };
  const mine = new Map(me.fields);
  write(me, target.fields);
  write(target, mine);
  // In Teams everyone has their own personal chat with the bot; a shared id would hand one person's
  // unfinished dialog to the next.
  const chat = lines.findIndex((line) => /^personalChat:\s*$/.test(line));
  const id = chat >= 0 ? /^  id: (.*)$/.exec(lines[chat + 1] ?? '') : null;
  if (id) {
    lines[chat + 1] = `  id: ${id[1]}-${target.fields.get('id')}`;
  }
}
process.stdout.write(lines.join('\n'));
