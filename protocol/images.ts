// Images in lm/chat (VS Code's chat: image data parts a user or an extension attached). They travel base64 inside the
// one JSON-RPC message, so the limits keep a request with images, and a prompt at its own 10 MiB limit, within the
// 32 MiB WebSocket message limit. The extension checks them before sending (an over-size message would cost the
// connection); airlockd checks them again for any client. Over a limit: AIRLOCK_E_INPUT_TOO_LARGE, nothing sent.
import { AirlockError } from './errors';

/** An image as lm/chat carries it: the media type (`image/png`, …) and the bytes, base64 (no data: URL, no line breaks). */
export interface LmImage {
  mediaType: string;
  data: string;
}

export const LM_IMAGE_LIMITS = {
  /** Images in one request (the whole conversation). */
  maxImages: 20,
  /** One image: 5 MiB of bytes (a large screenshot; as much as Anthropic's API takes per image). */
  maxImageBytes: 5 * 1024 * 1024,
  /** All images of one request together: with a 10 MiB prompt, still under the 32 MiB message limit once base64. */
  maxTotalBytes: 15 * 1024 * 1024,
} as const;

export const IMAGE_MEDIA_TYPE = /^image\/[A-Za-z0-9.+-]{1,100}$/;
/** Standard base64 with padding: what Buffer#toString('base64') writes and every provider takes. (One character
 *  class, no groups: a repeated group overflows the regex engine's stack on a few MiB.) */
export function isBase64(data: string): boolean {
  return data.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(data);
}

/** The byte length of well-formed base64 text. */
export function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return (data.length / 4) * 3 - padding;
}

const bytesText = (n: number) => `${n.toLocaleString('en-US')} bytes`;
const limitText = (n: number) => `${n / 1024 / 1024} MiB (${bytesText(n)})`;

/** Throws AIRLOCK_E_INPUT_TOO_LARGE when the images break a limit of LM_IMAGE_LIMITS, naming the limit. */
export function checkImageLimits(images: readonly LmImage[]): void {
  const { maxImages, maxImageBytes, maxTotalBytes } = LM_IMAGE_LIMITS;
  const tooLarge = (message: string, limit: number, size: number) => new AirlockError('AIRLOCK_E_INPUT_TOO_LARGE', message, { limit, size });
  if (images.length > maxImages) throw tooLarge(`the request holds ${images.length} images; at most ${maxImages} may go with one request`, maxImages, images.length);
  let total = 0;
  images.forEach((image, i) => {
    const bytes = base64Bytes(image.data);
    if (bytes > maxImageBytes) throw tooLarge(`image ${i + 1} is ${bytesText(bytes)}; an image may be at most ${limitText(maxImageBytes)}`, maxImageBytes, bytes);
    total += bytes;
  });
  if (total > maxTotalBytes) throw tooLarge(`the images are ${bytesText(total)} together; at most ${limitText(maxTotalBytes)} may go with one request`, maxTotalBytes, total);
}
