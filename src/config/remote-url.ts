/** URL schemes Dolt can fetch from and push to (dbfactory.DBFactories, reference/dolt.md §4). */
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

/** Why Dolt would not accept `url` as a remote, or null when it would. */
export function remoteUrlProblem(url: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (/^[^/\s]+@[^:\s]+:\S+\.git$/.test(url) || /^\/\S+\.git$/.test(url)) return null;
    const hint = /^[\w.-]+\/[\w.-]+$/.test(url)
      ? ` (for DoltHub write "https://doltremoteapi.dolthub.com/${url}")`
      : '';
    return `${JSON.stringify(url)} has no URL scheme${hint}; Dolt accepts ${acceptedForms()}`;
  }
  if (!DOLT_SCHEMES.includes(scheme)) {
    return `${JSON.stringify(url)} uses the scheme ${scheme}://, which Dolt cannot push to; Dolt accepts ${acceptedForms()}`;
  }
  const rest = url.slice(scheme.length + 3);
  if (scheme === 'file' || scheme === 'git+file') {
    return rest.startsWith('/')
      ? null
      : `${JSON.stringify(url)}: a ${scheme}:// URL needs an absolute path, e.g. ${scheme}:///srv/dolt-remotes/wyvern`;
  }
  return /^[^/\s]/.test(rest) ? null : `${JSON.stringify(url)} has no host after ${scheme}://`;
}

function acceptedForms(): string {
  return `${DOLT_SCHEMES.map((s) => `${s}://`).join(', ')}, or a git URL ending in .git (git@host:org/repo.git)`;
}
