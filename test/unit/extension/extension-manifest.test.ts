// The manifest and the code agree: every command registered is contributed (and activates the extension), every view
// the provider serves is declared in the Airlock container, every setting the config reader knows is declared.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { COMMAND_TITLES } from '../../../extension/commands/ids';
import { PARTICIPANT_COMMANDS, PARTICIPANT_ID, VENDOR } from '../../../extension/chat/deps';
import { parseSettings } from '../../../extension/settings';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category: string }[];
    views: Record<string, { id: string; type: string; name: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    configuration: { properties: Record<string, { description?: string; markdownDescription?: string; default: unknown }> };
  };
};

test('every command is contributed with its title under the Airlock category and activates the extension', () => {
  const contributed = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, c]));
  assert.deepEqual(Object.keys(contributed).sort(), Object.keys(COMMAND_TITLES).sort());
  for (const [id, title] of Object.entries(COMMAND_TITLES)) {
    assert.equal(contributed[id]?.title, title);
    assert.equal(contributed[id]?.category, 'Airlock');
    assert.ok(manifest.activationEvents.includes(`onCommand:${id}`), `no activation event for ${id}`);
  }
});

test('the three webview views live in the Airlock activity-bar container with a monochrome icon', () => {
  const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === 'airlock');
  assert.ok(container);
  const svg = readFileSync(path.join(root, container.icon), 'utf8');
  assert.match(svg, /currentColor/);
  assert.doesNotMatch(svg, /#[0-9a-f]{3,6}\b/i, 'the icon must take the theme colour');
  const views = manifest.contributes.views.airlock ?? [];
  assert.deepEqual(views.map((v) => [v.id, v.type, v.name]), [
    ['airlock.chat', 'webview', 'Chat'],
    ['airlock.decisions', 'webview', 'Decisions'],
    ['airlock.policy', 'webview', 'Policy'],
  ]);
  for (const view of views) assert.ok(manifest.activationEvents.includes(`onView:${view.id}`));
  assert.equal(manifest.main, './dist/extension.cjs');
});

test('every setting the reader validates is declared with a description, and the declared defaults are its defaults', () => {
  const declared = manifest.contributes.configuration.properties;
  const { settings } = parseSettings(() => undefined);
  const keys = Object.keys(settings).map((k) => `airlock.${k}`);
  assert.deepEqual(Object.keys(declared).sort(), keys.sort());
  for (const key of keys) assert.ok(declared[key]?.description ?? declared[key]?.markdownDescription, `${key} has no description`);
  const parsedDefaults = parseSettings((k) => declared[`airlock.${k}`]?.default);
  assert.deepEqual(parsedDefaults.problems, []);
  assert.deepEqual(parsedDefaults.settings, settings);
});

test('VS Code chat: the model provider vendor and @airlock with /why, /explain, /policy are declared as the code registers them', () => {
  const chat = (manifest.contributes as unknown as {
    languageModelChatProviders?: { vendor: string; displayName: string }[];
    chatParticipants?: { id: string; name: string; commands: { name: string; description: string }[] }[];
  });
  assert.deepEqual(chat.languageModelChatProviders?.map((p) => p.vendor), [VENDOR]);
  assert.ok(manifest.activationEvents.includes(`onLanguageModelChatProvider:${VENDOR}`));
  const participant = chat.chatParticipants?.find((p) => p.id === PARTICIPANT_ID);
  assert.equal(participant?.name, 'airlock');
  assert.deepEqual(participant?.commands.map((c) => c.name), [...PARTICIPANT_COMMANDS]);
  assert.ok(participant?.commands.every((c) => c.description.length > 10));
});
