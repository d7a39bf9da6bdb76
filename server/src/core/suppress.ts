// Suppression comments: the lawyer's way to accept a finding on purpose, with a reason that is
// kept and reported (an audit trail of why a concession was accepted).
//
//   <!-- leverage-disable-next-line unconditional-concession -- agreed on the call of 3 May -->
//   <!-- leverage-disable hostile-tone -- quoting their email -->  ...  <!-- leverage-enable hostile-tone -->
//   # leverage-disable-next-line unbenchmarked-demand -- no survey exists for this   (YAML notes)
//
// No rule list means every rule. A suppression that silences nothing is reported, so stale ones
// do not pile up.

import { RULE_IDS, type DocumentKind, type Finding, type Fix } from './types';

export interface Directive {
  kind: 'disable-next-line' | 'disable' | 'enable';
  /** Rule ids; empty means all rules. */
  rules: string[];
  reason?: string;
  /** The whole comment. */
  start: number;
  end: number;
  /** Offsets the directive covers (for disable: until the matching enable or the end). */
  from: number;
  to: number;
}

export interface Suppressed {
  rule: string;
  start: number;
  end: number;
  reason?: string;
  directive: { start: number; end: number };
}

const HTML_DIRECTIVE = /<!--\s*leverage-(disable-next-line|disable|enable)\b([\s\S]*?)-->/g;
const YAML_DIRECTIVE = /(?:^|[ \t])#[ \t]*leverage-(disable-next-line|disable|enable)\b([^\r\n]*)/g;

export function parseDirectives(text: string, kind: DocumentKind): Directive[] {
  const re = kind === 'notes' ? YAML_DIRECTIVE : HTML_DIRECTIVE;
  const raw: Directive[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const body = m[2]!;
    const [list, ...reasonParts] = body.split(/\s--\s?|^--\s?/);
    const reason = reasonParts.join(' -- ').trim() || undefined;
    const rules = (list ?? '')
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const start = m.index + (m[0].startsWith('<') || m[0].startsWith('#') ? 0 : 1);
    const end = m.index + m[0].length;
    raw.push({ kind: m[1] as Directive['kind'], rules, reason, start, end, from: end, to: end });
  }
  for (let i = 0; i < raw.length; i++) {
    const d = raw[i]!;
    if (d.kind === 'disable-next-line') {
      const next = nextLine(text, d.end);
      d.from = next.start;
      d.to = next.end;
    } else if (d.kind === 'disable') {
      d.to = text.length;
      for (let j = i + 1; j < raw.length; j++) {
        const e = raw[j]!;
        if (e.kind === 'enable' && (e.rules.length === 0 || d.rules.length === 0 || d.rules.some((r) => e.rules.includes(r)))) {
          d.to = e.start;
          break;
        }
      }
    }
  }
  return raw;
}

/** The first non-blank line after an offset. */
function nextLine(text: string, offset: number): { start: number; end: number } {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  for (;;) {
    if (i >= text.length) return { start: text.length, end: text.length };
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else i++;
    let end = i;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    if (text.slice(i, end).trim().length > 0) return { start: i, end };
    i = end;
  }
}

export interface SuppressionResult {
  kept: Finding[];
  suppressed: Suppressed[];
  /** Directives that silenced nothing, or name an unknown rule, as findings. */
  problems: Finding[];
}

export function applySuppressions(text: string, kind: DocumentKind, findings: Finding[]): SuppressionResult {
  const directives = parseDirectives(text, kind);
  const used = new Set<Directive>();
  const kept: Finding[] = [];
  const suppressed: Suppressed[] = [];
  for (const f of findings) {
    const d = directives.find(
      (x) => x.kind !== 'enable' && f.start >= x.from && f.start < Math.max(x.to, x.from + 1) && (x.rules.length === 0 || x.rules.includes(f.rule)),
    );
    if (d) {
      used.add(d);
      suppressed.push({ rule: f.rule, start: f.start, end: f.end, reason: d.reason, directive: { start: d.start, end: d.end } });
    } else {
      kept.push(f);
    }
  }
  const problems: Finding[] = [];
  for (const d of directives) {
    if (d.kind === 'enable') continue;
    const unknown = d.rules.filter((r) => !(RULE_IDS as readonly string[]).includes(r));
    const remove: Fix = { title: 'Remove this suppression comment', edits: [removal(text, d)], preferred: true };
    if (unknown.length > 0) {
      problems.push({
        rule: 'unused-suppression',
        severity: 'information',
        start: d.start,
        end: d.end,
        message: `Unknown rule ${unknown.map((u) => `“${u}”`).join(', ')} in a leverage suppression comment.`,
        fixes: [remove],
      });
    } else if (!used.has(d)) {
      problems.push({
        rule: 'unused-suppression',
        severity: 'information',
        start: d.start,
        end: d.end,
        message: 'This leverage suppression comment silences nothing; remove it so it does not hide a future finding.',
        fixes: [remove],
      });
    }
  }
  return { kept, suppressed, problems };
}

/** Deletes the directive, and its whole line when it stands alone on it. */
function removal(text: string, d: Directive): { start: number; end: number; newText: string } {
  let start = d.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = d.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  const ownLine = (start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r') && (end === text.length || text[end] === '\n' || text[end] === '\r');
  if (!ownLine) return { start: d.start, end: d.end, newText: '' };
  if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (end < text.length) end++;
  return { start, end, newText: '' };
}

/** The quick fix offered on every finding: a suppression comment on the line above. */
export function suppressionFix(text: string, kind: DocumentKind, finding: { rule: string; start: number }): Fix {
  let lineStart = finding.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const indent = /^[ \t]*(?:> ?)*[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = /\r\n/.test(text) ? '\r\n' : /\r/.test(text) && !/\n/.test(text) ? '\r' : '\n';
  const comment =
    kind === 'notes'
      ? `# leverage-disable-next-line ${finding.rule} -- reason`
      : `<!-- leverage-disable-next-line ${finding.rule} -- reason -->`;
  return { title: `Suppress ${finding.rule} on this line (with a reason)`, edits: [{ start: lineStart, end: lineStart, newText: `${indent}${comment}${eol}` }] };
}
