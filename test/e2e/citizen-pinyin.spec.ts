/**
 * The on-screen keyboard's pinyin dictionary (issue 10, defect 9): the build writes the compact one beside the
 * built core, and a kiosk whose dictionary is broken says pinyin is unavailable where the candidates would be while its
 * Latin letters and digits still type — core logs why, and nothing crashes.
 */
import { cp, mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openKioskPage, OUT_DIR, startBrowserHost, type RunningHost } from '../support/browser-host.ts';
import { Citizen } from '../support/citizen.ts';

const DICTIONARY = 'main/pinyin-dictionary.tsv';

test('the build writes the compact dictionary beside the pinyin worker', async () => {
  const file = join(OUT_DIR, DICTIONARY);
  // Every character and 60,000 words in about 1.2 MB: not the package's 19 MB of JSON.
  expect((await stat(file)).size).toBeLessThan(2_000_000);
  const [header, first] = (await readFile(file, 'utf8')).split('\n');
  expect(header).toMatch(/^kiosk-pinyin 1 \d{5}$/);
  expect(first).toMatch(/^\p{Script=Han}+\t[a-z]+( [a-z]+)*$/u);
  await stat(join(OUT_DIR, 'main/pinyin-worker.js'));
});

test.describe('a broken dictionary', () => {
  /** The build under test, its dictionary cut off halfway (renderer and preload shared with it). */
  const broken = `${OUT_DIR}-broken-pinyin`;
  let host: RunningHost | undefined;
  test.beforeAll(async () => {
    await rm(broken, { recursive: true, force: true });
    await mkdir(broken);
    await cp(join(OUT_DIR, 'main'), join(broken, 'main'), { recursive: true });
    for (const part of ['renderer', 'preload']) await symlink(join(OUT_DIR, part), join(broken, part));
    const text = await readFile(join(OUT_DIR, DICTIONARY), 'utf8');
    await writeFile(join(broken, DICTIONARY), text.slice(0, text.indexOf('\n', text.length / 2) + 1));
  });
  test.afterAll(async () => {
    await rm(broken, { recursive: true, force: true });
  });
  test.afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  test('says pinyin is unavailable instead of offering candidates, and Latin letters and digits still type', async ({ browser }, testInfo) => {
    host = await startBrowserHost({ outDir: broken });
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await openKioskPage(page, host);
    const running = host;
    const citizen = new Citizen({ page, dataDir: running.dataDir, reload: () => page.reload().then(() => undefined), close: () => context.close() }, testInfo, 'pinyin');
    await citizen.onScreen('attract');
    await citizen.connected();
    await citizen.insertCard('company-founder.json');
    await citizen.consent();
    await citizen.choose(/企业开办一件事/);
    await expect(page.locator('main.question')).toHaveAttribute('data-field', 'enterprise.name');

    const keyboard = page.getByRole('group', { name: citizen.t('osk.label') });
    await expect(keyboard.locator('.osk-composition')).toHaveText(citizen.t('osk.pinyinUnavailable'));
    await expect(keyboard.getByRole('group', { name: citizen.t('osk.candidates') })).toHaveCount(0);
    await citizen.check('pinyin-unavailable');
    await keyboard.getByRole('button', { name: citizen.t('osk.modeKey.latin'), exact: true }).click();
    for (const letter of 'ABC') await keyboard.getByRole('button', { name: letter, exact: true }).click();
    await keyboard.getByRole('button', { name: citizen.t('osk.modeKey.symbols'), exact: true }).click();
    for (const digit of '12') await keyboard.getByRole('button', { name: digit, exact: true }).click();
    await expect(page.locator('.text-input')).toHaveValue('ABC12');
    await keyboard.getByRole('button', { name: citizen.t('osk.modeKey.pinyin'), exact: true }).click();
    await citizen.button('toolbar.elderMode').click();
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
    await expect(keyboard.locator('.osk-composition')).toHaveText(citizen.t('osk.pinyinUnavailable'));
    await citizen.check('pinyin-unavailable-elder');

    await context.close();
    expect(await running.stop(), running.stderr()).toBe(0);
    const errors = running.stderr();
    expect(errors).toContain('pinyin unavailable: the on-screen keyboard offers no Chinese');
    expect(errors).toContain('the file is incomplete');
  });
});
