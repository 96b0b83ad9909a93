import { connect, type ConnectionOptions } from 'node:tls';

export type Handshake =
  | { readonly ok: true; readonly protocol: string | null; readonly cipher: string; readonly subject: string; readonly raw: Buffer }
  | { readonly ok: false; readonly error: string };

/**
 * Opens a TLS connection, completes (or fails) the handshake and hangs up. Server identity is
 * not checked against the host name: internode listeners are reached on mapped addresses.
 */
export function handshake(host: string, port: number, options: ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, checkServerIdentity: () => undefined, ...options });
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate();
      resolve({ ok: true, protocol: socket.getProtocol(), cipher: socket.getCipher().standardName, subject: String(peer.subject?.CN ?? ''), raw: peer.raw });
      socket.end();
    });
    socket.once('error', (e) => resolve({ ok: false, error: e.message }));
  });
}
