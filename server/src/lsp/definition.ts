// Go to definition: from a use of a contract's defined term ("the Services") to where it is
// defined (`(the "Services")`, `"Services" means ...`). A term defined twice has two answers.

import type { DefinitionParams, Location } from 'vscode-languageserver/node';
import { definedTerms } from '../core/terms';
import { cancelled, type ServerContext } from './context';
import { guarded } from './errors';

export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition(
    guarded('textDocument/definition', ctx.logError, async (params: DefinitionParams, token): Promise<Location[] | null> => {
      if (token.isCancellationRequested) throw cancelled();
      const analysis = await ctx.analyses.get(params.textDocument.uri);
      if (token.isCancellationRequested) throw cancelled();
      // Only documents we analyse, and not one too large or binary to analyse.
      if (!analysis || !analysis.kind || analysis.kind === 'notes' || analysis.notice) return null;
      const offset = analysis.lines.offsetAt(params.position);
      const targets = definitionsAt(analysis.text, analysis.kind, offset);
      return targets.length === 0 ? null : targets.map((d) => ({ uri: params.textDocument.uri, range: analysis.lines.rangeOf(d.start, d.end) }));
    }),
  );
}

/** The definitions of the term used (or defined) at `offset`, other than the one under it. */
export function definitionsAt(text: string, kind: Parameters<typeof definedTerms>[1], offset: number): { start: number; end: number }[] {
  const { definitions, uses } = definedTerms(text, kind);
  const at = (s: { start: number; end: number }) => s.start <= offset && offset <= s.end;
  const term = uses.find(at)?.term ?? definitions.find(at)?.term;
  if (term === undefined) return [];
  return definitions.filter((d) => d.term === term && !at(d));
}
