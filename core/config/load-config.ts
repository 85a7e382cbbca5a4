/**
 * Reads and validates the kiosk configuration directory. Every problem is collected, not just the first,
 * and each names the file and the path inside it, so a technician can fix a broken config in one pass.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { parseDocument } from 'yaml';
import { KioskConfigSchema, type KioskConfig } from '../../kiosk-config/schema.ts';

export const KIOSK_CONFIG_FILE = 'kiosk.yaml';

export interface ConfigProblem {
  /** File name relative to the config directory. */
  readonly file: string;
  /** Dotted path inside the file, or '' for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: KioskConfig; readonly dir: string }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[]; readonly dir: string };

export function formatProblem(problem: ConfigProblem): string {
  return problem.path ? `${problem.file}: ${problem.path}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

export async function loadKioskConfig(dir: string): Promise<ConfigResult> {
  const file = KIOSK_CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `file not found in ${dir}` : `cannot read file (${code ?? String(error)})`;
    return { ok: false, dir, problems: [{ file, path: '', message }] };
  }
  const parsed = parseYaml(file, text);
  if (!parsed.ok) return { ok: false, dir, problems: parsed.problems };
  const result = v.safeParse(KioskConfigSchema, parsed.value);
  if (result.success) return { ok: true, dir, config: result.output };
  return { ok: false, dir, problems: result.issues.map((issue) => toProblem(file, issue)) };
}

export function parseYaml(
  file: string,
  text: string,
): { ok: true; value: unknown } | { ok: false; problems: ConfigProblem[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
        // Pretty errors carry the position and a code frame; keep the position and the first line only.
        const headline = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return { file, path: '', message: `${where}${headline}` };
      }),
    };
  }
  return { ok: true, value: doc.toJS() };
}

type AnyIssue = v.BaseIssue<unknown>;

export function toProblem(file: string, issue: AnyIssue): ConfigProblem {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return { file, path: keys.join('.'), message: 'unknown key' };
  }
  if (issue.received === 'undefined' && issue.kind === 'schema') {
    // A missing object key reports the key itself as "expected"; other schemas report the wanted type.
    const message = issue.type === 'strict_object' ? 'required' : `required, expected ${issue.expected}`;
    return { file, path: keys.join('.'), message };
  }
  return { file, path: keys.join('.'), message: describeIssue(issue) };
}

function describeIssue(issue: AnyIssue): string {
  if (issue.kind === 'schema') return `expected ${issue.expected}, received ${issue.received}`;
  // Validation issues carry a readable requirement as their message (set in the schema) or valibot's own.
  return issue.message.replace(/^Invalid \w+: /, '');
}
