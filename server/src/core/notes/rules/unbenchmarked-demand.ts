// unbenchmarked-demand (notes form): an open issue with a `position` and no `benchmark`. A demand
// backed by an objective standard (market data, comparable deals, law, policy) is a fact to
// answer; one without is a number to haggle over.
//
// The fix adds a `benchmark:` line under the `position:` line, at the same indentation (or fills
// in an empty `benchmark:`): the configured benchmarks first, else a TODO stub, since only the
// author knows which standard is real.

import type { Fix, RawFinding } from '../../types';
import { addPair, columnOf, pairAnchor, pairSpan, setValue } from '../edits';
import { isOpen, quote, type NotesRule } from '../rule';

export const BENCHMARK_STUB = 'TODO: objective standard (market data, comparable deals, law or policy)';

export const unbenchmarkedDemandNotes: NotesRule = {
  id: 'unbenchmarked-demand',
  check({ text, model, options }) {
    const out: RawFinding[] = [];
    const standards = [...new Set((options.benchmarks ?? []).map((b) => b.trim()).filter((b) => b.length > 0))].slice(0, 3);
    for (const issue of model.issues) {
      const position = issue.position;
      if (!position || position.value.trim() === '' || !isOpen(issue)) continue;
      if (issue.benchmark && issue.benchmark.value.trim() !== '') continue;
      // A `benchmark` of the wrong type is the schema's to report; it is not missing.
      if (!issue.benchmark && issue.keys['benchmark']) continue;
      const fixes: Fix[] = [...standards.map((s) => ({ title: `Benchmark: “${quote(s)}”`, value: s })), { title: 'Add a `benchmark:` to fill in', value: BENCHMARK_STUB }].map(
        ({ title, value }, i) => ({
          title,
          edits: [
            issue.benchmark
              ? setValue(text, issue.benchmark, value, issue.flow)
              : addPair(text, issue, pairSpan(position).end, columnOf(text, position.key.start), 'benchmark', value),
          ],
          ...(i === 0 ? { preferred: true } : {}),
        }),
      );
      const name = issue.id ? ` on \`${issue.id.value}\`` : '';
      out.push({
        ...pairAnchor(text, position),
        message: `Our position${name} (“${quote(position.value)}”) has no benchmark; without an objective standard it is only a number to haggle over.`,
        fixes,
      });
    }
    return out;
  },
};
