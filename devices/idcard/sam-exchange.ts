/**
 * One GA 467 command at a time over a byte transport: write the frame, wait for the next valid response
 * frame. The protocol has no sequence numbers, so after a timeout the deframer is reset and a late answer
 * is discarded instead of being taken for the next command's.
 */
import { performance } from 'node:perf_hooks';
import { DeviceError, DisconnectedError, TimeoutError } from '../contract/errors.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';
import type { SamCommandSpec } from './sam-commands.ts';
import { asResponse, encodeCommand, type SamFrame } from './sam-frame.ts';
import { SamDeframer } from './sam-deframer.ts';

export interface SamReply {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
  /** Whole frame length on the wire. */
  readonly frameBytes: number;
}

/**
 * A timer that fires this much later than it was due means the kiosk's event loop was blocked: the answer
 * may well be waiting in the OS buffer, read only after the timer ran. Normal timer lateness is a few ms.
 */
export const HOST_STALL_MS = 250;

/** The command timed out only because the host was stalled (see HOST_STALL_MS): no sign of a device fault. */
export class HostStalledError extends TimeoutError {
  constructor(
    message: string,
    readonly lateMs: number,
  ) {
    super(message);
  }
}

interface Waiter {
  resolve(frame: SamFrame): void;
  reject(error: Error): void;
}

export class SamExchange {
  private readonly deframer = new SamDeframer();
  private waiter: Waiter | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly detach: (() => void)[];

  constructor(
    private readonly transport: ByteTransport,
    private readonly hooks: { onBytes(direction: 'in' | 'out', count: number): void; onLinkLost(error?: Error): void },
  ) {
    this.detach = [
      transport.onData((bytes) => this.onData(bytes)),
      transport.onClose((info) => {
        this.waiter?.reject(new DisconnectedError(`${transport.description} closed`));
        this.waiter = undefined;
        if (info.disconnected) hooks.onLinkLost(info.error);
      }),
    ];
  }

  /** Sends a command and resolves with its answer; commands queue behind each other. */
  transact(command: SamCommandSpec, timeoutMs: number, data?: Uint8Array): Promise<SamReply> {
    const run = this.queue.then(() => this.send(command, timeoutMs, data));
    this.queue = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    this.detach.forEach((off) => off());
    this.waiter?.reject(new DisconnectedError('exchange disposed'));
    this.waiter = undefined;
  }

  private async send(command: SamCommandSpec, timeoutMs: number, data?: Uint8Array): Promise<SamReply> {
    const frame = encodeCommand(command.cmd, command.para, data);
    const answer = new Promise<SamFrame>((resolve, reject) => {
      // Monotonic: a wall clock set back or forward must not look like a stall.
      const due = performance.now() + timeoutMs;
      const timer = setTimeout(() => {
        this.waiter = undefined;
        // A late answer must not be read as the reply to the next command.
        this.deframer.reset();
        const message = `no answer to command ${hex(command.cmd)} ${hex(command.para)} within ${timeoutMs} ms`;
        const lateMs = Math.round(performance.now() - due);
        reject(lateMs >= HOST_STALL_MS ? new HostStalledError(`${message} (the host was stalled ${lateMs} ms past it)`, lateMs) : new TimeoutError(message));
      }, timeoutMs);
      this.waiter = {
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
    this.hooks.onBytes('out', frame.length);
    await this.transport.write(frame, timeoutMs);
    const reply = await answer;
    const response = asResponse(reply);
    // A frame too short for SW1-SW3 is a protocol error, not an answer.
    if (!response) throw new DeviceError('E_PROTOCOL', `malformed answer to command ${hex(command.cmd)} ${hex(command.para)}`);
    return { ...response, frameBytes: reply.bytes.length };
  }

  private onData(bytes: Uint8Array): void {
    this.hooks.onBytes('in', bytes.length);
    for (const frame of this.deframer.push(bytes)) {
      const waiter = this.waiter;
      this.waiter = undefined;
      // Frames nobody asked for (a late answer) are dropped.
      waiter?.resolve(frame);
    }
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
