// The light client's worker: smoldot's bytecode is compiled and run here, off the page's thread.
import * as smoldot from 'smoldot/worker';
import {compileBytecode} from 'smoldot/bytecode';

compileBytecode().then(bytecode => postMessage(bytecode));
onmessage = message => smoldot.run(message.data);
