/**
 * Bundles a TypeScript entry (a child process for a crash or chaos test) into one ES module, so a test can
 * start many children cheaply: a bundled child starts in about half the time it takes through tsx.
 */
import { createRequire } from 'node:module';
import { build } from 'esbuild';

/** Writes the bundle of `entry` to `outfile`; the native SQLite driver stays where npm installed it. */
export async function bundleScript(entry: string, outfile: string): Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // Bundled CommonJS packages call require(), which an ES module lacks.
    banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
    // The native driver stays beside its compiled binding.
    plugins: [{ name: 'native-driver', setup: (b) => void b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: driver, external: true })) }],
  });
}
