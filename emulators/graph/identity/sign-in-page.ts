/**
 * The emulator's sign-in page: pick a user of the directory or type a user principal name. Plain
 * HTML with a form, no script, so any browser test drives it with ordinary locators.
 */
import type { AadstsError } from './aadsts-error.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:Segoe UI,system-ui,sans-serif;background:#f2f2f2;margin:0}
main{max-width:440px;margin:48px auto;background:#fff;padding:32px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:0 0 8px}label{display:block;margin:6px 0}
input[type=text]{width:100%;box-sizing:border-box;padding:6px;font-size:15px}
button{margin-top:16px;background:#0067b8;color:#fff;border:0;padding:8px 24px;font-size:15px}
.error{color:#a80000}fieldset{border:0;padding:0;margin:12px 0;max-height:320px;overflow:auto}`;

interface PageUser {
  readonly id: string;
  readonly userPrincipalName?: unknown;
  readonly displayName?: unknown;
}

/** No favicon request: the emulator has none, and a browser's 404 for it reads as an error. */
const NO_ICON = '<link rel="icon" href="data:,">';

export function signInPage(
  appName: string,
  flow: string,
  users: readonly PageUser[],
  loginHint: string | null,
  error: string | null,
): string {
  const options = users
    .slice(0, 200)
    .map(
      (u) =>
        `<label><input type="radio" name="user" value="${esc(u.id)}"> ${esc(String(u.displayName ?? ''))} (${esc(String(u.userPrincipalName ?? ''))})</label>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title>${NO_ICON}
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body><main>
<h1>Sign in</h1><p>to continue to ${esc(appName)} (Microsoft identity platform emulator)</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post">
<input type="hidden" name="flow" value="${esc(flow)}">
<label for="login">Email, phone, or Skype</label>
<input type="text" id="login" name="login" value="${esc(loginHint ?? '')}" autocomplete="username">
<fieldset><legend>Or pick an account</legend>${options}</fieldset>
<button type="submit">Sign in</button>
</form></main></body></html>`;
}

export function errorPage(error: AadstsError): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title>${NO_ICON}<style>${STYLE}</style></head>
<body><main><h1>Sorry, but we’re having trouble signing you in.</h1><p class="error" role="alert">${esc(error.message)}</p></main></body></html>`;
}

/** response_mode=form_post: a page that posts the answer to the redirect URI. */
export function formPost(redirectUri: string, params: Readonly<Record<string, string>>): string {
  const fields = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return `<!doctype html><html><head><title>Working...</title>${NO_ICON}</head><body onload="document.forms[0].submit()">
<form method="post" action="${esc(redirectUri)}">${fields}<noscript><button>Continue</button></noscript></form></body></html>`;
}
