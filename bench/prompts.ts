// Deterministic mixed prompts for benchmarks: prose, a fenced code block, pasted code and one secret,
// repeated to the wanted size. Written here (not taken from the corpora) so sizes scale freely.
const PROSE = [
  'I am trying to understand why the nightly export job slows down after the first few thousand rows.',
  'The service reads orders from the queue, enriches them with customer data and writes a CSV to object storage.',
  'Could you suggest a way to batch the lookups so the database is not hit once per row?',
  'We also saw the memory climb steadily, which makes me think something holds on to the parsed rows.',
];

const CODE = `\`\`\`ts
export async function exportOrders(queue: Queue, db: Db, out: Writable): Promise<number> {
  let written = 0;
  for await (const batch of queue.batches(500)) {
    const customers = await db.customers.findMany({ where: { id: { in: batch.map((o) => o.customerId) } } });
    const byId = new Map(customers.map((c) => [c.id, c]));
    for (const order of batch) {
      out.write(toCsvRow(order, byId.get(order.customerId)));
      written++;
    }
  }
  return written;
}
\`\`\``;

const PASTED = `def retry(fn, attempts=3, delay=0.5):
    for i in range(attempts):
        try:
            return fn()
        except TimeoutError:
            time.sleep(delay * 2 ** i)
    raise RuntimeError("gave up")`;

// Assembled at run time so no literal credential sits in the repository.
const SECRET = `export AWS_SECRET_ACCESS_KEY=${['q8Hc2Lw9TzR4', 'nB7vX1mK5pJ3', 'yF6dG0sA2eU4iO8'].join('/')}`;

export function mixedPrompt(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const piece = i % 5 === 0 ? CODE : i % 5 === 2 ? PASTED : PROSE[i % PROSE.length]!;
    parts.push(piece);
    size += piece.length + 2;
  }
  const at = Math.floor(parts.length / 2);
  parts.splice(at, 0, SECRET);
  return parts.join('\n\n').slice(0, bytes);
}
