import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../helpers/env.js';
import { terminateProcess } from '../../../src/lib/process.js';

/**
 * Counts accepted connections and closes each at once (so a client fails fast and no SQL can run), answering
 * `count` messages with the number so far. Plain JavaScript: it runs as its own Node process.
 */
const CHILD = `
const { createServer } = require('node:net');
let accepted = 0;
const server = createServer((socket) => { accepted++; socket.destroy(); });
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', () => process.send({ accepted }));
process.on('disconnect', () => process.exit(0));
`;

/**
 * A process gt takes for the town's Dolt server but which speaks no SQL: it runs in the town's data dir with
 * `sql-server` in its argv (what gt checks before it connects to a listener, see src/observe/server-process.ts), so
 * a gt command that got as far as observing the server would connect to it, and the connection is counted.
 */
export interface StandInServer {
  port: number;
  /** Connections accepted since it started; every one that a finished command made is counted. */
  accepted(): Promise<number>;
  stop(): Promise<void>;
}

function nextMessage(child: ChildProcess): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the stand-in server exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as Record<string, number>);
    });
  });
}

export async function startStandInServer(dataDir: string): Promise<StandInServer> {
  const script = join(makeTempDir('gt-stand-in'), 'stand-in.cjs');
  writeFileSync(script, CHILD);
  const child = fork(script, ['sql-server'], { cwd: dataDir, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await nextMessage(child);
  if (port === undefined || child.pid === undefined) throw new Error('the stand-in server did not start');
  const pid = child.pid;
  return {
    port,
    accepted: async () => {
      const reply = nextMessage(child);
      child.send('count');
      return Number((await reply).accepted);
    },
    stop: async () => {
      child.disconnect();
      await terminateProcess(pid, 5000);
    },
  };
}
