// A minimal SMTP server for tests of mail delivery: it accepts every message and keeps what it
// received (the envelope and the message as sent).
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SmtpMessage {
  from: string;
  rcpt: string[];
  data: string;
}

/** A minimal SMTP server: accepts every message, keeps what it received. */
export async function smtpServer(): Promise<{ port: number; messages: SmtpMessage[]; close: () => Promise<void> }> {
  const messages: SmtpMessage[] = [];
  const srv = net.createServer((sock) => {
    let buf = '';
    let inData = false;
    let cur: SmtpMessage = { from: '', rcpt: [], data: '' };
    sock.write('220 test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(cur);
            cur = { from: '', rcpt: [], data: '' };
            sock.write('250 queued\r\n');
          } else cur.data += line + '\n';
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') sock.write('250-test\r\n250 8BITMIME\r\n');
        else if (cmd === 'HELO') sock.write('250 test\r\n');
        else if (cmd === 'MAIL') {
          cur.from = line;
          sock.write('250 ok\r\n');
        } else if (cmd === 'RCPT') {
          cur.rcpt.push(line);
          sock.write('250 ok\r\n');
        } else if (cmd === 'DATA') {
          inData = true;
          sock.write('354 go on\r\n');
        } else if (cmd === 'QUIT') {
          sock.end('221 bye\r\n');
        } else sock.write('250 ok\r\n');
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { port: (srv.address() as AddressInfo).port, messages, close: () => new Promise((r) => srv.close(() => r())) };
}

