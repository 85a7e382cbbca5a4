/**
 * `staff add | reset | disable`: the CLI's hold on the staff page's accounts. The password is read before
 * the database is opened, so nobody's typing holds a PGlite directory locked, and checked before it is used.
 */
import type { Command } from '../../cli/args.ts';
import type { Database } from '../../db/database.ts';
import { addStaff, disableStaff, resetStaffPassword, StaffError } from './accounts.ts';
import { passwordProblem } from './password.ts';

export type StaffCommand = Extract<Command, { name: 'staff add' | 'staff reset' | 'staff disable' }>;

export interface StaffCommandIo {
  out(line: string): void;
  readNewPassword(): Promise<string>;
}

async function newPassword(io: StaffCommandIo): Promise<string> {
  const password = await io.readNewPassword();
  const problem = passwordProblem(password);
  if (problem) throw new StaffError(problem);
  return password;
}

export async function runStaffCommand(command: StaffCommand, io: StaffCommandIo, withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>): Promise<void> {
  switch (command.name) {
    case 'staff add': {
      const password = await newPassword(io);
      await withDatabase((db) => addStaff(db, { id: command.staffId, name: command.staffName, password }, Date.now()));
      io.out(`staff ${command.staffId} added; they sign in at /staff/`);
      return;
    }
    case 'staff reset': {
      const password = await newPassword(io);
      await withDatabase((db) => resetStaffPassword(db, command.staffId, password));
      io.out(`staff ${command.staffId}: new password set, id unlocked, sessions ended`);
      return;
    }
    case 'staff disable':
      await withDatabase((db) => disableStaff(db, command.staffId, Date.now()));
      io.out(`staff ${command.staffId} disabled; sessions ended`);
  }
}
