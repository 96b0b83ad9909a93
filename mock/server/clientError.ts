import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { reject, type Rejection } from '../../domain/rejections.ts';

/** What Node's HTTP parser and timers report, as the API's error. */
function errorOf(code: string | undefined, message: string): Rejection {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return reject.headersTooLarge();
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return reject.requestTimeout();
    default:
      return reject.badRequest(`The request is not valid HTTP/1.1: ${message.replace(/[^\x20-\x7e]/g, '?').slice(0, 200)}`);
  }
}

/**
 * Answers a request Node could not parse (or that came too slowly) in the API's error shape,
 * then closes the connection, as Node's default does with a bare status line. Nothing is
 * written when an answer has already begun on the connection: that would corrupt it.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    if (error.code !== 'ECONNRESET' && socket.writable && !socket._httpMessage?.headersSent) {
      const { status, error_code, description } = errorOf(error.code, error.message);
      const body = JSON.stringify({ error_code, description });
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  });
}
