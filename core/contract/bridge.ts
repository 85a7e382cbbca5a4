import type { MessagePort } from './rpc-endpoint.ts';

/** What the Electron preload exposes as `window.kiosk`: one RPC channel and nothing else. */
export type KioskBridge = MessagePort;

/** The IPC channel name, shared by the preload and the main process. */
export const KIOSK_RPC_CHANNEL = 'kiosk:rpc';
