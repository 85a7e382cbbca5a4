/**
 * `npm run dist` needs Electron's download, so CI cannot package; it can still prove the packaging config is
 * valid, with electron-builder's own loader and schema validation.
 */
import { describe, expect, it } from 'vitest';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { REPO_ROOT } from '../support/browser-host.ts';

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    const config = await getConfig(REPO_ROOT, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('would reject a broken config (the check can fail)', async () => {
    const config = await getConfig(REPO_ROOT, 'electron-builder.yml', null);
    await expect(validateConfiguration({ ...config, linxu: { target: 'deb' } } as never, new DebugLogger(false))).rejects.toThrow(/linxu/);
  });
});
