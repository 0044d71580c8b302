/**
 * Builds the engine's adapters from a connection configuration file: resolves secret references
 * (environment variables, files beside the configuration), the AFAS source and the Graph target.
 * The CLI is a composition root, so this is one of the few places that reads process.env.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileProblem } from '../../core/file-problem.ts';
import type { ConnectionConfig, ErrorDetail, SecretRef } from '../../core/index.ts';
import { HrsyncError, isHrsyncError } from '../../core/index.ts';
import { jsonErrorWhere } from '../../core/json-text.ts';
import { loadConfig, type Source, STATE_ADVICE, type Target } from '../../engine/index.ts';
import { resolveSecret } from '../../engine/secrets.ts';
import { createAfasSource } from '../../sources/afas/index.ts';
import { createGraphTarget } from '../../targets/graph/index.ts';
import { createDirectoryTarget } from '../../targets/ldap/index.ts';
import { refuseConfigUrls } from './config-urls.ts';
import { readTextFile } from './text-file.ts';

export interface LoadedConnection {
  readonly config: ConnectionConfig;
  readonly path: string;
  readonly source: Source;
  readonly target: Target;
  /** Closes the target's connections (an open LDAP connection would keep the process alive). */
  close(): Promise<void>;
}

export async function readConfigFile(path: string): Promise<ConnectionConfig> {
  // `hrsync init` writes connection.json, the commands' default: say how to get one.
  const json = await readJsonFile(path, {
    absent: ' (write one with `hrsync init`, or name it with --config)',
    empty: ' (write one with `hrsync init`)',
  });
  const config = loadConfig(json);
  refuseConfigUrls(config);
  return config;
}

/**
 * The run state (links and tenant cache) `simulate`/`sync` keep beside the configuration: undefined
 * while there is none yet; a file that is there but cannot be read is refused in words, never
 * replaced (that would lose its links).
 */
export async function readRunState(path: string): Promise<unknown> {
  try {
    await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  }
  return readJsonFile(path, {
    what: 'the run state ',
    advice: `. ${STATE_ADVICE}`,
    maxBytes: Number.POSITIVE_INFINITY,
  });
}

/**
 * A JSON file the user names or may edit, read as UTF-8 text; what is wrong with it is said in
 * words with its name. `absent`/`empty` follow a missing or empty file, `advice` every problem.
 */
