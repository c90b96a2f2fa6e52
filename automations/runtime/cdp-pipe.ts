// The DevTools protocol over a pipe instead of a port (Chromium's and Electron's
// --remote-debugging-pipe: commands in on the browser's fd 3, answers out on fd 4, each message
// JSON ending in a NUL byte). Only the processes holding the pipe's ends can talk to the browser:
// no port that any local process could attach to.
import type { Readable, Writable } from 'node:stream';
import type { ConnectOverCDPTransport } from 'playwright-core';

export type CdpTransport = ConnectOverCDPTransport;

/** A transport for playwright-core's connectOverCDP over the two ends of the browser's pipe. */
export function pipeTransport(toBrowser: Writable, fromBrowser: Readable): ConnectOverCDPTransport {
  let pending: Buffer[] = [];
  let closed = false;
  const transport: ConnectOverCDPTransport = {
    send(message) {
      if (!closed) toBrowser.write(`${JSON.stringify(message)}\0`);
    },
    close() {
      if (closed) return;
      closed = true;
      toBrowser.end();
      fromBrowser.destroy();
    },
  };
  fromBrowser.on('data', (chunk: Buffer) => {
    let at = chunk.indexOf(0);
    let start = 0;
    while (at >= 0) {
      const text = Buffer.concat([...pending, chunk.subarray(start, at)]).toString('utf8');
      pending = [];
      transport.onmessage?.(JSON.parse(text) as object);
      start = at + 1;
      at = chunk.indexOf(0, start);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  });
  fromBrowser.on('close', () => {
    closed = true;
    transport.onclose?.('the browser closed its DevTools pipe');
  });
  return transport;
}
