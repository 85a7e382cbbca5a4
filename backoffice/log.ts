/**
 * What the back office logs through: a pino-compatible subset, so the embedded back office writes into the
 * kiosk's log. Entries carry codes, routes and ids, never a request body (personal data).
 */
export interface BackOfficeLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** JSON lines on stderr for warnings and errors (the CLI, tests). */
export const stderrLogger: BackOfficeLogger = {
  info: () => undefined,
  warn: (fields, message) => console.warn(JSON.stringify({ level: 'warn', message, ...fields })),
  error: (fields, message) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};
