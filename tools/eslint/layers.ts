/**
 * The layer rule of DESIGN.md §2 as a lint rule, in the spirit of VS Code's `code-layering`: each file
 * belongs to the layer of its folder, and may import only from the layers listed for it, only the
 * packages allowed there, and Node built-ins only where Node runs.
 */
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Rule } from 'eslint';

export interface Layer {
  readonly name: string;
  /** Repo-relative folder prefixes with a trailing slash; the longest matching prefix wins. */
  readonly folders: readonly string[];
  /** Other layers this one may import from; its own layer is always allowed. */
  readonly mayImport: readonly string[];
  /** Allowed packages, or '*' for any package except `deniedPackages`. */
  readonly packages: '*' | readonly string[];
  readonly deniedPackages?: readonly string[];
  /** Whether Node built-ins may be imported. */
  readonly node: boolean;
}

const HARDWARE = ['serialport', '@serialport/*', 'node-hid', 'usb'];

export const KIOSK_LAYERS: readonly Layer[] = [
  { name: 'contract', folders: ['core/contract/'], mayImport: [], packages: ['valibot', 'birpc'], node: false },
  {
    name: 'store',
    folders: ['core/store/'],
    mayImport: ['core', 'contract', 'kiosk-config'],
    packages: '*',
    deniedPackages: ['electron', ...HARDWARE],
    node: true,
  },
  {
    name: 'core',
    folders: ['core/'],
    mayImport: ['contract', 'store', 'kiosk-config', 'devices', 'backoffice'],
    packages: '*',
    deniedPackages: ['electron', 'better-sqlite3', ...HARDWARE],
    node: true,
  },
  { name: 'devices', folders: ['devices/'], mayImport: [], packages: '*', deniedPackages: ['electron', 'better-sqlite3'], node: true },
  { name: 'kiosk-config', folders: ['kiosk-config/'], mayImport: ['contract'], packages: ['valibot'], node: false },
  { name: 'backoffice', folders: ['backoffice/'], mayImport: ['contract'], packages: '*', deniedPackages: ['electron', ...HARDWARE], node: true },
  {
    name: 'renderer',
    folders: ['renderer/'],
    mayImport: ['contract'],
    packages: ['preact', '@preact/signals', 'i18next', '@fontsource/noto-sans-sc'],
    node: false,
  },
  {
    name: 'electron',
    folders: ['electron/'],
    mayImport: ['core', 'contract', 'kiosk-config', 'devices'],
    packages: '*',
    deniedPackages: ['better-sqlite3', ...HARDWARE],
    node: true,
  },
  {
    name: 'browser-host',
    folders: ['browser-host/'],
    mayImport: ['core', 'contract', 'kiosk-config', 'devices', 'backoffice'],
    packages: '*',
    deniedPackages: ['electron', 'better-sqlite3', ...HARDWARE],
    node: true,
  },
];

/** Test files beside the code may also use the test tools and test/support/. */
const TEST_PACKAGES = ['vitest', 'fast-check'];
const TEST_FILE = /\.test\.tsx?$/;
const BUILTINS = new Set(builtinModules);

export function layerOf(layers: readonly Layer[], repoPath: string): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers) {
    for (const folder of layer.folders) {
      if (repoPath.startsWith(folder) && folder.length > (best?.length ?? -1)) best = { layer, length: folder.length };
    }
  }
  return best?.layer;
}

export function packageName(source: string): string {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function matches(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('/*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

/** Why `source`, imported from `file`, breaks the layering; undefined when it is fine. */
export function checkImport(layers: readonly Layer[], root: string, file: string, source: string): string | undefined {
  const fromPath = relative(root, file).split(sep).join('/');
  const from = layerOf(layers, fromPath);
  if (!from) return undefined;

  if (source.startsWith('.') || source.startsWith('/')) {
    const targetPath = relative(root, resolve(dirname(file), source)).split(sep).join('/');
    const to = layerOf(layers, targetPath);
    if (to === from || (to && from.mayImport.includes(to.name))) return undefined;
    // Tests beside the code may use the shared test support (pty pairs, hosts), never the reverse.
    if (TEST_FILE.test(fromPath) && targetPath.startsWith('test/support/')) return undefined;
    const allowed = from.mayImport.length ? from.mayImport.join(', ') : 'nothing outside itself';
    return `layer "${from.name}" may not import ${targetPath} (${to ? `layer "${to.name}"` : 'outside every layer'}); it may import: ${allowed}`;
  }

  const name = source.startsWith('node:') ? source : packageName(source);
  if (source.startsWith('node:') || BUILTINS.has(name)) {
    return from.node ? undefined : `layer "${from.name}" runs without Node and may not import the built-in "${source}"`;
  }
  if (TEST_FILE.test(fromPath) && TEST_PACKAGES.includes(name)) return undefined;
  if (from.packages === '*') {
    return from.deniedPackages && matches(name, from.deniedPackages)
      ? `layer "${from.name}" may not import the package "${name}"`
      : undefined;
  }
  return matches(name, from.packages)
    ? undefined
    : `layer "${from.name}" may import only the packages ${from.packages.join(', ')}; not "${name}"`;
}

export function createLayersRule(layers: readonly Layer[]): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: { description: 'Enforce the layer rule of DESIGN.md §2' },
      schema: [],
      messages: { layer: '{{reason}}. See DESIGN.md §2.' },
    },
    create(context) {
      const check = (node: Rule.Node, source: unknown) => {
        if (typeof source !== 'string') return;
        const reason = checkImport(layers, context.cwd, context.filename, source);
        if (reason) context.report({ node, messageId: 'layer', data: { reason } });
      };
      return {
        ImportDeclaration: (node) => check(node, node.source.value),
        ExportAllDeclaration: (node) => check(node, node.source.value),
        ExportNamedDeclaration: (node) => check(node, node.source?.value),
        ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
        CallExpression: (node) => {
          const [arg] = node.arguments;
          if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg?.type === 'Literal') check(node, arg.value);
        },
      };
    },
  };
}

export default {
  meta: { name: 'eslint-plugin-kiosk' },
  rules: { layers: createLayersRule(KIOSK_LAYERS) },
};
