import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectCode } from '../../../daemon/detect/code';

const SNIPPETS: Record<string, string> = {
  typescript: `interface User {
  id: number;
  name: string;
}

export function greet(user: User): string {
  const prefix: string = user.id > 0 ? 'Hello' : 'Hi';
  return \`\${prefix}, \${user.name}\`;
}`,
  javascript: `const express = require('express');
const app = express();

app.get('/health', (req, res) => {
  console.log('health check');
  res.json({ ok: true });
});

app.listen(3000);`,
  python: `import os
from pathlib import Path

def list_sources(root: str) -> list[str]:
    """Return every Python file below root."""
    result = []
    for path in Path(root).rglob("*.py"):
        if not path.name.startswith("_"):
            result.append(str(path))
    return result`,
  go: `package main

import "fmt"

func sum(values []int) int {
	total := 0
	for _, v := range values {
		total += v
	}
	return total
}

func main() {
	fmt.Println(sum([]int{1, 2, 3}))
}`,
  rust: `use std::collections::HashMap;

fn word_counts(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}`,
  java: `package com.example.billing;

import java.util.List;

public class InvoiceService {
    private final List<Invoice> invoices;

    public InvoiceService(List<Invoice> invoices) {
        this.invoices = invoices;
    }

    @Override
    public String toString() {
        return "InvoiceService(" + invoices.size() + ")";
    }
}`,
  csharp: `using System;
using System.Collections.Generic;

namespace Shop.Orders
{
    public class Order
    {
        public int Id { get; set; }
        public List<string> Items { get; } = new List<string>();

        public void Print()
        {
            Console.WriteLine($"Order {Id}: {Items.Count} items");
        }
    }
}`,
  c: `#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    char *buffer = malloc(64);
    if (buffer == NULL) {
        return 1;
    }
    printf("%d arguments\\n", argc);
    free(buffer);
    return 0;
}`,
  cpp: `#include <iostream>
#include <vector>

namespace geometry {
template <typename T>
class Stack {
public:
    void push(const T& value) { items_.push_back(value); }
private:
    std::vector<T> items_;
};
}

int main() {
    std::cout << "ready" << std::endl;
}`,
  ruby: `require 'json'

class ReportBuilder
  attr_reader :rows

  def initialize(rows)
    @rows = rows
  end

  def to_json
    rows.each do |row|
      puts row[:name]
    end
  end
end`,
  php: `<?php
namespace App\\Http;

class UserController
{
    public function show($id)
    {
        $user = $this->repository->find($id);
        echo json_encode($user);
    }
}`,
  bash: `#!/usr/bin/env bash
set -euo pipefail

for file in "$@"; do
  if [[ -f "$file" ]]; then
    echo "compressing $file"
    gzip -k "$file"
  fi
done`,
  json: `{
  "name": "billing-service",
  "version": "2.1.0",
  "dependencies": {
    "express": "^4.19.0",
    "pg": "^8.11.3"
  },
  "private": true
}`,
};

for (const [language, snippet] of Object.entries(SNIPPETS)) {
  test(`pasted ${language} is code in ${language}`, () => {
    const summary = detectCode(snippet);
    assert.equal(summary.isCode, true);
    assert.equal(summary.language, language);
    assert.ok(summary.share > 0.9, `share ${summary.share}`);
  });
}

const PROSE = [
  'Can you explain the difference between a process and a thread, and when I should prefer one over the other?',
  'We deployed the new API gateway yesterday. Latency went up after the database migration, and the cache hit rate dropped. What should we look at first?',
  'Here is what I want the function to do:',
  'Before the release we need to:\n- update the changelog\n- bump the version in the manifest\n- tag the commit and push it',
  'My name is Clara Jensen and I live at 14 Harbour Road, Dublin. Please update my billing address.',
  'The `useEffect` hook runs after render; use `useMemo` when the value is expensive.',
];

for (const text of PROSE) {
  test(`prose is not code: ${text.slice(0, 40)}`, () => {
    const summary = detectCode(text);
    assert.equal(summary.isCode, false);
    assert.equal(summary.language, null);
    assert.equal(summary.share, 0);
    assert.deepEqual(summary.regions, []);
  });
}

test('mixed prompt: a fenced block and an unfenced pasted function are two regions at the right offsets', () => {
  const fencedBody = 'def area(r):\n    return 3.14159 * r * r';
  const pasted = 'function total(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}';
  const text = `Why does this return the wrong value?\n\n\`\`\`python\n${fencedBody}\n\`\`\`\n\nAnd this one throws on empty carts:\n\n${pasted}\n\nThanks a lot for looking!`;
  const summary = detectCode(text);
  assert.equal(summary.regions.length, 2);
  const [fenced, unfenced] = summary.regions;
  assert.deepEqual(fenced, { start: text.indexOf(fencedBody), end: text.indexOf(fencedBody) + fencedBody.length, language: 'python', fenced: true });
  assert.deepEqual(unfenced, { start: text.indexOf(pasted), end: text.indexOf(pasted) + pasted.length, language: 'javascript', fenced: false });
  assert.equal(summary.isCode, true);
  assert.ok(summary.share > 0.4 && summary.share < 0.9, `share ${summary.share}`);
});

test('fence aliases name the language: ts, rs, sh', () => {
  const text = '```ts\nconst n: number = 1;\n```\n\n```rs\nlet n: u32 = 1;\n```\n\n```sh\nexport PATH="$HOME/bin:$PATH"\n```';
  assert.deepEqual(detectCode(text).regions.map((r) => r.language), ['typescript', 'rust', 'bash']);
});

test('unfenced TOML is code of unknown language', () => {
  const toml = '[package]\nname = "ledger"\nversion = "0.3.1"\nedition = "2021"\n\n[dependencies]\nserde = { version = "1", features = ["derive"] }';
  const summary = detectCode(toml);
  assert.equal(summary.isCode, true);
  assert.equal(summary.regions[0]?.language, 'unknown');
  assert.equal(summary.language, null);
});

test('unfenced SQL is code', () => {
  const sql = 'SELECT c.id, c.email, SUM(o.total) AS revenue\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= NOW() - INTERVAL 30 DAY\nGROUP BY c.id, c.email\nORDER BY revenue DESC;';
  assert.equal(detectCode(sql).isCode, true);
});

test('a fence tagged with a language without grammar keeps the tag as its language', () => {
  const text = 'Is this config right?\n\n```yaml\nservices:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n```';
  const summary = detectCode(text);
  assert.equal(summary.language, 'yaml');
  assert.equal(summary.regions[0]?.fenced, true);
});

test('empty and blank input', () => {
  for (const text of ['', '   \n\n\t ']) assert.deepEqual(detectCode(text), { isCode: false, language: null, share: 0, regions: [] });
});

test('a single short identifier in a fence is not meaningful code', () => {
  assert.equal(detectCode('Rename it to\n```\nfoo\n```').isCode, false);
});

test('huge input finishes and still finds the code', () => {
  const paragraph = 'The team reviewed the quarterly plan and agreed to move the launch by two weeks so that support can prepare.\n\n';
  const code = 'fn checksum(data: &[u8]) -> u32 {\n    data.iter().fold(0u32, |acc, b| acc.wrapping_add(*b as u32))\n}\n\n';
  const text = (paragraph.repeat(20) + code).repeat(500); // about 1.2 MB
  const summary = detectCode(text);
  assert.equal(summary.isCode, true);
  assert.equal(summary.regions.length, 500);
  assert.equal(summary.regions[0]?.language, 'rust');
  assert.ok(summary.share > 0 && summary.share < 0.2);
});
