// Images through Airlock in VS Code's own chat, in a real VS Code 1.104 (code-server 4.104.0 + headless Chromium):
// another extension (fixtures/lm-exts/lm-client) sends Airlock's model a message with a LanguageModelDataPart image,
// as Copilot's chat does for an attached screenshot. VS Code's extension host carries it (client side: data part →
// `image_url` part; provider side: back to a LanguageModelDataPart) to Airlock's provider, which hands it to airlockd;
// the image cannot be scanned, so it stays on the local model tagged vision. The simulators record every byte.
// On the way VS Code's workbench decodes every image in the browser (MainThreadLanguageModels' sendChatRequest calls
// its resizeImage on each `image_url` part): one with a side of at most 768 px arrives unchanged, a larger one is
// scaled down and re-encoded as PNG (JPEG for image/jpeg), and bytes the browser cannot decode fail the request in
// VS Code itself (the caller gets a DOM error event), before Airlock's provider is called. So the images here are
// real PNGs at most 768 px wide.
import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { connect } from '../../daemon/server/client';
import { LM_IMAGE_LIMITS } from '../../protocol';
import type { SimHandle } from '../sim/index';
import { screenshot, withVsCode } from './harness/index';
import { daemonUp, generations, lmResults } from './lm-client';
import { startE2eFixture, type E2eFixture } from './fixture';

const repoRoot = resolve(import.meta.dirname, '..', '..');
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const IMAGE_PROMPT = 'What does this diagram show?';
const IMAGE_ANSWER = 'A single white pixel.';
const BIG_PROMPT = 'And this larger screenshot?';
/** A local model tagged vision beside the fixture's llama3.2 (the Ollama simulator serves llama3.2:3b for both). */
const VISION_MODEL = `  - { id: ollama/llama3.2-vision, provider: ollama, model: 'llama3.2:3b', class: local, capabilities: [vision], contextWindow: 131072, price: { inputPerMTok: 0, outputPerMTok: 0 }, latencyMs: 300, tier: 3, terms: { region: local, retentionDays: 0, noTraining: true } }\n`;

/** A black RGBA PNG, its pixel data stored uncompressed: its size is about width × height × 4 bytes. */
function storedPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, not interlaced
  const rows = Buffer.alloc(height * (1 + width * 4)); // each row: filter byte 0, then its pixels
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

interface LmResults {
  models: { id: string; imageToText?: boolean }[];
  answers: { name: string; text?: string; error?: string; skipped?: string }[];
}

let fixture: E2eFixture;
let sims: { ollama: SimHandle; openai: SimHandle; anthropic: SimHandle };

before(async () => {
  fixture = await startE2eFixture('lm-images', { 'README.md': '# scratch\n' });
  sims = fixture.sims;
  appendFileSync(join(fixture.home, 'config.yaml'), VISION_MODEL);
});

after(async () => {
  await fixture.close();
});


test('vscode.lm: an image data part reaches the local vision model (base64 in its request), 0 bytes hosted; the record shows the image; an over-size image is refused in VS Code', { timeout: 240_000 }, async (t) => {
  sims.ollama.script({ kind: 'ok', text: IMAGE_ANSWER });
  // 768 px wide (VS Code passes it on as it is), over the 5 MiB an image may be.
  const BIG_PNG = storedPng(768, 1800);
  assert.ok(BIG_PNG.length > LM_IMAGE_LIMITS.maxImageBytes);
  const requestsFile = join(fixture.workspace, '..', 'lm-requests.json');
  const resultsFile = join(fixture.workspace, '..', 'lm-results.json');
  const env = { ...fixture.env, LM_CLIENT_REQUESTS: requestsFile, LM_CLIENT_RESULTS: resultsFile };
  let skipped: string | undefined;
  await withVsCode({
    name: 'vscode-lm-images', extensionDevelopmentPath: repoRoot, extensionDir: join(import.meta.dirname, 'fixtures', 'lm-exts'),
    workspace: fixture.workspace, env, settings: { 'airlock.daemonPort': fixture.port },
  }, async ({ page }) => {
    await daemonUp(fixture, 60_000);
    writeFileSync(requestsFile, JSON.stringify([
      { name: 'image', prompt: IMAGE_PROMPT, image: { mimeType: 'image/png', base64: PNG } },
      { name: 'too-large', prompt: BIG_PROMPT, image: { mimeType: 'image/png', base64: BIG_PNG.toString('base64') } },
    ]));
    let got: LmResults;
    try {
      got = await lmResults<LmResults>(resultsFile, 150_000);
    } finally {
      await screenshot(page, 'vscode-lm-images');
    }
    const [image, tooLarge] = got.answers;
    skipped = image?.skipped;
    if (skipped) return;
    // Airlock (auto) declares image input (lm/models: the policy keeps an image local, where a model is tagged
    // vision); VS Code reports it to other extensions as supportsImageToText.
    assert.equal(got.models.find((m) => m.id === 'airlock-auto')?.imageToText, true);

    assert.equal(image?.error, undefined, image?.error);
    assert.ok(image?.text?.startsWith(IMAGE_ANSWER), `image answer: ${image?.text}`);
    // The route line's kind is `scan`: the image is the unscanned part that kept the request local.
    assert.match(image?.text ?? '', /Airlock: \[local · [^·]+ · scan\]\(command:airlock\.openDecision/);
    // The local simulator received the image's bytes, base64, with the question; the hosted ones heard nothing.
    const local = generations(sims.ollama).map((r) => JSON.parse(r.body.toString('utf8')) as { messages: { content: string; images?: string[] }[] });
    assert.equal(local.length, 1, 'one generation: the image request (the over-size one never left VS Code)');
    assert.deepEqual(local[0]!.messages.at(-1)!.images, [PNG]);
    assert.ok(local[0]!.messages.at(-1)!.content.includes(IMAGE_PROMPT));
    for (const hosted of [sims.openai, sims.anthropic]) {
      assert.equal(generations(hosted).length, 0);
      assert.ok(!hosted.receivedText().includes(PNG.slice(0, 40)));
    }

    // The over-size image: Airlock's provider refused it before sending, with the code and its documented fix.
    assert.equal(tooLarge?.text, undefined);
    assert.match(tooLarge?.error ?? '', new RegExp(`image 1 is ${BIG_PNG.length.toLocaleString('en-US')} bytes.*\\(AIRLOCK_E_INPUT_TOO_LARGE\\)`));
    assert.ok(!sims.ollama.receivedText().includes(BIG_PROMPT));

    // One record, from VS Code's language-model API: the image counted and signalled, the rule that kept it local,
    // the vision model that answered. (Asked while the window is open: the daemon Airlock started stops with it.)
    const client = await connect({ home: fixture.home, port: fixture.port });
    try {
      const lm = (await client.request('decision/list', { limit: 10 })).records.filter((r) => r.facts.client?.userAgent === 'vscode-lm');
      assert.equal(lm.length, 1);
      const r = lm[0]!;
      assert.equal(r.facts.images, 1);
      assert.ok(r.signals.some((s) => s.kind === 'scan' && s.type === 'image'), 'the image signal');
      assert.equal(r.rule.id, 'unscanned-stays-local');
      assert.equal(r.route.target, 'local');
      assert.equal(r.attempts.at(-1)?.modelId, 'ollama/llama3.2-vision');
    } finally {
      client.close();
    }
  });
  if (skipped) t.skip(skipped);
});
