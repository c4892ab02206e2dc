import type { Socket } from 'socket.io-client';

/** The reason the server ended the socket, or a failure when it is still open after timeoutMs. */
export const disconnectReason = (socket: Socket, timeoutMs: number): Promise<string> =>
  new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
