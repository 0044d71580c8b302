/**
 * `hrsync init`: writes a starter connection configuration from flags, with the default mapping
 * filled in. Secrets go by reference (`--afas-token-env NAME`) unless given inline on purpose.
 */
import { access, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { isHrsyncError, type SecretRef } from '../../core/index.ts';
import { loadConfig, starterConfig } from '../../engine/index.ts';

interface InitFlags {
  out: string;
  force?: boolean;
  afasUrl?: string;
  afasEnvironment?: string;
  afasKind: 'production' | 'test' | 'accept';
  afasToken?: string;
  afasTokenEnv?: string;
  afasTokenFile?: string;
  tenant: string;
  clientId: string;
  clientSecret?: string;
  clientSecretEnv?: string;
  clientSecretFile?: string;
  certificate?: string;
  privateKey?: string;
  domain: string;
  authorityHost?: string;
  graphUrl?: string;
  caFile?: string;
}

function secretRef(
  value: string | undefined,
  env: string | undefined,
  file: string | undefined,
): SecretRef | null {
  if (env) return { env };
  if (file) return { file };
  if (value) return { value };
  return null;
}

export function initCommand(): Command {
  return new Command('init')
    .description('Write a starter connection configuration with the default mapping')
    .option('-o, --out <file>', 'where to write it', 'connection.json')
    .option('--force', 'overwrite an existing file')
    .option('--afas-url <url>', 'ProfitRestServices base URL (or use --afas-environment)')
    .option('--afas-environment <number>', 'AFAS environment number, e.g. 12345')
    .option('--afas-kind <kind>', 'production | test | accept', 'production')
    .option('--afas-token <token>', 'AFAS App Connector token (stored inline: prefer --afas-token-env)')
    .option('--afas-token-env <name>', 'environment variable holding the AFAS token')
    .option('--afas-token-file <file>', 'file holding the AFAS token')
    .requiredOption('--tenant <id>', 'Microsoft Entra tenant id or verified domain')
    .requiredOption('--client-id <id>', 'application (client) id')
    .option('--client-secret <secret>', 'client secret (stored inline: prefer --client-secret-env)')
    .option('--client-secret-env <name>', 'environment variable holding the client secret')
    .option('--client-secret-file <file>', 'file holding the client secret')
    .option('--certificate <file>', 'PEM certificate registered on the app (with --private-key)')
    .option('--private-key <file>', 'PEM private key of that certificate')
    .requiredOption('--domain <domain>', 'verified domain for new UPNs and mail')
    .option('--authority-host <url>', 'identity platform (an emulator: its https URL)')
    .option('--graph-url <url>', 'Microsoft Graph base URL (an emulator: its URL)')
    .option('--ca-file <file>', 'extra CA certificate to trust (the emulator test CA)')
    .action(async (flags: InitFlags) => {
      try {
        await init(flags);
      } catch (e) {
        if (!isHrsyncError(e)) throw e;
        console.error(`${e.code}: ${e.message}`);
        process.exitCode = 1;
      }
    });
}

async function init(flags: InitFlags): Promise<void> {
  const token = secretRef(flags.afasToken, flags.afasTokenEnv, flags.afasTokenFile);
  const secret = secretRef(flags.clientSecret, flags.clientSecretEnv, flags.clientSecretFile);
  const problems: string[] = [];
  if (!flags.afasUrl && !flags.afasEnvironment) problems.push('give --afas-url or --afas-environment');
  if (!token) problems.push('give --afas-token-env, --afas-token-file or --afas-token');
  if (!secret && !(flags.certificate && flags.privateKey)) {
    problems.push(
      'give --client-secret-env/--client-secret-file/--client-secret, or --certificate with --private-key',
    );
  }
  if (problems.length > 0) {
    console.error(problems.map((p) => `hrsync init: ${p}`).join('\n'));
    process.exitCode = 1;
    return;
  }
  const config = starterConfig({
    environment: flags.afasUrl
      ? { baseUrl: flags.afasUrl }
      : { number: flags.afasEnvironment as string, kind: flags.afasKind },
    token: token as SecretRef,
    tenantId: flags.tenant,
    clientId: flags.clientId,
    credential: secret
      ? { type: 'secret', secret }
      : {
          type: 'certificate',
          certificate: { file: flags.certificate as string },
          privateKey: { file: flags.privateKey as string },
        },
    defaultDomain: flags.domain,
    ...(flags.authorityHost ? { authorityHost: flags.authorityHost } : {}),
    ...(flags.graphUrl ? { graphBaseUrl: flags.graphUrl } : {}),
    ...(flags.caFile ? { caFile: flags.caFile } : {}),
  });

  loadConfig(config);
  if (!flags.force) {
    const exists = await access(flags.out).then(
      () => true,
      () => false,
    );
    if (exists) {
      console.error(`hrsync init: ${flags.out} exists; use --force to overwrite`);
      process.exitCode = 1;
      return;
    }
  }
  await writeFile(flags.out, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  console.log(`wrote ${flags.out}; next: hrsync simulate --config ${flags.out}`);
}
