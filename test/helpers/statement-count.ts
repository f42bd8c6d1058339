import type { RowDataPacket } from 'mysql2/promise';
import { connectTo } from './dolt-server.js';

/**
 * How many statements (COM_QUERY packets, from any client) the Dolt server on `port` received while `work` ran, as
 * the server itself counts them: its global `Questions` status counter, read on a connection of its own before and
 * after. Dolt counts every statement there, the read included (a value read is the count with that read), and counts
 * no connect, ping or quit. Only meaningful while nothing else talks to the server.
 */
export async function countStatements<T>(port: number, work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const counter = await connectTo(port);
  const questions = async (): Promise<number> => {
    const [rows] = await counter.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Questions'");
    const value = Number(rows[0]?.Value);
    if (!Number.isInteger(value)) throw new Error(`the server at port ${port} has no Questions status counter`);
    return value;
  };
  try {
    const before = await questions();
    const result = await work();
    const after = await questions();
    return { result, statements: after - before - 1 }; // less the read of `after`
  } finally {
    await counter.end();
  }
}
