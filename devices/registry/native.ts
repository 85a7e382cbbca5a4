/**
 * The real-hardware environment: serialport's native binding and discovery through it (which runs
 * udevadm on Linux). Only production code calls this; tests inject their own environment.
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import type { BindingInterface } from '@serialport/bindings-interface';
import type { Discovery } from './discovery.ts';

export function nativeSerial(): { binding: BindingInterface; discovery: Discovery } {
  return {
    binding: SerialPort.binding,
    discovery: { list: () => SerialPort.list(), exists: async (path) => existsSync(path) },
  };
}
