// "Did you mean ...?" for keys, enum values and issue ids. A suggestion becomes a quick fix only
// when it is unambiguous: a single closest candidate within two edits, compared case-insensitively,
// so `benchmak` → `benchmark`, `must have` → `must-have`, `hgh` → `high`, `Tradeable` → `tradeable`.

export const MAX_DISTANCE = 2;

/** Levenshtein distance, with a cut-off: returns `limit + 1` as soon as it is exceeded. */
export function editDistance(a: string, b: string, limit = MAX_DISTANCE): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The single closest candidate within MAX_DISTANCE edits, or undefined when none or a tie. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.trim().toLowerCase();
  let best: string | undefined;
  let bestD = MAX_DISTANCE + 1;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
      tie = false;
    } else if (d === bestD) {
      tie = true;
    }
  }
  return best !== undefined && !tie && bestD <= MAX_DISTANCE ? best : undefined;
}
