// When a light client is ready to read: once its finalized block has reached the best block its
// peers announced when it first saw them. Warp sync stops at the last justification; without
// this wait, a credential revoked a moment ago could read as valid. The same rule and words as
// the Rust client's (client/src/light.rs).

/** How long a light client may take to catch up unless config.json says (the Rust client's default). */
export const SYNC_LIMIT_SECONDS = 60;

/**
 * The page's limit, in ms, from config.json's `syncLimitSeconds` (a host's network may need
 * longer), else SYNC_LIMIT_SECONDS; a value that is not a positive number of seconds is refused,
 * in the Rust client's words.
 */
export function syncLimitMs(config) {
  const seconds = config.syncLimitSeconds ?? SYNC_LIMIT_SECONDS;
  if(!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`config.json: syncLimitSeconds ${JSON.stringify(seconds)}: not a positive number of seconds`);
  }
  return seconds * 1000;
}

/**
 * Wait until `reader` (with `request(method, params)` and `finalized()`) has caught up, or fail
 * after `limitMs` with why: no peer, still syncing, or finality behind its peers. The limit bounds
 * the whole wait: smoldot answers `system_health` only once it has its runtime, which without a
 * peer takes longer than the limit may be, so peers are asked first.
 */
export async function catchUp(reader, limitMs) {
  const progress = {state: 'it has not answered yet', target: null, finalized: 0, stopped: false};
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(givingUp(progress, limitMs))), limitMs);
  });
  try {
    await Promise.race([follow(reader, progress), expired]);
  } finally {
    progress.stopped = true;
    clearTimeout(timer);
  }
}

/** Ask until caught up (or stopped), keeping in `progress` how far it has come. */
async function follow(reader, progress) {
  while(!progress.stopped) {
    const best = Math.max(...(await reader.request('system_peers')).map(peer => peer.bestNumber));
    if(!Number.isFinite(best)) {
      progress.state = 'it found no peer';
    } else if((await reader.request('system_health')).isSyncing !== false) {
      progress.state = 'still syncing (a longer limit may do)';
    } else {
      progress.target ??= best;
      progress.finalized = (await reader.finalized()).number;
      if(progress.finalized > 0 && progress.finalized >= progress.target) {
        return;
      }
      progress.state = 'behind';
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** Why the wait failed, in the Rust client's words. */
function givingUp({state, target, finalized}, limitMs) {
  const within = `within ${limitMs / 1000} s`;
  return state === 'behind'
    ? `the light client did not catch up ${within}: its finalized block is #${finalized}, its peers announced #${target}; is finality stalled?`
    : `the light client did not sync ${within}: ${state}`;
}
