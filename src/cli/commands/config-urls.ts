/**
 * URLs in a configuration that would leak or mislead, refused by `init` and before a run.
 *
 * A user name and password written into a configuration's URL (`https://admin:s3cret@…`): refused by
 * `init` and before a run, by path and without the URL. The AFAS reader would otherwise retry a
 * request fetch cannot even build for a quarter of a minute, then print the URL, password and all.
 * The token and the client secret have settings of their own, which may name a variable or a file.
 *
 * A Microsoft Graph URL with the version in it (`https://graph.microsoft.com/v1.0`, what the Graph
 * emulator prints as its "graph base"): hrsync adds /v1.0 to every request, and Graph answered
 * /v1.0/v1.0/users/delta with "Resource not found for the segment 'delta'".
 */
import { type ConnectionConfig, type ErrorDetail, HrsyncError } from '../../core/index.ts';

const CREDENTIALS =
  'may not contain a user name or password (the App Connector token, client secret and bind password are settings of their own)';

/** Throws HRS_CONFIG_INVALID naming each URL of `config` that carries a password or a Graph version. */
export function refuseConfigUrls(config: ConnectionConfig): void {
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
  if (target.type === 'entra') {
    const version = GRAPH_VERSION.exec(target.graphBaseUrl);
    if (version !== null) {
      details.push({
        path: '/target/graphBaseUrl',
        message: `give it without "${version[0]}": ${target.graphBaseUrl.slice(0, version.index)} (hrsync adds the version to every request)`,
      });
    }
  }
  if (details.length > 0) {
    throw new HrsyncError('HRS_CONFIG_INVALID', 'the connection configuration is invalid:', { details });
  }
}

/** A Graph version as the URL's last path segment: /v1.0, /beta, with or without a closing slash. */
const GRAPH_VERSION = /\/(?:v1\.0|beta)\/*$/i;

function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false; // not a URL at all: the configuration's schema says so
  }
}
