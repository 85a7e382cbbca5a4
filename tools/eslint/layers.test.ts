import { join } from 'node:path';
import { RuleTester } from 'eslint';
import { describe, expect, it } from 'vitest';
import tseslint from 'typescript-eslint';
import { KIOSK_LAYERS, checkImport, createLayersRule } from './layers.ts';

const root = '/repo';
const check = (file: string, source: string) => checkImport(KIOSK_LAYERS, root, join(root, file), source);

describe('layer rule (DESIGN.md §2)', () => {
  it('allows the intended directions', () => {
    expect(check('renderer/src/main.tsx', '../../core/contract/kiosk-rpc.ts')).toBeUndefined();
    expect(check('renderer/src/main.tsx', 'preact')).toBeUndefined();
    expect(check('renderer/src/main.tsx', '@fontsource/noto-sans-sc/400.css')).toBeUndefined();
    expect(check('core/kiosk-core.ts', './contract/locale.ts')).toBeUndefined();
    expect(check('core/kiosk-core.ts', '../devices/index.ts')).toBeUndefined();
    expect(check('electron/main/index.ts', 'electron')).toBeUndefined();
    expect(check('electron/main/index.ts', '../../core/kiosk-core.ts')).toBeUndefined();
    expect(check('devices/printer/escpos.ts', 'serialport')).toBeUndefined();
    expect(check('core/store/db.ts', 'better-sqlite3')).toBeUndefined();
    expect(check('core/contract/x.test.ts', 'vitest')).toBeUndefined();
    expect(check('test/e2e/attract.spec.ts', 'electron')).toBeUndefined();
    expect(check('devices/transport/x.test.ts', '../../test/support/pty-pair.ts')).toBeUndefined();
  });

  it('rejects every forbidden direction', () => {
    expect(check('renderer/src/main.tsx', '../../core/runtime/kiosk-runtime.ts')).toMatch(/layer "renderer" may not import core\/runtime/);
    expect(check('renderer/src/main.tsx', 'node:fs')).toMatch(/without Node/);
    expect(check('renderer/src/main.tsx', 'fs')).toMatch(/without Node/);
    expect(check('renderer/src/main.tsx', 'ws')).toMatch(/only the packages/);
    expect(check('core/kiosk-core.ts', 'electron')).toMatch(/may not import the package "electron"/);
    expect(check('core/kiosk-core.ts', 'serialport')).toMatch(/"serialport"/);
    expect(check('core/kiosk-core.ts', '@serialport/binding-mock')).toMatch(/"@serialport\/binding-mock"/);
    expect(check('core/kiosk-core.ts', 'better-sqlite3')).toMatch(/"better-sqlite3"/);
    expect(check('core/kiosk-core.ts', '../electron/main/policy.ts')).toMatch(/layer "core" may not import electron/);
    expect(check('devices/reader/sam.ts', '../../core/kiosk-core.ts')).toMatch(/layer "devices" may not import core/);
    expect(check('core/contract/x.ts', '../kiosk-core.ts')).toMatch(/layer "contract"/);
    expect(check('core/contract/x.ts', 'node:path')).toMatch(/without Node/);
    expect(check('browser-host/main.ts', 'electron')).toMatch(/"electron"/);
    expect(check('devices/transport/x.ts', '../../test/support/pty-pair.ts')).toMatch(/outside every layer/);
  });

  it('reports through ESLint on imports, re-exports, dynamic imports and require', () => {
    const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as never } });
    tester.run('kiosk/layers', createLayersRule(KIOSK_LAYERS), {
      valid: [{ code: "import { h } from 'preact';", filename: join(process.cwd(), 'renderer/src/a.tsx') }],
      invalid: [
        { code: "import type { X } from '../../core/kiosk-core.ts';", filename: join(process.cwd(), 'renderer/src/a.ts'), errors: [{ messageId: 'layer' }] },
        { code: "export * from 'electron';", filename: join(process.cwd(), 'core/a.ts'), errors: [{ messageId: 'layer' }] },
        { code: "const m = import('node:fs');", filename: join(process.cwd(), 'renderer/src/a.ts'), errors: [{ messageId: 'layer' }] },
        { code: "const s = require('serialport');", filename: join(process.cwd(), 'core/a.ts'), errors: [{ messageId: 'layer' }] },
      ],
    });
  });
});
