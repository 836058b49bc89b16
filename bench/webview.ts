// Webview benchmark in headless Chromium: the real bundle against the fake extension host (test/unit/webview-harness.ts).
// Measures, inside the page, (1) from the decision/list response being posted to 10,000 records laid out in the
// virtual list, and (2) from a filter change to the filtered list laid out (host answers at once). Temp files only.
import type { Page } from 'playwright-core';
import { startWebviewHarness } from '../test/unit/webview/webview-harness';
import { percentiles, type BenchResult } from './stats';

const RECORDS = 10_000;
const LOAD_RUNS = 10;
const FILTER_RUNS = 30;

/** Runs in the page: resolves with performance.now() once the list holds `n` records and layout is done. */
function untilRendered(page: Page, n: number): Promise<number> {
  return page.evaluate(
    (expected) =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { __airlockDecisions?: { count(): number } };
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          if (w.__airlockDecisions?.count() === expected && document.querySelector('.vlist-row')) {
            document.body.getBoundingClientRect(); // force style and layout
            resolve(performance.now());
          } else channel.port2.postMessage(0);
        };
        channel.port2.postMessage(0);
      }),
    n,
  );
}

/** Two spans of one initial load: posting the response to layout (includes the structured clone), and receipt to layout. */
async function loadOnce(page: Page, url: string): Promise<{ total: number; render: number }> {
  await page.goto(url);
  const end = await untilRendered(page, RECORDS);
  const [posted, received] = await page.evaluate(() => {
    const host = (window as unknown as { __host: { answeredAt: Record<string, number[]>; receivedAt: number[] } }).__host;
    const at = host.answeredAt['decision/list']![0]!;
    return [at, host.receivedAt.find((t) => t >= at)!];
  });
  return { total: end - posted, render: end - received };
}

async function filterOnce(page: Page, target: string): Promise<number> {
  const expected = await page.evaluate((t) => (window as unknown as { __host: { records(): { route: { target: string } }[] } }).__host.records().filter((r) => r.route.target === t).length, target);
  const start = await page.evaluate((t) => {
    const d = document.querySelector('vscode-dropdown[aria-label="Route target"]') as HTMLElement & { value: string };
    let fired = false;
    d.addEventListener('change', () => (fired = true), { once: true });
    const t0 = performance.now();
    d.value = t;
    if (!fired) d.dispatchEvent(new Event('change'));
    return t0;
  }, target);
  return (await untilRendered(page, expected)) - start;
}

export async function benchWebview(): Promise<BenchResult[]> {
  const h = await startWebviewHarness();
  try {
    const context = await h.browser.newContext({ viewport: { width: 400, height: 800 } });
    const page = await context.newPage();
    const url = h.url('decisions', { count: RECORDS, pageSize: RECORDS });
    const loads: { total: number; render: number }[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) loads.push(await loadOnce(page, url));
    const filters: number[] = [];
    const targets = ['blocked', 'local', 'hosted', 'private'];
    for (let i = 0; i < FILTER_RUNS; i++) filters.push(await filterOnce(page, targets[i % targets.length]!));
    return [
      percentiles(`webview render ${RECORDS} records (received to layout)`, loads.map((l) => l.render)),
      percentiles(`webview deliver+render ${RECORDS} records in one message (posted to layout)`, loads.map((l) => l.total)),
      percentiles(`webview apply route filter over ${RECORDS} (change to layout)`, filters),
    ];
  } finally {
    await h.close();
  }
}
