import type { Command } from 'commander';
import type { TownFiles } from '../config/load.js';
import type { YamlParseCache } from '../config/yaml-documents.js';
import type { Observation } from '../observe/observe.js';
import { loadConfigForCommand } from './load-config.js';
import { addManifestOption, collect, type GlobalOptions } from './global-options.js';
import { EXIT, runCommand, type CommandIO, type Session } from './output.js';

export interface DiffOptions {
  explain?: boolean;
  prune?: boolean;
  force?: boolean;
  /** Fetch every pushed remote first, so ahead/behind are the remotes' own (statements per remote). */
  refresh?: boolean;
  forcePush?: boolean;
  acceptSpike?: string[];
}

/** `gt diff`: observe, plan, print. Changes nothing. Exit 0 no differences, 1 differences, 2 error. */
export function registerDiffCommand(program: Command, session: Session): void {
  addManifestOption(program.command('diff'))
    .description('show what gt apply would change (exit 0: none, 1: differences, 2: error)')
    .option('--explain', 'also show which config source won each server setting')
    .option('--prune', 'plan the drops that gt apply --prune would make')
    .option('--force', 'plan drops even of databases with unpushed commits, as gt apply --force would')
    .option('--refresh', 'fetch every pushed remote first: ahead/behind as the remotes are now, not as gt last saw them')
    .option('--force-push', 'plan forced pushes over remotes that have commits main lacks, as gt apply --force-push would')
    .option('--accept-spike <db>', 'plan the ledger export that gt apply --accept-spike would make (repeatable)', collect)
    .action(runCommand(session, (io, options: DiffOptions) => runDiff(io, options)));
}

/** The town's files read before the manifests, and the observation begun from them (or why it failed). */
interface EarlyStart {
  town: TownFiles;
  /** Has parsed config.yaml: the observation reads it again. */
  yamlCache: YamlParseCache;
  observation: Promise<Observation>;
}

/**
 * Reads daemon.json and starts observing the server before the manifests are read: Dolt computes the snapshot while
 * gt reads the manifests, which in a large town take about as long. Returns once the snapshot query is sent. Null
 * when the settings are not known yet (loadDesiredState then says why).
 */
async function startEarly(options: GlobalOptions, env: NodeJS.ProcessEnv, refreshRemotes: boolean): Promise<EarlyStart | null> {
  const { loadServerSettings } = await import('../config/load.js');
  const { beginObservation } = await import('../observe/observe.js');
  const { diskYamlCache } = await import('../config/yaml-documents.js');
  const yamlCache = diskYamlCache(env);
  const town = loadServerSettings({ town: options.town, files: options.file, env, cwd: process.cwd(), yamlCache });
  if (town === null) return null;
  const observation = beginObservation(town.townRoot, town.server, yamlCache, { refreshRemotes });
  // a failure is reported after the config's own errors, when the observation is awaited
  await observation.catch(() => undefined);
  return { town, yamlCache, observation };
}

/** Observe, plan, print; shared by `gt diff` and `gt apply --dry-run`. */
export async function runDiff(io: CommandIO, options: DiffOptions): Promise<number> {
  const { planErrorsDocument, renderPlanJson } = await import('../plan/render-json.js');
  const refreshRemotes = options.refresh === true;
  const early = await startEarly(io.options, io.env, refreshRemotes);
  const loaded = await loadConfigForCommand(io, { town: early?.town, errorDocument: planErrorsDocument });
  if (!loaded) {
    early?.observation.then((observation) => observation.cancel(), () => undefined);
    return EXIT.error;
  }
  const { desired } = loaded;
  const { plan } = await import('../plan/plan.js');
  const { beginObservation } = await import('../observe/observe.js');
  const { diskYamlCache } = await import('../config/yaml-documents.js');
  const observation = await (early?.observation ?? beginObservation(desired.townRoot, desired.server, diskYamlCache(io.env), { refreshRemotes }));
  const observed = await observation.complete(desired);
  const current = plan(desired, observed, { prune: options.prune === true, force: options.force === true, forcePush: options.forcePush === true, acceptSpike: options.acceptSpike });
  if (io.output === 'json') {
    io.stdout.write(`${renderPlanJson(current, options.explain ? desired.server : undefined)}\n`);
  } else {
    const { renderPlanText } = await import('../plan/render-text.js');
    if (options.explain) {
      const { renderExplainText } = await import('../plan/render-explain.js');
      io.stdout.write(`${renderExplainText(desired.server, io.color)}\n`);
    }
    io.stdout.write(renderPlanText(current, io.color));
  }
  if (current.errors.length > 0) return EXIT.error;
  return current.actions.length > 0 || current.blocked.length > 0 ? EXIT.differences : EXIT.ok;
}
