import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** What Node's HTTP parser and timers report, as the API's error: status, code and words. */
function errorOf(code: string | undefined, message: string): [status: number, error_code: string, description: string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'headers_too_large', 'The request line and headers are over the size limit'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'request_timeout', 'The request was not sent in time'];
    default:
      return [400, 'bad_request', `The request is not valid HTTP/1.1: ${message.replace(/[^\x20-\x7e]/g, '?').slice(0, 200)}`];
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
      const [status, error_code, description] = errorOf(error.code, error.message);
      const body = JSON.stringify({ error_code, description });
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  });
}
