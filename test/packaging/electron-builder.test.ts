/**
 * `npm run dist` needs Electron's download, so CI cannot package; it can still prove the packaging config is
 * valid, with electron-builder's own loader and schema validation.
 */
import { describe, expect, it } from 'vitest';
import { FuseV1Options, type FuseConfig } from '@electron/fuses';
import { DebugLogger } from 'builder-util';
import { PlatformPackager } from 'app-builder-lib';
import type { FuseOptionsV1 } from 'app-builder-lib/out/configuration.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { REPO_ROOT } from '../support/browser-host.ts';

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    const config = await getConfig(REPO_ROOT, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('sets every Electron fuse, each to the value our threat model needs', async () => {
    const config = await getConfig(REPO_ROOT, 'electron-builder.yml', null);
    // The fuse wire electron-builder flips at packaging time, from our electronFuses, by its own mapping.
    const generate = (PlatformPackager.prototype as unknown as { generateFuseConfig(fuses: FuseOptionsV1): Promise<FuseConfig> })
      .generateFuseConfig;
    const wire = (await generate(config.electronFuses ?? {})) as unknown as Record<number, boolean | undefined>;
    const expected: Record<keyof typeof FuseV1Options, boolean> = {
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      // Off because the renderer is no longer on file:// (electron/main/renderer-protocol.ts).
      GrantFileProtocolExtraPrivileges: false,
    };
    // Every fuse @electron/fuses knows, so one added by an upgrade fails here until it is decided.
    const names = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key))) as (keyof typeof FuseV1Options)[];
    expect(names.sort()).toEqual(Object.keys(expected).sort());
    expect(Object.fromEntries(names.map((name) => [name, wire[FuseV1Options[name]]]))).toEqual(expected);
  });

  it('would reject a broken config (the check can fail)', async () => {
    const config = await getConfig(REPO_ROOT, 'electron-builder.yml', null);
    await expect(validateConfiguration({ ...config, linxu: { target: 'deb' } } as never, new DebugLogger(false))).rejects.toThrow(/linxu/);
  });
});
