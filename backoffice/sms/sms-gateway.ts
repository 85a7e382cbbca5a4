/**
 * How the back office sends a text message: one adapter per provider (a province's SMS platform, a
 * carrier's gateway) behind this interface. `messageId` is the same every time the same message is tried,
 * so a gateway that deduplicates by it (most take a client message id) sends a retried message once.
 */
export interface SmsMessage {
  readonly messageId: string;
  /** The full number: only ever handed to the gateway, never stored or logged. */
  readonly to: string;
  readonly text: string;
}

export interface SmsGateway {
  /** Stored with each message sent, e.g. `recording`. */
  readonly name: string;
  /** Resolves with the gateway's reference once it took the message; rejects when it did not. */
  send(message: SmsMessage): Promise<{ readonly ref: string }>;
}
