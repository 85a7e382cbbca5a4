/**
 * Checks of the field dictionary (fields.yaml) that its schema cannot express: unique keys, choices exactly
 * for choice fields, patterns that compile, computed fields over real inputs of the right type, datasets
 * looked up by a key field the citizen can answer, date ranges over real dates and date fields, card
 * suggestions only where the citizen can answer otherwise, and no field that depends on itself.
 */
import type { Field } from '../../kiosk-config/catalog-schema.ts';
import type { ConfigProblem } from '../config/load-config.ts';
import { answerKey, checkConditionFields, conditionLeaves, reportDuplicates, type Listed, type Lookup } from './catalog-refs.ts';
import { checkDateRange } from './check-date-ranges.ts';

const FILE = 'fields.yaml';

type ComputedSource = Extract<Field['source'], { kind: 'computed' }>;
type SharedSource = Extract<Field['source'], { kind: 'shared' }>;

/** The input type each computing function reads; `copy` takes any number of fields of any type. */
const INPUT_TYPE: Readonly<Record<ComputedSource['fn'], Field['type'] | undefined>> = {
  ageFromBirthDate: 'date',
  birthDateFromIdNumber: 'id-number',
  genderFromIdNumber: 'id-number',
  regionFromIdNumber: 'id-number',
  copy: undefined,
};

export function checkFields(entries: readonly Listed<Field>[], fields: Lookup<Field>, out: ConfigProblem[]): void {
  reportDuplicates(FILE, entries.map((e) => ({ id: e.value.key, path: `fields.${e.index}.key` })), 'field key', out);
  for (const { index, value: field } of entries) {
    const at = `fields.${index}`;
    checkChoices(at, field, out);
    checkValidation(at, field, out);
    checkDateRange(at, field, fields, out);
    checkSuggestion(at, field, out);
    if (field.source.kind === 'computed') checkComputed(at, field.source, fields, out);
    if (field.relevantWhen) checkConditionFields(FILE, `${at}.relevantWhen`, field.relevantWhen, fields, out);
  }
  checkLookups(entries, fields, out);
  checkCycles(entries, fields, out);
}

/**
 * A dataset is found either by the applicant or by one key field, the same for all its fields; the key is a
 * field the citizen answers (not from the same dataset, which could never be found).
 */
function checkLookups(entries: readonly Listed<Field>[], fields: Lookup<Field>, out: ConfigProblem[]): void {
  const keyOf = new Map<string, { key: string | undefined; at: string }>();
  for (const { index, value: field } of entries) {
    if (field.source.kind !== 'shared') continue;
    const source: SharedSource = field.source;
    const at = `fields.${index}.source`;
    const first = keyOf.get(source.dataset);
    if (!first) keyOf.set(source.dataset, { key: source.lookupBy, at });
    else if (first.key !== source.lookupBy) {
      const said = (key: string | undefined) => (key ? `by "${key}"` : 'by the applicant');
      out.push({ file: FILE, path: `${at}.lookupBy`, message: `dataset "${source.dataset}" is looked up ${said(source.lookupBy)} here but ${said(first.key)} at ${first.at}` });
    }
    if (source.lookupBy === undefined) continue;
    const keyField = fields.get(source.lookupBy);
    if (!keyField) {
      if (fields.isUnknown(source.lookupBy)) out.push({ file: FILE, path: `${at}.lookupBy`, message: `unknown field "${source.lookupBy}"` });
    } else if (keyField.source.kind === 'computed' || keyField.input === 'none') {
      out.push({ file: FILE, path: `${at}.lookupBy`, message: `"${source.lookupBy}" cannot be answered on the kiosk, so the dataset could never be looked up` });
    } else if (keyField.source.kind === 'shared' && keyField.source.dataset === source.dataset) {
      out.push({ file: FILE, path: `${at}.lookupBy`, message: `"${source.lookupBy}" comes from "${source.dataset}" itself` });
    }
  }
}

/** A card value offered as the answer needs a question the citizen can answer otherwise. */
function checkSuggestion(at: string, field: Field, out: ConfigProblem[]): void {
  if (!field.suggestFrom) return;
  if (field.source.kind === 'idcard' || field.source.kind === 'computed') {
    out.push({ file: FILE, path: `${at}.suggestFrom`, message: `a field from the ${field.source.kind === 'idcard' ? 'ID card' : 'computation'} cannot offer another value` });
  } else if (field.input === 'none') {
    out.push({ file: FILE, path: `${at}.suggestFrom`, message: 'the citizen cannot give another value with input "none"' });
  }
}

function checkChoices(at: string, field: Field, out: ConfigProblem[]): void {
  if (field.type === 'choice' && !field.choices) {
    out.push({ file: FILE, path: `${at}.choices`, message: 'required when type is "choice"' });
  } else if (field.type !== 'choice' && field.choices) {
    out.push({ file: FILE, path: `${at}.choices`, message: `only a "choice" field has choices (type is "${field.type}")` });
  }
  if (field.choices) {
    reportDuplicates(FILE, field.choices.map((c, i) => ({ id: c.value, path: `${at}.choices.${i}.value` })), 'choice', out);
  }
}

