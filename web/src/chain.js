// The chain as the page reads it: a light client (smoldot, in a Web Worker) that checks every
// answer by proofs against a finalized block, or a JSON-RPC server the page then says it trusts.
// Both answer the same few standard methods; the page's domain reads are runtime calls
// (`state_call`) made at the finalized block.
import * as smoldot from 'smoldot/no-auto-bytecode';
import {hex, unhex} from './scale.js';
import {catchUp} from './catchup.js';
import {withBootNodes} from './spec.js';

/** JSON-RPC over a request function `send(text)` whose answers arrive through `deliver`. */
class Rpc {
  constructor() {
    this.next = 1;
    this.waiting = new Map();
  }

  deliver(text) {
    const answer = JSON.parse(text);
    const waiter = this.waiting.get(answer.id);
    if(!waiter) {
      return;
    }
    this.waiting.delete(answer.id);
    if(answer.error) {
      waiter.reject(new Error(`${waiter.method}: ${answer.error.message ?? JSON.stringify(answer.error)}`));
    } else {
      waiter.resolve(answer.result);
    }
  }

  request(method, params = []) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {resolve, reject, method});
      this.send(JSON.stringify({jsonrpc: '2.0', id, method, params}));
    });
  }
}

/**
 * A light client for the network of `chainSpec` (raw chain spec text), with `bootNodes` added,
 * started from `database` (what `database()` gave at an earlier visit, or ''); smoldot ignores a
 * database that is not of this chain.
 */
export class LightChain extends Rpc {
  static async start(chainSpec, bootNodes, database = '') {
    // Before the worker starts: a spec it cannot take is refused in words that say what to do.
    const spec = withBootNodes(chainSpec, bootNodes);
    const worker = new Worker(new URL('./worker.js', import.meta.url), {type: 'module'});
    const bytecode = new Promise(resolve => { worker.onmessage = event => resolve(event.data); });
    const {port1, port2} = new MessageChannel();
    worker.postMessage(port1, [port1]);
    const client = smoldot.startWithBytecode({bytecode, portToWorker: port2, maxLogLevel: 2});
    const chain = await client.addChain({chainSpec: spec, databaseContent: database});
    const light = new LightChain(client, chain);
    light.pump();
    return light;
  }

  constructor(client, chain) {
    super();
    this.client = client;
    this.chain = chain;
    this.trust = {light: true};
  }

  send(text) {
    this.chain.sendJsonRpc(text);
  }

  async pump() {
    for(;;) {
      let text;
      try {
        text = await this.chain.nextJsonRpcResponse();
      } catch(e) {
        for(const waiter of this.waiting.values()) {
          waiter.reject(new Error(`the light client stopped: ${e.message}`));
        }
        return;
      }
      this.deliver(text);
    }
  }

  /** Its finalized state, to start from at the next visit. */
  database() {
    return this.request('chainHead_unstable_finalizedDatabase');
  }

  /** Wait, up to `limitMs`, until it has caught up (see catchup.js). */
  synced(limitMs) {
    return catchUp(this, limitMs);
  }
}

/** A JSON-RPC server at `url` (http or https), believed as it answers. */
export class TrustedNode extends Rpc {
  constructor(url) {
    super();
    this.url = url;
    this.trust = {node: url};
  }

  async send(text) {
    try {
      const response = await fetch(this.url, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: text});
      this.deliver(await response.text());
    } catch(e) {
      const {id} = JSON.parse(text);
      this.deliver(JSON.stringify({id, error: {message: `${this.url}: ${e.message}`}}));
    }
  }

  async synced() {}
}

/** How many times a runtime call whose proof could not be had is made. */
const CALL_ATTEMPTS = 3;

/** Methods both kinds answer. */
for(const Kind of [LightChain, TrustedNode]) {
  Object.assign(Kind.prototype, {
    /** The latest finalized block: `{hash, number}`. */
    async finalized() {
      const hash = await this.request('chain_getFinalizedHead');
      const header = await this.request('chain_getHeader', [hash]);
      return {hash, number: Number(header.number)};
    },
    async genesis() {
      return this.request('chainSpec_v1_genesisHash');
    },
    /** Runtime call `method` with SCALE `args` (bytes) at block `at`: the SCALE answer as bytes. */
    async call(method, args, at) {
      const data = hex(args);
      let answer;
      for(let attempt = 1; answer === undefined; attempt++) {
        try {
          answer = await this.request('state_call', [method, data, at]);
        } catch(e) {
          // smoldot's "Error trying to access the storage required for the runtime call" says
          // that a call proof could not be had from a peer this time: trying again may succeed.
          if(attempt >= CALL_ATTEMPTS || !e.message.includes('Error trying to access the storage')) {
            throw new Error(`${method}: ${e.message}`);
          }
        }
      }
      return unhex(answer);
    },
  });
}
