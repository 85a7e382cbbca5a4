/**
 * The back office's command line (`npm run backoffice -- <command>`, cli/args.ts lists them). Exit codes:
 * 0 done, 1 the command failed (the message says why), 2 the command line is wrong. `serve` runs until
 * SIGTERM or SIGINT, then closes cleanly and exits 0.
 */
import { parseCommand, UsageError } from './cli/args.ts';
import { runCommand } from './cli/commands.ts';
import { readNewPassword } from './staff/auth/password-input.ts';

async function main(): Promise<number> {
  let command;
  try {
    command = parseCommand(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`backoffice: ${error.message}\n(npm run backoffice -- help lists the commands)`);
    return 2;
  }
  const server = await runCommand(command, { out: (line) => process.stdout.write(`${line}\n`), readNewPassword: () => readNewPassword(process.stdin, process.stderr) });
  if (!server) return 0;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  // A second signal while closing means "now".
  process.once(signal, () => process.exit(1));
  await server.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`backoffice: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