function checkValidation(at: string, field: Field, out: ConfigProblem[]): void {
  const rules = field.validation;
  if (!rules) return;
  if (rules.pattern !== undefined) {
    const problem = patternProblem(rules.pattern);
    if (problem) out.push({ file: FILE, path: `${at}.validation.pattern`, message: `not a valid regular expression: ${problem}` });
  }
  if (rules.minLength !== undefined && rules.maxLength !== undefined && rules.minLength > rules.maxLength) {
    out.push({ file: FILE, path: `${at}.validation`, message: `minLength ${rules.minLength} is greater than maxLength ${rules.maxLength}` });
  }
  if (rules.min !== undefined && rules.max !== undefined && rules.min > rules.max) {
    out.push({ file: FILE, path: `${at}.validation`, message: `min ${rules.min} is greater than max ${rules.max}` });
  }
}

/**
 * The form code compiles a pattern in unicode mode, or failing that in plain mode (core/bundle/validate.ts);
 * only a pattern that compiles in neither is an error. The message is plain mode's, the last one tried.
 */
function patternProblem(pattern: string): string | undefined {
  let message: string | undefined;
  for (const flags of ['u', '']) {
    try {
      new RegExp(pattern, flags);
      return undefined;
    } catch (error) {
      message = (error as Error).message;
    }
  }
  return message;
}

function checkComputed(at: string, source: ComputedSource, fields: Lookup<Field>, out: ConfigProblem[]): void {
  if (source.fn !== 'copy' && source.args.length !== 1) {
    out.push({ file: FILE, path: `${at}.source.args`, message: `${source.fn} takes one field, got ${source.args.length}` });
  }
  const wanted = INPUT_TYPE[source.fn];
  source.args.forEach((arg, j) => {
    const input = fields.get(arg);
    if (!input) {
      if (fields.isUnknown(arg)) out.push({ file: FILE, path: `${at}.source.args.${j}`, message: `unknown field "${arg}"` });
    } else if (wanted && input.type !== wanted) {
      out.push({ file: FILE, path: `${at}.source.args.${j}`, message: `${source.fn} needs a ${wanted} field, "${arg}" is ${input.type}` });
    }
  });
}

interface Edge {
  readonly to: string;
  /** Where the dependency is declared, for the problem path. */
  readonly path: string;
}

/**
 * A field depends on the inputs it is computed from and on the answers its relevance reads. A cycle among
 * either means a value that can never be worked out, or a question that can never become relevant. Each
 * cycle is reported once, at the first of its fields in the file, with the whole loop spelled out.
 */
function checkCycles(entries: readonly Listed<Field>[], fields: Lookup<Field>, out: ConfigProblem[]): void {
  const graph = new Map<string, Edge[]>();
  const order = new Map<string, number>();
  for (const { index, value: field } of entries) {
    if (graph.has(field.key)) continue; // a duplicate key, reported above
    const edges: Edge[] = [];
    if (field.source.kind === 'computed') {
      field.source.args.forEach((arg, j) => edges.push({ to: arg, path: `fields.${index}.source.args.${j}` }));
    }
    if (field.relevantWhen) {
      for (const { leaf, path } of conditionLeaves(field.relevantWhen, `fields.${index}.relevantWhen`)) {
        const key = answerKey(leaf.fact);
        if (key !== undefined) edges.push({ to: key, path: `${path}.fact` });
      }
    }
    graph.set(field.key, edges.filter((e) => fields.get(e.to) !== undefined));
    order.set(field.key, index);
  }
  const rank = (key: string): number => order.get(key) ?? 0;
  const starts = stronglyConnected(graph).map((component) => ({
    start: component.reduce((a, b) => (rank(a) <= rank(b) ? a : b)),
    component: new Set(component),
  }));
  starts.sort((a, b) => rank(a.start) - rank(b.start));
  for (const { start, component } of starts) {
    const loop = shortestLoop(graph, start, component);
    if (loop) {
      out.push({ file: FILE, path: loop.path, message: `field "${start}" depends on itself: ${loop.keys.join(' → ')}` });
    }
  }
}

/** Tarjan's algorithm; returns only the components that can contain a cycle (two or more, or a self-loop). */
function stronglyConnected(graph: ReadonlyMap<string, readonly Edge[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const { to } of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).some((e) => e.to === node)) components.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

/** Breadth-first from `start` back to itself inside its component: the shortest loop and its first edge. */
function shortestLoop(
  graph: ReadonlyMap<string, readonly Edge[]>,
  start: string,
  component: ReadonlySet<string>,
): { keys: string[]; path: string } | undefined {
  const queue: { node: string; keys: string[]; path: string }[] = [];
  const seen = new Set<string>();
  for (const edge of graph.get(start) ?? []) {
    if (edge.to === start) return { keys: [start, start], path: edge.path };
    if (component.has(edge.to) && !seen.has(edge.to)) {
      seen.add(edge.to);
      queue.push({ node: edge.to, keys: [start, edge.to], path: edge.path });
    }
  }
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const { to } of graph.get(next.node) ?? []) {
      if (to === start) return { keys: [...next.keys, start], path: next.path };
      if (component.has(to) && !seen.has(to)) {
        seen.add(to);
        queue.push({ node: to, keys: [...next.keys, to], path: next.path });
      }
    }
  }
  return undefined;
}
