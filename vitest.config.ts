import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,devices,kiosk-config,backoffice,browser-host,electron,renderer,tools,test}/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
});