async function readJsonFile(
  path: string,
  words: {
    readonly what?: string;
    readonly absent?: string;
    readonly empty?: string;
    readonly advice?: string;
    readonly maxBytes?: number;
  },
): Promise<unknown> {
  const name = `${words.what ?? ''}${path}`;
  const advice = words.advice ?? '';
  let text: string;
  try {
    text = await readTextFile(path, words.maxBytes === undefined ? {} : { maxBytes: words.maxBytes });
  } catch (e) {
    const absent = (e as NodeJS.ErrnoException).code === 'ENOENT' ? (words.absent ?? '') : '';
    throw new HrsyncError('HRS_CONFIG_INVALID', `cannot read ${name}: ${fileProblem(e)}${absent}${advice}`);
  }
  if (text.trim() === '') {
    throw new HrsyncError('HRS_CONFIG_INVALID', `${name} is empty${words.empty ?? ''}${advice}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const where = jsonErrorWhere(text, (e as Error).message);
    throw new HrsyncError('HRS_CONFIG_INVALID', `${name} is not valid JSON: ${where}${advice}`);
  }
}

/**
 * What a certificate that is not trusted calls for, said in the CLI's own settings: the configuration's
 * CA file for Microsoft 365, Node's extra CA certificates for AFAS (the configuration has none for it).
 */
const GRAPH_TRUST_ADVICE =
  "name its certificate authority in the configuration's target.caFile (hrsync init --ca-file), or give the server a certificate from a trusted one";
const AFAS_TRUST_ADVICE =
  'start hrsync with NODE_EXTRA_CA_CERTS naming its certificate authority (a PEM file), or give the server a certificate from a trusted one';

export async function loadConnection(path: string): Promise<LoadedConnection> {
  const config = await readConfigFile(path);
  const baseDir = dirname(resolve(path));
  if (config.target.type === 'active-directory') {
    const directory = config.target;
    const secrets = await resolveSecrets(path, baseDir, {
      token: ['/source/token', config.source.token],
      bindPassword: ['/target/bindPassword', directory.bindPassword],
    });
    const source = createAfasSource(config.source, { token: secrets.token, trustAdvice: AFAS_TRUST_ADVICE });
    const ca = directory.caFile ? await readCaFile(baseDir, directory.caFile) : undefined;
    const target = createDirectoryTarget(directory, {
      bindPassword: secrets.bindPassword,
      ...(ca ? { ca } : {}),
    });
    return { config, path, source, target, close: () => target.close() };
  }
  const cred = config.target.credential;
  let token: string;
  let credential: { clientSecret: string } | { certificatePem: string; privateKeyPem: string };
  if (cred.type === 'secret') {
    const secrets = await resolveSecrets(path, baseDir, {
      token: ['/source/token', config.source.token],
      clientSecret: ['/target/credential/secret', cred.secret],
    });
    token = secrets.token;
    credential = { clientSecret: secrets.clientSecret };
  } else {
    const secrets = await resolveSecrets(path, baseDir, {
      token: ['/source/token', config.source.token],
      certificatePem: ['/target/credential/certificate', cred.certificate],
      privateKeyPem: ['/target/credential/privateKey', cred.privateKey],
    });
    token = secrets.token;
    credential = { certificatePem: secrets.certificatePem, privateKeyPem: secrets.privateKeyPem };
  }
  const source = createAfasSource(config.source, { token, trustAdvice: AFAS_TRUST_ADVICE });
  const ca = config.target.caFile ? await readCaFile(baseDir, config.target.caFile) : undefined;
  const target = createGraphTarget(config.target, {
    credential,
    trustAdvice: GRAPH_TRUST_ADVICE,
    ...(ca ? { ca } : {}),
  });
  return { config, path, source, target, close: () => target.close() };
}

/**
 * The configuration's secrets, each resolved from its reference (an environment variable, a file
 * beside the configuration). Every one that cannot be is named at once by its setting, so an
 * administrator setting up a new machine sets all the variables in one go, not one per run.
 */
async function resolveSecrets<K extends string>(
  configPath: string,
  baseDir: string,
  refs: Readonly<Record<K, readonly [path: string, ref: SecretRef]>>,
): Promise<Record<K, string>> {
  const values = {} as Record<K, string>;
  const problems: ErrorDetail[] = [];
  for (const [key, [path, ref]] of Object.entries(refs) as [K, readonly [string, SecretRef]][]) {
    try {
      values[key] = await resolveSecret(ref, { baseDir, env: process.env });
    } catch (e) {
      if (!isHrsyncError(e) || e.code !== 'HRS_SECRET_UNRESOLVED') throw e;
      // The engine's message stands alone ("Secret not resolved: … is not set."); here it is a detail.
      problems.push({ path, message: e.message.replace(/^Secret not resolved: /, '').replace(/\.$/, '') });
    }
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? 'a secret' : `${problems.length} secrets`;
    throw new HrsyncError('HRS_SECRET_UNRESOLVED', `${configPath} names ${count} that could not be read:`, {
      details: problems,
    });
  }
  return values;
}

/**
 * The CA certificate the configuration names (target.caFile, relative to its folder). A file that
 * cannot be read, or holds no certificate, is a setting to correct: said here, rather than as a
 * stack trace or as the TLS error of the first request ("unable to verify the first certificate").
 */
async function readCaFile(baseDir: string, file: string): Promise<string> {
  const path = resolve(baseDir, file);
  let text: string;
  try {
    text = await readTextFile(path);
  } catch (e) {
    throw new HrsyncError(
      'HRS_CONFIG_INVALID',
      `cannot read the CA certificate ${path} (/target/caFile): ${fileProblem(e)}`,
    );
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new HrsyncError(
      'HRS_CONFIG_INVALID',
      `the CA certificate ${path} (/target/caFile) holds no PEM certificate (a -----BEGIN CERTIFICATE----- block)`,
    );
  }
  return text;
}
