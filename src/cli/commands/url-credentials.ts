/**
 * A user name and password written into a configuration's URL (`https://admin:s3cret@…`): refused by
 * `init` and before a run, by path and without the URL. The AFAS reader would otherwise retry a
 * request fetch cannot even build for a quarter of a minute, then print the URL, password and all.
 * The token and the client secret have settings of their own, which may name a variable or a file.
 */
import { type ConnectionConfig, type ErrorDetail, HrsyncError } from '../../core/index.ts';

const CREDENTIALS =
  'may not contain a user name or password (the App Connector token, client secret and bind password are settings of their own)';

/** Throws HRS_CONFIG_INVALID naming each URL of `config` that carries a user name or password. */
export function refuseUrlCredentials(config: ConnectionConfig): void {
  const urls: [path: string, url: string][] = [];
  if ('baseUrl' in config.source.environment) {
    urls.push(['/source/environment/baseUrl', config.source.environment.baseUrl]);
  }
  const target = config.target;
  if (target.type === 'active-directory') {
    target.urls.forEach((url, i) => {
      urls.push([`/target/urls/${i}`, url]);
    });
  } else {
    urls.push(['/target/authorityHost', target.authorityHost], ['/target/graphBaseUrl', target.graphBaseUrl]);
  }
  const details: ErrorDetail[] = urls
    .filter(([, url]) => hasCredentials(url))
    .map(([path]) => ({ path, message: CREDENTIALS }));
  if (details.length > 0) {
    throw new HrsyncError('HRS_CONFIG_INVALID', 'the connection configuration is invalid:', { details });
  }
}

function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false; // not a URL at all: the configuration's schema says so
  }
}
