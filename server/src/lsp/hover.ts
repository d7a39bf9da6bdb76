// Hover on a finding: what was found, the principle it breaks, a before/after example and a link
// to the rule's documentation.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { ruleById } from '../core/rules/index';
import type { Finding } from '../core/types';
import type { DocumentAnalysis } from './analysis';
import { docsUrl } from './convert';
import { cancelled, type ServerContext } from './context';
import { guarded } from './errors';
import { notesHover } from './notesView';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(
    guarded('textDocument/hover', ctx.logError, async (params: HoverParams, token) => {
      if (token.isCancellationRequested) throw cancelled();
      const analysis = await ctx.analyses.get(params.textDocument.uri);
      if (token.isCancellationRequested) throw cancelled();
      if (!analysis) return null;
      const offset = analysis.lines.offsetAt(params.position);
      const finding = hoverAt(analysis, offset, ctx.client().hoverMarkdown);
      if (finding || analysis.kind !== 'notes') return finding;
      return notesHover(analysis.text, analysis.lines, offset, ctx.client().hoverMarkdown);
    }),
  );
}

export function hoverAt(analysis: DocumentAnalysis, offset: number, markdown: boolean): Hover | null {
  const hits = analysis.findings.filter((f) => f.start <= offset && offset < Math.max(f.end, f.start + 1));
  if (hits.length === 0) return null;
  const start = Math.min(...hits.map((f) => f.start));
  const end = Math.max(...hits.map((f) => f.end));
  return {
    contents: {
      kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText,
      value: hits.map((f) => (markdown ? markdownFor(f) : plainFor(f))).join(markdown ? '\n\n---\n\n' : '\n\n'),
    },
    range: analysis.lines.rangeOf(start, end),
  };
}

function markdownFor(f: Finding): string {
  const rule = ruleById(f.rule);
  const parts = [`**${escape(f.message)}** \`${f.rule}\``];
  if (rule) {
    parts.push(`*Why:* ${escape(rule.principle)}`);
    parts.push(`*Example:* ${escape(rule.example.before)} → ${escape(rule.example.after)}`);
  }
  parts.push(`[Leverage rule: ${f.rule}](${docsUrl(f.rule)})`);
  return parts.join('\n\n');
}

function plainFor(f: Finding): string {
  const rule = ruleById(f.rule);
  const parts = [`${f.message} (${f.rule})`];
  if (rule) parts.push(`Why: ${rule.principle}`, `Example: ${rule.example.before} → ${rule.example.after}`);
  parts.push(docsUrl(f.rule));
  return parts.join('\n');
}

/** Messages and examples quote the author's prose, which may contain Markdown syntax. Each
 *  goes inline in one paragraph, so escaping inline markers and joining lines is enough. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, '\\$&').replace(/\s*[\r\n]+\s*/g, ' ');
}
