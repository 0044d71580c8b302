import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

/** A throw-away certificate authority plus one server certificate it signed. */
export interface TestPki {
  readonly caCertPem: string;
  readonly caKeyPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** Absolute path of the CA certificate when persisted; hand it to clients (NODE_EXTRA_CA_CERTS). */
  readonly caFile?: string;
}

export interface TestPkiOptions {
  /** DNS names and IP addresses the server certificate is valid for. */
  readonly hosts?: readonly string[];
  /** Folder to read an earlier PKI from, or to write a new one to, so the CA survives restarts. */
  readonly dir?: string;
  readonly validDays?: number;
}

export interface CertificateWithKey {
  readonly certPem: string;
  readonly keyPem: string;
}

const DEFAULT_HOSTS = ['localhost', '127.0.0.1', '::1'] as const;
const FILES = { caCert: 'ca.pem', caKey: 'ca.key.pem', cert: 'server.pem', key: 'server.key.pem' } as const;

/**
 * Returns a CA and a server certificate signed by it. With `dir`, an existing PKI in that folder is
 * reused while the server certificate is still valid for all requested hosts; otherwise a new one
 * is generated and written there.
 */
export function createTestPki(options: TestPkiOptions = {}): TestPki {
  const hosts = options.hosts ?? DEFAULT_HOSTS;
  const validDays = options.validDays ?? 825;
  if (options.dir !== undefined) {
    const existing = loadPki(options.dir, hosts);
    if (existing) return existing;
  }
  const ca = issueCertificate({ commonName: 'hrsync emulator test CA', validDays, isCa: true });
  const server = issueCertificate({
    commonName: hosts[0] ?? 'localhost',
    validDays,
    isCa: false,
    hosts,
    issuer: ca,
  });
  const pki = { caCertPem: ca.certPem, caKeyPem: ca.keyPem, certPem: server.certPem, keyPem: server.keyPem };
  if (options.dir === undefined) return pki;
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(join(options.dir, FILES.caCert), pki.caCertPem);
  writeFileSync(join(options.dir, FILES.caKey), pki.caKeyPem, { mode: 0o600 });
  writeFileSync(join(options.dir, FILES.cert), pki.certPem);
  writeFileSync(join(options.dir, FILES.key), pki.keyPem, { mode: 0o600 });
  return { ...pki, caFile: join(options.dir, FILES.caCert) };
}

/**
 * A self-signed certificate: by default an app registration's credential for client-assertion tests;
 * for `server`, a TLS server's certificate for `commonName` that no client trusts.
 */
export function createSelfSignedCertificate(
  commonName: string,
  validDays = 365,
  purpose: 'client' | 'server' = 'client',
): CertificateWithKey {
  return purpose === 'client'
    ? issueCertificate({ commonName, validDays, isCa: false, clientAuth: true })
    : issueCertificate({ commonName, validDays, isCa: false, hosts: [commonName] });
}

function loadPki(dir: string, hosts: readonly string[]): TestPki | undefined {
  const paths = Object.values(FILES).map((file) => join(dir, file));
  if (!paths.every((path) => existsSync(path))) return undefined;
  const [caCertPem, caKeyPem, certPem, keyPem] = paths.map((path) => readFileSync(path, 'utf8'));
  if (!caCertPem || !caKeyPem || !certPem || !keyPem) return undefined;
  const cert = new X509Certificate(certPem);
  const stillValid = Date.parse(cert.validTo) > Date.now() + 24 * 3600_000;
  const coversHosts = hosts.every((host) => (isIP(host) ? cert.checkIP(host) : cert.checkHost(host)));
  if (!stillValid || !coversHosts) return undefined;
  return { caCertPem, caKeyPem, certPem, keyPem, caFile: join(dir, FILES.caCert) };
}

interface IssueRequest {
  readonly commonName: string;
  readonly validDays: number;
  readonly isCa: boolean;
  readonly hosts?: readonly string[];
  readonly issuer?: CertificateWithKey;
  readonly clientAuth?: boolean;
}

function issueCertificate(request: IssueRequest): CertificateWithKey {
  // node-forge delegates to node:crypto's native generator when available, so this is fast.
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  // Leading 0x01 keeps the DER integer positive, as RFC 5280 requires.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600_000);
  cert.validity.notAfter = new Date(now + request.validDays * 24 * 3600_000);
  const subject = [{ name: 'commonName', value: request.commonName }];
  cert.setSubject(subject);
  const issuerCert = request.issuer ? forge.pki.certificateFromPem(request.issuer.certPem) : undefined;
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
  cert.setExtensions(extensionsFor(request, issuerCert));
  const signingKey = request.issuer ? forge.pki.privateKeyFromPem(request.issuer.keyPem) : keys.privateKey;
  cert.sign(signingKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

function extensionsFor(request: IssueRequest, issuerCert: forge.pki.Certificate | undefined): object[] {
  if (request.isCa) {
    return [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ];
  }
  const extensions: object[] = [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: !request.clientAuth, clientAuth: request.clientAuth === true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (issuerCert) {
    const keyIdentifier = issuerCert.generateSubjectKeyIdentifier().getBytes();
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier });
  }
  if (request.hosts && request.hosts.length > 0) {
    const altNames = request.hosts.map((host) =>
      isIP(host) ? { type: 7, ip: host } : { type: 2, value: host },
    );
    extensions.push({ name: 'subjectAltName', altNames });
  }
  return extensions;
}
