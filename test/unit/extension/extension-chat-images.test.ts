// Images in VS Code's chat, the VS Code-free parts: image data parts (whatever class VS Code hands over, recognised by
// shape) become lm/chat's base64 images on the turn that carried them; the size limits are one shared check (extension
// before sending, daemon for any client); lm/chat's params take only well-formed images; an entry declares image
// input only when lm/models says so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toTurns } from '../../../extension/chat/messages';
import { capabilitiesOf, OFFLINE_MODELS } from '../../../extension/chat/models';
import { AirlockError, base64Bytes, checkImageLimits, clientRequests, LM_IMAGE_LIMITS } from '../../../protocol';

/** A 1×1 PNG. */
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const png = () => new Uint8Array(Buffer.from(PNG_B64, 'base64'));

test('an image data part goes with its turn as base64; other data parts stay behind; a view is read at its offset', () => {
  // VSBuffer hands over a view into a larger buffer: only the view's bytes are the image.
  const padded = new Uint8Array(png().length + 8);
  padded.set(png(), 4);
  const view = padded.subarray(4, 4 + png().length);
  const turns = toTurns([
    { role: 1, content: [{ value: 'What does this diagram show?' }, { mimeType: 'image/png', data: png() }, { mimeType: 'IMAGE/JPEG', data: view }, { mimeType: 'application/json', data: new TextEncoder().encode('{"a":1}') }] },
    { role: 2, content: [{ value: 'A single pixel.' }] },
  ]);
  assert.deepEqual(turns, [
    // The second is declared JPEG but its bytes are PNG (VS Code re-encodes on the way): the bytes say what it is.
    { role: 'user', text: 'What does this diagram show?', images: [{ mediaType: 'image/png', data: PNG_B64 }, { mediaType: 'image/png', data: PNG_B64 }] },
    { role: 'assistant', text: 'A single pixel.' },
  ]);
});

test('the media type is the bytes\' when they have a known signature, else the declared one (lower case)', () => {
  const typeOf = (bytes: Uint8Array, mimeType: string) => toTurns([{ role: 1, content: [{ mimeType, data: bytes }] }])[0]!.images![0]!.mediaType;
  assert.equal(typeOf(png(), 'image/gif'), 'image/png');
  assert.equal(typeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'image/png'), 'image/jpeg');
  assert.equal(typeOf(Buffer.from('GIF89a\x01\x00', 'latin1'), 'image/png'), 'image/gif');
  assert.equal(typeOf(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'), 'image/png'), 'image/webp');
  assert.equal(typeOf(Buffer.from('BM\x00\x00', 'latin1'), 'IMAGE/BMP'), 'image/bmp');
});

test('a message that is only an image is still a turn; an image in a tool result goes on the tool turn', () => {
  const turns = toTurns([
    { role: 1, content: [{ mimeType: 'image/png', data: png() }] },
    { role: 2, content: [{ callId: 'c1', name: 'screenshot', input: {} }] },
    { role: 1, content: [{ callId: 'c1', content: [{ value: 'the screen:' }, { mimeType: 'image/png', data: Buffer.from(PNG_B64, 'base64') }] }, { value: 'Is the button visible?' }] },
  ]);
  assert.deepEqual(turns, [
    { role: 'user', text: '', images: [{ mediaType: 'image/png', data: PNG_B64 }] },
    { role: 'assistant', text: 'screenshot({})' },
    { role: 'user', text: 'Is the button visible?' },
    { role: 'tool', text: 'the screen:', images: [{ mediaType: 'image/png', data: PNG_B64 }] },
  ]);
  // A tool result that is only an image still makes the tool turn.
  assert.deepEqual(toTurns([{ role: 1, content: [{ callId: 'c2', content: [{ mimeType: 'image/png', data: png() }] }] }]), [
    { role: 'tool', text: '', images: [{ mediaType: 'image/png', data: PNG_B64 }] },
  ]);
});

test('image limits: count, one image and all together, each refused with AIRLOCK_E_INPUT_TOO_LARGE naming the limit', () => {
  const { maxImages, maxImageBytes, maxTotalBytes } = LM_IMAGE_LIMITS;
  const ofBytes = (n: number) => ({ mediaType: 'image/png', data: Buffer.alloc(n).toString('base64') });
  for (const n of [0, 1, 2, 3, 4, 5, 1000]) assert.equal(base64Bytes(Buffer.alloc(n).toString('base64')), n);
  const tooLarge = (images: { mediaType: string; data: string }[], message: RegExp) => assert.throws(() => checkImageLimits(images),
    (err: unknown) => err instanceof AirlockError && err.code === 'AIRLOCK_E_INPUT_TOO_LARGE' && message.test(err.message));
  checkImageLimits([]);
  checkImageLimits([ofBytes(maxImageBytes)]);
  checkImageLimits(Array.from({ length: maxImages }, () => ofBytes(10)));
  tooLarge([ofBytes(maxImageBytes + 1)], /image 1 is 5,242,881 bytes; an image may be at most 5 MiB \(5,242,880 bytes\)/);
  tooLarge(Array.from({ length: maxImages + 1 }, () => ofBytes(10)), /21 images; at most 20/);
  const parts = Math.floor(maxTotalBytes / maxImageBytes);
  checkImageLimits(Array.from({ length: parts }, () => ofBytes(maxImageBytes)));
  tooLarge([...Array.from({ length: parts }, () => ofBytes(maxImageBytes)), ofBytes(1)], /15,728,641 bytes together; at most 15 MiB/);
});

test('lm/chat params: an image is a media type image/… and padded base64; a data: URL, a URL or a non-image is refused', () => {
  const schema = clientRequests['lm/chat'];
  const params = (image: unknown) => ({ requestId: 'r', facts: { source: 'chat', interactive: true }, messages: [{ role: 'user', text: 'Describe it.', images: [image] }] });
  assert.equal(schema.safeParse(params({ mediaType: 'image/png', data: PNG_B64 })).success, true);
  for (const bad of [
    { mediaType: 'image/png', data: `data:image/png;base64,${PNG_B64}` },
    { mediaType: 'image/png', data: 'https://example.org/cat.png' },
    { mediaType: 'image/png', data: PNG_B64.slice(0, -1) },
    { mediaType: 'text/plain', data: PNG_B64 },
    { mediaType: 'image/png' },
  ]) {
    const parsed = schema.safeParse(params(bad));
    assert.equal(parsed.success, false, JSON.stringify(bad).slice(0, 80));
    assert.deepEqual(parsed.error!.issues[0]!.path.slice(0, 3), ['messages', 0, 'images']);
  }
});

test('capabilities: image input only when lm/models says the policy serves it; an older daemon that does not say, none', () => {
  const entry = { id: 'airlock-auto', name: 'Airlock (auto)', toolCalling: true, maxInputTokens: 1000 };
  assert.deepEqual(capabilitiesOf({ ...entry, imageInput: true }), { imageInput: true, toolCalling: true });
  assert.deepEqual(capabilitiesOf({ ...entry, imageInput: false }), { imageInput: false, toolCalling: true });
  assert.deepEqual(capabilitiesOf(entry), { imageInput: false, toolCalling: true });
  assert.deepEqual(OFFLINE_MODELS.map(capabilitiesOf), [{ imageInput: false, toolCalling: false }]);
});
