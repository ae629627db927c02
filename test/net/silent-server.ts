import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback TCP server that accepts every connection and never answers: a hung endpoint. */
export interface SilentServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: () => number;
  stop(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined); // the client hanging up on us is the point
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => accepted,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
