// The page's rule for when its light client is ready (src/catchup.js), on stand-in light
// clients, and the limit config.json sets: node test/catchup.test.mjs. Each case bounds how long
// giving up may take and checks the words, which are the Rust client's. Exits 0 when every case
// passes.
import assert from 'node:assert/strict';
import {catchUp, syncLimitMs} from '../src/catchup.js';

/**
 * A stand-in light client: `peers` and `health` give what system_peers and system_health
 * answer at each ask (null: never answers), `finalized` the finalized block numbers in turn.
 */
function reader({peers = () => [], health = () => ({isSyncing: false}), finalized = [0]}) {
  let asked = 0;
  const never = new Promise(() => {});
  return {
    async request(method) {
      const answer = {system_peers: peers, system_health: health}[method]();
      return answer === null ? never : answer;
    },
    async finalized() {
      return {number: finalized[Math.min(asked++, finalized.length - 1)]};
    },
  };
}

/** How `reader` ends within `limitMs`: its error's words, or 'ready'; and how long it took. */
async function outcome(stand_in, limitMs) {
  const started = Date.now();
  try {
    await catchUp(stand_in, limitMs);
    return {said: 'ready', took: Date.now() - started};
  } catch(e) {
    return {said: e.message, took: Date.now() - started};
  }
}

const peer = bestNumber => ({peerId: 'p', roles: 'FULL', bestHash: '0x00', bestNumber});
const cases = [
  // No peer, and system_health never answered (smoldot without its runtime): given up at the limit.
  ['no peer', {health: () => null}, 'the light client did not sync within 0.5 s: it found no peer'],
  ['still syncing', {peers: () => [peer(9)], health: () => ({isSyncing: true})}, 'the light client did not sync within 0.5 s: still syncing (a longer limit may do)'],
  ['finality behind', {peers: () => [peer(5)], finalized: [3]}, 'the light client did not catch up within 0.5 s: its finalized block is #3, its peers announced #5; is finality stalled?'],
  ['silent', {peers: () => null}, 'the light client did not sync within 0.5 s: it has not answered yet'],
  // The target is the best block first seen: later announcements do not move it.
  ['caught up', {peers: (() => { let best = 4; return () => [peer(best++), peer(2)]; })(), finalized: [2, 3, 4]}, 'ready'],
];
let failed = 0;
for(const [name, behaviour, expected] of cases) {
  const {said, took} = await outcome(reader(behaviour), 500);
  try {
    assert.equal(said, expected);
    assert.ok(took < 1500, `took ${took} ms with a limit of 500 ms`);
    console.log(`ok: ${name} (${took} ms)`);
  } catch(e) {
    failed++;
    console.log(`FAILED: ${name}: ${e.message}`);
  }
}
// The limit a host sets in config.json, and what is refused.
const limits = [
  ['default limit', {}, 60_000],
  ['limit set', {syncLimitSeconds: 180}, 180_000],
  ['no time refused', {syncLimitSeconds: 0}, 'config.json: syncLimitSeconds 0: not a positive number of seconds'],
  ['words refused', {syncLimitSeconds: '60'}, 'config.json: syncLimitSeconds "60": not a positive number of seconds'],
];
for(const [name, config, expected] of limits) {
  let said;
  try {
    said = syncLimitMs(config);
  } catch(e) {
    said = e.message;
  }
  try {
    assert.equal(said, expected);
    console.log(`ok: ${name}`);
  } catch(e) {
    failed++;
    console.log(`FAILED: ${name}: ${e.message}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
