export { type Listening, type ListenOptions, listen } from './listen.ts';
export {
  type CertificateWithKey,
  createSelfSignedCertificate,
  createTestPki,
  type TestPki,
  type TestPkiOptions,
} from './tls.ts';
