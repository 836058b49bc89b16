// WCAG 2.x contrast between two CSS colours as getComputedStyle reports them (`rgb(…)` / `rgba(…)`).

export type Rgba = [number, number, number, number];

export function parseRgb(css: string): Rgba {
  const m = /^rgba?\(([^)]+)\)$/.exec(css.trim());
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  const [r, g, b, a = 1] = m[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
  return [r!, g!, b!, a];
}

/** `top` (possibly translucent) painted over an opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
