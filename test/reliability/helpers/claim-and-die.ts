import { SqliteState } from '../../../src/state/sqlite-state.js';

// Claims the ids given, prints how many were new, and is killed at once: no close, no exit hooks.
const [dir, ...ids] = process.argv.slice(2);
const state = await SqliteState.open(dir!);
let fresh = 0;
for (const id of ids) if (await state.firstSighting(id, 24 * 3600_000)) fresh++;
process.stdout.write(`${fresh}\n`, () => process.kill(process.pid, 'SIGKILL'));
