/**
 * The preload exposes exactly one thing to the (sandboxed, isolated) renderer: `window.kiosk`, a message
 * port on one IPC channel. No ipcRenderer, no Node, no other channel; everything else is RPC, validated
 * in main.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { KIOSK_RPC_CHANNEL, type KioskBridge } from '../../core/contract/bridge.ts';

const bridge: KioskBridge = {
  post(data) {
    if (typeof data === 'string') ipcRenderer.send(KIOSK_RPC_CHANNEL, data);
  },
  subscribe(listener) {
    const onMessage = (_event: IpcRendererEvent, data: unknown) => listener(data);
    ipcRenderer.on(KIOSK_RPC_CHANNEL, onMessage);
    return () => {
      ipcRenderer.removeListener(KIOSK_RPC_CHANNEL, onMessage);
    };
  },
};

contextBridge.exposeInMainWorld('kiosk', bridge);
