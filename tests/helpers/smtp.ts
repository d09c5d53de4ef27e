import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
  /** Arrival time at the server. */
  at: Date;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** When set, the server answers DATA with 451 and this text. */
  refuse: string | undefined;
  parse(mail: ReceivedMail): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on a free port of 127.0.0.1 that keeps what it receives. */
export async function startSmtpServer(): Promise<TestSmtp> {
  const state: TestSmtp = {
    url: '',
    received: [],
    refuse: undefined,
    parse: (mail) => simpleParser(mail.raw),
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.refuse) {
          const err = new Error(state.refuse) as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          at: new Date(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
