// config.json and the chain spec it names, read and checked before the light client starts: the
// spec as the light client takes it is raw, with config.json's boot nodes added. The same rule
// and words as the Rust client's (client/src/light.rs, `with_boot_nodes`), so that a plain spec
// is refused with the command that makes the raw one, not in smoldot's words.

/** Why a chain spec without a raw genesis is refused (the Rust client's `PLAIN_SPEC`). */
export const PLAIN_SPEC = 'the chain spec is not raw (its genesis is not storage): give the raw one, ' +
  '`educhain-node build-spec --chain SPEC --raw > raw.json`';

/** `text` parsed, when it is a JSON object; else why not, naming `what`. */
function jsonObject(text, what) {
  let value;
  try {
    value = JSON.parse(text);
  } catch(e) {
    throw new Error(`${what} is not JSON: ${e.message}`);
  }
  if(value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what} is not a JSON object`);
  }
  return value;
}

/**
 * The text `fetchFn` (the browser's `fetch`) gets at `url`; a failed request or an answer other
 * than 2xx is refused in words naming `what` (a host's 404 page is neither a config nor a spec).
 */
export async function fetchText(url, what, fetchFn = fetch) {
  let response;
  try {
    response = await fetchFn(url);
  } catch(e) {
    throw new Error(`${what} (${url}) could not be fetched: ${e.message}`);
  }
  if(!response.ok) {
    throw new Error(`${what} (${url}) could not be fetched: HTTP ${response.status}`);
  }
  return response.text();
}

/** config.json's settings (`text`): an object naming its chain spec, or why not. */
export function parseConfig(text) {
  const config = jsonObject(text, 'config.json');
  if(typeof config.chainSpec !== 'string' || config.chainSpec.trim() === '') {
    throw new Error(`config.json: chainSpec ${JSON.stringify(config.chainSpec)}: not the address of a chain spec`);
  }
  return config;
}

/**
 * `chainSpec` (JSON text) with `bootNodes` (config.json's) added to its own, as JSON text; a plain
 * spec, or boot nodes that are not a list of addresses, are refused.
 */
export function withBootNodes(chainSpec, bootNodes) {
  const spec = jsonObject(chainSpec, 'the chain spec');
  const genesis = spec.genesis;
  const isObject = genesis !== null && typeof genesis === 'object' && !Array.isArray(genesis);
  if(!isObject || !('raw' in genesis || 'stateRootHash' in genesis)) {
    throw new Error(PLAIN_SPEC);
  }
  if(!Array.isArray(bootNodes) || !bootNodes.every(address => typeof address === 'string')) {
    throw new Error(`config.json: bootNodes ${JSON.stringify(bootNodes)}: not a list of addresses`);
  }
  const listed = spec.bootNodes ?? [];
  if(!Array.isArray(listed)) {
    throw new Error("the chain spec's bootNodes is not a list");
  }
  spec.bootNodes = [...listed, ...bootNodes];
  return JSON.stringify(spec);
}
