import type { CheckOutcome, DoctorContext, Finding, GrowthThresholds } from './doctor-types.js';
import { checkStatus, formatBytes, GiB, MiB, noFixes, plural } from './doctor-util.js';

/**
 * How big the storage is and whether it grows unseen: the data dir against its filesystem's free space, each
 * database's chunk journal, and the daemon directory with the server's log. Checks of features gt does not have yet
 * (commit counts against a compaction threshold, unpushed commits, backups, the ledger) are absent, not faked.
 */
export const GROWTH_THRESHOLDS: GrowthThresholds = { minFreeFraction: 0.1, minFreeBytes: GiB, journalBytes: 256 * MiB, daemonDirBytes: 500 * MiB };

/** What the data dir's hidden directories hold, for the operator who wonders where the space went. */
const HIDDEN_MEANING: Record<string, string> = {
  '.dolt_dropped_databases': "dropped databases Dolt keeps restorable (CALL dolt_undrop('name')) until CALL dolt_purge_dropped_databases()",
  '.gt-incomplete': 'directories of interrupted creates that gt moved aside (never deleted: look, then remove them)',
};

function dataDirFindings({ observation, thresholds }: DoctorContext): Finding[] {
  const { usage } = observation;
  const largest = [...usage.databases].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
  const findings: Finding[] = [
    {
      level: 'info',
      subject: '.dolt-data',
      message: `${formatBytes(usage.dataDirBytes)} in ${plural(usage.databases.length, 'database')}${largest.length === 0 ? '' : `; largest ${largest.map((db) => `${db.name} ${formatBytes(db.bytes)}`).join(', ')}`}`,
      details: { bytes: usage.dataDirBytes, databases: usage.databases.length },
    },
  ];
  for (const hidden of usage.hidden.filter((entry) => HIDDEN_MEANING[entry.name] !== undefined && entry.bytes > 0)) {
    findings.push({ level: 'info', subject: hidden.name, message: `${formatBytes(hidden.bytes)}: ${HIDDEN_MEANING[hidden.name]}`, details: { bytes: hidden.bytes } });
  }
  const fs = usage.filesystem;
  if (fs !== null) {
    const low = fs.freeBytes < thresholds.minFreeBytes || fs.freeBytes < fs.totalBytes * thresholds.minFreeFraction;
    const share = fs.totalBytes === 0 ? 0 : Math.round((100 * fs.freeBytes) / fs.totalBytes);
    findings.push({
      level: low ? 'warning' : 'info',
      subject: 'filesystem',
      message: `${formatBytes(fs.freeBytes)} free of ${formatBytes(fs.totalBytes)} (${share}%)`,
      details: { freeBytes: fs.freeBytes, totalBytes: fs.totalBytes },
    });
  }
  return findings;
}

export function checkDataDir(context: DoctorContext): CheckOutcome {
  const findings = dataDirFindings(context);
  const status = checkStatus(findings);
  const summary = findings.filter((finding) => finding.subject === '.dolt-data' || finding.subject === 'filesystem').map((finding) => finding.message).join('; ');
  const fix =
    'free space: CALL DOLT_GC() on the largest databases, purge dropped ones once you are sure (CALL dolt_purge_dropped_databases(), no undrop after it), or give the data dir a larger disk';
  return noFixes({ id: 'data-dir', group: 'growth', title: 'Data directory size and free space', status, summary, findings, fix: status === 'ok' ? null : fix });
}

export function checkJournals({ observation, thresholds, options }: DoctorContext): CheckOutcome {
  const databases = [...observation.usage.databases].sort((a, b) => b.journalBytes - a.journalBytes);
  const findings: Finding[] = databases
    .filter((db) => db.journalBytes > thresholds.journalBytes)
    .map((db) => ({ level: 'warning', subject: db.name, message: `journal ${formatBytes(db.journalBytes)} (above ${formatBytes(thresholds.journalBytes)})`, details: { database: db.name, journalBytes: db.journalBytes } }));
  const largest = databases[0];
  const summary =
    findings.length > 0
      ? `${plural(findings.length, 'journal')} above ${formatBytes(thresholds.journalBytes)}: ${findings.map((finding) => finding.subject).join(', ')}`
      : largest === undefined
        ? 'no database on disk'
        : `largest journal ${formatBytes(largest.journalBytes)} (${largest.name})`;
  const fix = `CALL DOLT_GC() on each (${options.gt} dolt sql -d NAME -q 'CALL DOLT_GC()'); if they keep growing, check that config.yaml keeps behavior.auto_gc_behavior.enable true`;
  return noFixes({ id: 'journals', group: 'growth', title: 'Chunk journals', status: checkStatus(findings), summary, findings, fix: findings.length === 0 ? null : fix });
}

export function checkDaemonDir({ observation, thresholds }: DoctorContext): CheckOutcome {
  const { daemonDirBytes, daemonDir } = observation.usage;
  const big = daemonDirBytes > thresholds.daemonDirBytes;
  const largest = daemonDir.slice(0, 3).filter((entry) => entry.bytes > 0);
  const finding: Finding = {
    level: big ? 'warning' : 'info',
    subject: 'daemon/',
    message: `${formatBytes(daemonDirBytes)}${largest.length === 0 ? '' : `; largest ${largest.map((entry) => `${entry.name} ${formatBytes(entry.bytes)}`).join(', ')}`}`,
    details: { bytes: daemonDirBytes },
  };
  const fix = `rotate or truncate the largest logs (daemon/dolt.log is the server's; it keeps appending to the same file, so truncate it in place: : > daemon/dolt.log)`;
  return noFixes({ id: 'daemon-dir', group: 'growth', title: 'The daemon directory (logs)', status: checkStatus([finding]), summary: finding.message, findings: [finding], fix: big ? fix : null });
}
