// Route badges and chips meet WCAG AA (4.5:1) in light, dark and high-contrast themes, measured from the colours the
// real webview bundle renders (headless Chromium), and say their route by text and an icon, not colour alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { contrastRatio, over, parseRgb, type Rgba } from '../../helpers/contrast';
import { startWebviewHarness, type WebviewHarness } from './webview-harness';

let h: WebviewHarness;
before(async () => {
  h = await startWebviewHarness();
});
after(async () => h?.close());

test('the contrast formula: black on white is 21:1, #767676 on white just passes AA, translucency is composited', () => {
  assert.equal(contrastRatio(parseRgb('rgb(0, 0, 0)'), parseRgb('rgb(255, 255, 255)')), 21);
  const grey = contrastRatio(parseRgb('rgb(118, 118, 118)'), parseRgb('rgb(255, 255, 255)'));
  assert.ok(grey > 4.5 && grey < 4.6, String(grey));
  assert.deepEqual(over(parseRgb('rgba(0, 0, 0, 0.5)'), parseRgb('rgb(255, 255, 255)')), [127.5, 127.5, 127.5, 1]);
});

interface Sample { route: string; color: string; layers: string[]; icon: string; text: string }

for (const theme of ['light', 'dark', 'hc']) {
  test(`badges meet AA contrast in the ${theme} theme and carry an icon and text`, async () => {
    const page = await h.open('decisions', { count: 60, theme });
    await page.locator('.vlist-row .chip').first().waitFor();
    const samples: Sample[] = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.chip, .route-badge')).map((e) => {
      const layers: string[] = [];
      for (let n: HTMLElement | null = e; n; n = n.parentElement) layers.push(getComputedStyle(n).backgroundColor);
      layers.push(getComputedStyle(document.documentElement).backgroundColor);
      return {
        route: Array.from(e.classList).find((c) => /^(chip|route)-(?!badge)/.test(c)) ?? '',
        color: getComputedStyle(e).color,
        layers,
        icon: getComputedStyle(e, '::before').content,
        text: e.textContent ?? '',
      };
    }));
    const routes = new Set(samples.map((s) => s.route.replace(/^(chip|route)-/, '')));
    for (const route of ['local', 'hosted', 'blocked']) assert.ok(routes.has(route), `${theme}: a ${route} chip is on screen (${[...routes].join(',')})`);
    const tooLow = samples.flatMap((s) => {
      // The background the text sits on: every translucent layer composited over the first opaque one (white if none).
      let bg: Rgba = [255, 255, 255, 1];
      const parsed = s.layers.map(parseRgb);
      const opaque = parsed.findIndex((c) => c[3] === 1);
      for (const layer of parsed.slice(0, opaque === -1 ? parsed.length : opaque + 1).reverse()) bg = over(layer, bg);
      const ratio = contrastRatio(parseRgb(s.color), bg);
      return ratio >= 4.5 ? [] : [`${s.route} "${s.text}": ${s.color} on rgb(${bg.slice(0, 3).join(',')}) is ${ratio.toFixed(2)}:1`];
    });
    assert.deepEqual([...new Set(tooLow.map((t) => t.replace(/ ".*?"/, '')))], [], `${theme}: below AA`);
    for (const s of samples) {
      assert.notEqual(s.icon, 'none', `${theme} ${s.route} has an icon`);
      assert.match(s.text, /^(local|hosted|private|blocked)\b/, 'the route is in the text');
    }
    await page.context().close();
  });
}
