/** The email of gt's commits: how a commit gt made is told from an agent's. */
export const GT_AUTHOR_EMAIL = 'gt@gastown.local';

/** Author of every Dolt commit gt makes, so `dolt_log` says who did it. */
export const GT_AUTHOR = `gt <${GT_AUTHOR_EMAIL}>`;
