// Issue 14: "The parse time cap is wall-clock today, so the language found depends on CPU load (a test got `cpp` for C
// under load): make the cap deterministic." The cap is now by size (code/parse.ts, code/index.ts). This test scans the
// same prompts while other threads keep every core busy and requires the same language as without them. It asserts
// no timing: the contention only makes a wall-clock cap, if one came back, fire.
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { detectCode } from '../../../daemon/detect/code';

const C_PROGRAM = `#include <stdio.h>
#include <stdlib.h>

struct node { int value; struct node *next; };

static struct node *push(struct node *head, int value) {
    struct node *n = malloc(sizeof *n);
    if (n == NULL) { perror("malloc"); exit(1); }
    n->value = value;
    n->next = head;
    return n;
}

int main(void) {
    struct node *list = NULL;
    for (int i = 0; i < 10; i++) list = push(list, i * i);
    for (struct node *p = list; p != NULL; p = p->next) printf("%d\\n", p->value);
    return 0;
}
`;

// Prompts whose tokens leave the language in doubt, so that a parse names it (code/index.ts, nameLanguage), and long
// prompts past the parse sample, where the size budget bounds the work.
const PROMPTS = [
  'let months = ["January", "February", "March", "April", "May", "June", "July",\n  "August", "September", "October", "November", "December"];\n',
  'fn deliver_order() {}\n\nmod back_of_house {\n    fn fix_incorrect_order() {\n        cook_order();\n        super::deliver_order();\n    }\n\n    fn cook_order() {}\n}\n',
  C_PROGRAM.repeat(8),
  'fn main() {\n    let mut total: u64 = 0;\n    for i in 0..10 { total += i * i; }\n    println!("{}", total);\n}\n'.repeat(20),
  'def walk(tree):\n    for node in tree.children:\n        yield node\n        yield from walk(node)\n'.repeat(30),
  'package main\n\nimport "fmt"\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println(i)\n\t}\n}\n'.repeat(15),
];

const languages = () => PROMPTS.map((p) => detectCode(p).language);

/** Threads that spin until told to stop (a shared flag), one per core. */
function spinners(): { stop: () => Promise<void> } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const source = 'const { workerData } = require("node:worker_threads"); const f = new Int32Array(workerData); let x = 0; while (Atomics.load(f, 0) === 0) x++;';
  const workers = Array.from({ length: Math.max(2, availableParallelism()) }, () => new Worker(source, { eval: true, workerData: flag.buffer }));
  return {
    stop: async () => {
      Atomics.store(flag, 0, 1);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

test('the language found is the same with every core busy as without (no wall-clock parse cap)', async () => {
  const quiet = languages();
  assert.deepEqual(quiet, ['javascript', 'rust', 'c', 'rust', 'python', 'go']);
  const load = spinners();
  try {
    for (let round = 0; round < 3; round++) assert.deepEqual(languages(), quiet, `round ${round}`);
  } finally {
    await load.stop();
  }
});
