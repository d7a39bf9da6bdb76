// Suppression comments: the lawyer's way to accept a finding on purpose, with a reason that is
// kept and reported (an audit trail of why a concession was accepted).
//
//   <!-- leverage-disable-next-line unconditional-concession -- agreed on the call of 3 May -->
//   <!-- leverage-disable hostile-tone -- quoting their email -->  ...  <!-- leverage-enable hostile-tone -->
//   # leverage-disable-next-line unbenchmarked-demand -- no survey exists for this   (YAML notes)
//
// No rule list means every rule. A suppression that silences nothing is reported, so stale ones
// do not pile up.

import { commentSpans } from './chunks';
import { lineStartAt } from './text';
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

/** Comments are found first, as the chunks are read (chunks.commentSpans: not in a Markdown code
 *  block or front matter); a directive is a comment whose body starts with `leverage-`. */
const HTML_BODY = /^\s*leverage-(disable-next-line|disable|enable)\b([\s\S]*)$/;
const YAML_DIRECTIVE = /(?:^|[ \t])#[ \t]*leverage-(disable-next-line|disable|enable)\b([^\r\n]*)/g;

function* directiveMatches(text: string, kind: DocumentKind): Generator<{ index: number; length: number; kind: string; body: string }> {
  // Every directive names `leverage-…`: a text without it (most drafts) costs one native search.
  if (!text.includes('leverage-')) return;
  if (kind === 'notes') {
    YAML_DIRECTIVE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = YAML_DIRECTIVE.exec(text)) !== null) {
      const skip = m[0].startsWith('#') ? 0 : 1;
      yield { index: m.index + skip, length: m[0].length - skip, kind: m[1]!, body: m[2]! };
    }
    return;
  }
  for (const c of commentSpans(text, kind)) {
    // An unclosed comment runs to the end of the text: it is no directive.
    if (c.end - c.start < 7 || !text.startsWith('-->', c.end - 3)) continue;
    const d = HTML_BODY.exec(text.slice(c.start + 4, c.end - 3));
    if (d) yield { index: c.start, length: c.end - c.start, kind: d[1]!, body: d[2]! };
  }
}

export function parseDirectives(text: string, kind: DocumentKind): Directive[] {
  const raw: Directive[] = [];
  for (const m of directiveMatches(text, kind)) {
    const body = m.body;
    const [list, ...reasonParts] = body.split(/\s--\s?|^--\s?/);
    const reason = reasonParts.join(' -- ').trim() || undefined;
    const rules = (list ?? '')
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const start = m.index;
    const end = m.index + m.length;
    raw.push({ kind: m.kind as Directive['kind'], rules, reason, start, end, from: end, to: end });
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

/** The quick fix offered on every finding: a suppression comment for the finding's line. In
 *  Markdown and text a comment on its own line would end the paragraph (and change what the rules
 *  read), so inside a paragraph it goes at the end of the line before; at a paragraph's first line
 *  it goes on a line of its own; inside an open multi-line comment it wraps the finding itself. */
export function suppressionFixer(text: string, masked: string, kind: DocumentKind, eol: string): (finding: { rule: string; start: number; end: number }) => Fix {
  // Computed once per text: a document can have thousands of findings. Read as the chunks are
  // (chunks.ts): a `<!--` in a code block or front matter opens no comment, so a finding after it
  // gets the same fix whether its chunk is read alone or the whole document at once.
  const comments = kind === 'notes' ? [] : commentSpans(text, kind);
  const insideComment = (offset: number): boolean => {
    let lo = 0;
    let hi = comments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = comments[mid]!;
      if (offset <= c.start) hi = mid - 1;
      else if (offset >= c.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const cr = text.includes('\r');
  return (finding) => suppressionFix(text, masked, kind, finding, eol, insideComment, cr);
}


function suppressionFix(
  text: string,
  masked: string,
  kind: DocumentKind,
  finding: { rule: string; start: number; end: number },
  eol: string,
  insideComment: (offset: number) => boolean,
  cr: boolean,
): Fix {
  const title = `Suppress ${finding.rule} on this line (with a reason)`;
  const lineStart = lineStartAt(text, finding.start, cr);
  if (kind === 'notes') {
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const comment = `${indent}# leverage-disable-next-line ${finding.rule} -- reason${eol}`;
    return { title, edits: [{ start: lineStart, end: lineStart, newText: comment }] };
  }
  if (insideComment(lineStart)) {
    return {
      title,
      edits: [
        { start: finding.start, end: finding.start, newText: `<!-- leverage-disable ${finding.rule} -- reason -->` },
        { start: finding.end, end: finding.end, newText: `<!-- leverage-enable ${finding.rule} -->` },
      ],
    };
  }
  const comment = `<!-- leverage-disable-next-line ${finding.rule} -- reason -->`;
  let previousEnd = lineStart;
  if (text[previousEnd - 1] === '\n') previousEnd--;
  if (text[previousEnd - 1] === '\r') previousEnd--;
  const previousStart = lineStartAt(text, previousEnd, cr);
  if (lineStart > 0 && masked.slice(previousStart, previousEnd).trim().length > 0) {
    return { title, edits: [{ start: previousEnd, end: previousEnd, newText: ` ${comment}` }] };
  }
  const indent = /^[ \t]*(?:> ?)*[ \t]*/.exec(text.slice(lineStart))![0];
  return { title, edits: [{ start: lineStart, end: lineStart, newText: `${indent}${comment}${eol}` }] };
}
