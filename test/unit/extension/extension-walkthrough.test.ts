// The getting-started walkthrough: every step's media exists, and every command link names a contributed command.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string } }[] }[] };
};

test('the walkthrough covers Ollama, a key, a preset, Explain Routing and another assistant, with working links', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.ok(walkthrough);
  assert.deepEqual(walkthrough.steps.map((s) => s.id), ['ollama', 'key', 'preset', 'explain', 'assistant']);
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const step of walkthrough.steps) {
    assert.ok(step.media.markdown && existsSync(path.join(root, step.media.markdown)), `${step.id}: media ${step.media.markdown}`);
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(command!), `${step.id}: ${command} is contributed`);
  }
});
