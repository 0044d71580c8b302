/**
 * A real SMTP server (smtp-server) on a free loopback port that keeps every message it accepts, for
 * the service and browser tests that check what hrsync e-mails. Plain, or implicit TLS with a given
 * certificate; with or without a user name and password; recipients can be refused by rule.
 * `next()` waits for a message to arrive (an event, not a sleep), since run notifications are sent
 * after the run has finished.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CollectedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** The message as received, with quoted-printable soft line breaks joined so whole lines match. */
  readonly raw: string;
  /** Whether the message came over TLS. */
  readonly secure: boolean;
}

export interface MailCollectorOptions {
  /** Require AUTH PLAIN/LOGIN with these; without it the server offers no AUTH at all. */
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Speak implicit TLS (SMTPS) with this certificate; without it the server is plain, no STARTTLS. */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
  /** Recipients the server refuses ("no such mailbox"). */
  readonly refuse?: (address: string) => boolean;
  /** The address to listen on; default 127.0.0.1 (`::1` for a mail server written as an IPv6 address). */
  readonly host?: string;
}

export interface MailCollector {
  readonly port: number;
  readonly mails: readonly CollectedMail[];
  /** Errors the server reported, e.g. a client that dropped the TLS handshake. */
  readonly errors: readonly string[];
  /**
   * The first message from index `from` on (default: any not yet seen when called) that matches;
   * waits for it to arrive, at most `timeoutMs`.
   */
  next(
    match?: (mail: CollectedMail) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<CollectedMail>;
  close(): Promise<void>;
}

export async function startMailCollector(options: MailCollectorOptions = {}): Promise<MailCollector> {
  const mails: CollectedMail[] = [];
  const errors: string[] = [];
  const arrived = new EventEmitter();
  const { auth, tls, refuse, host = '127.0.0.1' } = options;
  const server = new SMTPServer({
    secure: tls !== undefined,
    ...(tls ? { key: tls.keyPem, cert: tls.certPem } : {}),
    disabledCommands: ['STARTTLS', ...(auth ? [] : ['AUTH'])],
    ...(auth ? { allowInsecureAuth: true, authMethods: ['PLAIN', 'LOGIN'] } : {}),
    logger: false,
    onAuth(given, _session, done) {
      if (auth && given.username === auth.user && given.password === auth.pass)
        done(null, { user: auth.user });
      else done(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, done) {
      if (refuse?.(address.address)) done(new Error('no such mailbox'));
      else done();
    },
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const mail: CollectedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: raw.replace(/=\r\n/g, ''),
          secure: session.secure,
        };
        mails.push(mail);
        arrived.emit('mail', mail);
        done();
      });
    },
  });
  server.on('error', (error) => errors.push(error.message));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    mails,
    errors,
    next(match = () => true, { from = mails.length, timeoutMs = 20_000 } = {}) {
      const seen = mails.slice(from).find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const onMail = (mail: CollectedMail): void => {
          if (!match(mail)) return;
          clearTimeout(timer);
          arrived.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          arrived.off('mail', onMail);
          reject(
            new Error(`no matching e-mail arrived in ${timeoutMs} ms (${mails.length} received in all)`),
          );
        }, timeoutMs);
        arrived.on('mail', onMail);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
