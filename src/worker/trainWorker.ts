/// <reference lib="webworker" />
import { loadMnist } from '../data/mnistLoader';
import { MnistDataError } from '../data/idx';
import { chooseBackend, trySet, watchWebglContext } from './backend';
import type { BackendName, FromWorker, ToWorker } from './protocol';
import { TrainSession } from './trainSession';

/** Message plumbing: the training itself lives in TrainSession (testable in node). */
declare const self: DedicatedWorkerGlobalScope;

let backend: BackendName = 'cpu';
let loseContext: (() => void) | null = null;
/** The init being served, kept for a retry when the MNIST download fails. */
let init: Extract<ToWorker, { type: 'init' }> | null = null;
let backendNote = '';
/** MNIST files that arrived whole; a retry fetches only the rest. */
const keptFiles = new Map<string, Uint8Array>();

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

/**
 * Lets queued messages (pause, settings) in between steps. A MessageChannel round trip, not
 * setTimeout(0): nested timers are clamped to >= 4 ms, a real share of a ~40 ms step.
 */
const yieldChannel = new MessageChannel();
const yieldWaiters: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yieldWaiters.shift()?.();
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    yieldWaiters.push(resolve);
    yieldChannel.port2.postMessage(null);
  });
}

const session = new TrainSession({
  post, yieldToMessages, trySet,
  backend: () => backend,
  setBackend: (b) => {
    backend = b;
    loseContext = null;
  },
});

/** Fetches MNIST (or what is missing of it) and builds the first model; a failed download can be retried. */
async function loadDataAndBegin(): Promise<void> {
  if (!init || session.ready) return;
  let mnist;
  try {
    mnist = await loadMnist(init.dataUrl, (p) => post({ type: 'progress', ...p }), keptFiles);
  } catch (err) {
    const file = err instanceof MnistDataError ? err.file : null;
    const message = (err as Error).message;
    // The page names the file itself.
    post({ type: 'data-error', message: file && message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message, file });
    return;
  }
  const test = await session.begin(mnist, init.testCount);
  post({
    type: 'ready', backend, backendNote, testCount: test.count,
    testImages: mnist.test.images.slice(0, test.count * 784), testLabels: mnist.test.labels.slice(0, test.count),
  });
  await session.announce();
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init': {
      if (init) return;
      init = msg;
      session.prepare(msg.seq, msg.config, msg.settings);
      const chosen = await chooseBackend(msg.backend, msg.wasmThreads);
      backend = chosen.backend;
      backendNote = chosen.note;
      loseContext = watchWebglContext(() => session.contextLost());
      await loadDataAndBegin();
      return;
    }
    case 'retry-data':
      await loadDataAndBegin();
      return;
    case 'debug-lose-context':
      loseContext?.();
      return;
    case 'debug-crash':
      // What a wasm abort looks like from here: an exception out of a message handler.
      throw new Error('Aborted()');
    default:
      await session.handle(msg);
  }
}

// Messages are handled one at a time, in order, so a reset never interleaves with an init.
self.onmessage = (event: MessageEvent<ToWorker>) => {
  void session.enqueue(() => handle(event.data));
};
