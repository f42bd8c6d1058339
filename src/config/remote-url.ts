import { posix } from 'node:path';

/** URL schemes Dolt can fetch from and push to (Dolt's `dbfactory.DBFactories`). */
const DOLT_SCHEMES = [
  'file',
  'http',
  'https',
  'aws',
  'gs',
  'az',
  'oci',
  'oss',
  'ssh',
  'git+file',
  'git+http',
  'git+https',
  'git+ssh',
];

/** Whitespace and control characters: Go's URL parser refuses them, and a terminal must never get them raw. */
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

/**
 * Why `url` cannot be a declared remote, or null when Dolt takes it and stores it verbatim in `dolt_remotes`.
 *
 * Verbatim matters: the plan compares the declared URL with the stored one, so a URL Dolt rewrites on `add`
 * (env.GetAbsRemoteUrl: file paths cleaned, git URLs translated to git+ schemes and re-encoded) would differ on every
 * run and be replaced forever. Such URLs are refused with the form to write instead.
 */
export function remoteUrlProblem(url: string): string | null {
  const shown = JSON.stringify(url.length > 200 ? `${url.slice(0, 197)}...` : url);
  if (WHITESPACE_OR_CONTROL.test(url)) {
    return `${shown} contains whitespace or a control character; percent-encode it (a space is %20)`;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  if (scheme === undefined) {
    const git = gitShorthand(url);
    if (git !== null) return `${shown} is git shorthand, which Dolt stores as ${JSON.stringify(git)}; write that`;
    const hint = /^[\w.-]+\/[\w.-]+$/.test(url) ? ` (for DoltHub write "https://doltremoteapi.dolthub.com/${url}")` : '';
    return `${shown} has no URL scheme${hint}; Dolt accepts ${acceptedForms()}`;
  }
  if (!DOLT_SCHEMES.includes(scheme.toLowerCase())) {
    return `${shown} uses the scheme ${scheme}://, which Dolt cannot push to; Dolt accepts ${acceptedForms()}`;
  }
  if (scheme !== scheme.toLowerCase()) return `${shown}: write the scheme in lowercase, ${scheme.toLowerCase()}://, as Dolt stores it`;
  if (/%(?![0-9a-f]{2})/i.test(url)) return `${shown} has a "%" that does not start a %XX escape; write a literal % as %25`;
  const rest = url.slice(scheme.length + 3);
  if (scheme === 'file') return fileUrlProblem(shown, rest);
  if (scheme.startsWith('git+')) return gitUrlProblem(shown, url);
  if (!/^[^/]/.test(rest)) return `${shown} has no host after ${scheme}://`;
  if (endsInGit(url) && ['http', 'https', 'ssh'].includes(scheme)) {
    return `${shown} ends in .git, so Dolt treats it as a git repository and stores it as "git+${url}"; write that`;
  }
  return null;
}

/** Dolt cleans a file:// path (filepath.Clean, decoded, query dropped) before storing it. */
function fileUrlProblem(shown: string, path: string): string | null {
  if (!path.startsWith('/')) return `${shown}: a file:// URL needs an absolute path, e.g. file:///srv/dolt-remotes/wyvern`;
  if (endsInGit(path)) return `${shown} ends in .git, so Dolt treats it as a git repository; write "git+file://${path}"`;
  if (/[\\%?#]/.test(path)) {
    return `${shown}: Dolt reads a file:// URL as a plain path (no \\, %-escapes, ? or #); write the path itself`;
  }
  const clean = posix.normalize(path).replace(/(.)\/+$/, '$1');
  return clean === path ? null : `${shown}: Dolt stores this path cleaned, as "file://${clean}"; write that`;
}

/**
 * Dolt parses a git+ URL with Go's net/url and stores its re-serialisation, which escapes or normalises anything
 * beyond plain characters; plain URLs come back unchanged.
 */
function gitUrlProblem(shown: string, url: string): string | null {
  const [withoutQuery = url] = url.split('?', 1);
  if (!/^git\+[a-z]+:\/\/[A-Za-z0-9._~:/@+,;=-]+$/.test(withoutQuery) || url.includes('#') || url.includes('%')) {
    return `${shown}: in a git+ URL use only letters, digits and - . _ ~ : / @ + , ; = (plus a ?query); Dolt re-encodes anything else`;
  }
  return /^git\+[a-z]+:\/\/[^/]/.test(url) || url.startsWith('git+file:///') ? null : `${shown} has no host`;
}

function endsInGit(url: string): boolean {
  return /\.git$/.test(url.replace(/#.*$/, '').replace(/\?.*$/, ''));
}

/** What Dolt stores for scp-style `[user@]host:path.git` and local `/path.git` (env.NormalizeGitRemoteUrl); null for other text. */
function gitShorthand(url: string): string | null {
  if (!endsInGit(url)) return null;
  if (url.startsWith('/')) return `git+file://${url}`;
  const scp = /^([^/:]+):(.+)$/.exec(url);
  if (scp === null) return null;
  const [, host = '', path = ''] = scp;
  if (!host.includes('.') && !host.includes('@')) return null;
  return `git+ssh://${host}${path.startsWith('/') ? path : `/./${path}`}`;
}

function acceptedForms(): string {
  return DOLT_SCHEMES.map((s) => `${s}://`).join(', ');
}
