// Labs for jsdom tests: never connected (jsdom has no Worker), with autosaves that keep their
// saves in memory, provided the way the shell provides the app's (src/hooks/sectionLab.tsx).
import { LabController } from '../../src/hooks/labController';
import { Autosave } from '../../src/hooks/persistence';
import type { LabName, Labs } from '../../src/hooks/sectionLab';
import { memoryKv, SaveSlots } from '../../src/state/savedModels';
import { memoryLocks, memoryStorage } from '../../src/state/tabSession';

/** A lab that is never connected: no worker starts, the panels show their "loading" state. */
export function idleLab(opts: { conditional?: boolean } = {}): LabController {
  return new LabController(
    { latentDim: 2, hiddenDim: 16, conditional: opts.conditional ?? false, seed: 1 },
    { learningRate: 1e-3, batchSize: 128, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' },
    'cpu',
    'http://localhost/data/',
    opts.conditional ? 'cvae' : 'main',
  );
}

/** An autosave whose slots, locks and storage live in memory; not started (it restores nothing). */
export function memoryAutosave(lab: LabController): Autosave {
  return new Autosave(lab, {
    slots: new SaveSlots(memoryKv()), locks: memoryLocks(), tab: memoryStorage(), site: { ...memoryStorage(), removeItem: () => undefined },
    urlNamesModel: false, urlShownHere: false, newOwner: () => 'me', persist: () => Promise.resolve(null), doc: null,
  });
}

/** The labs a test's shell provides, and which of them were asked for (in order). */
export function testLabs(main: LabController = idleLab(), cvae: LabController = idleLab({ conditional: true })): Labs & { asked: LabName[] } {
  const autosaves = new Map<LabController, Autosave>();
  const asked: LabName[] = [];
  return {
    asked,
    lab(name) {
      asked.push(name);
      return name === 'cvae' ? cvae : main;
    },
    autosave(lab) {
      let a = autosaves.get(lab);
      if (!a) autosaves.set(lab, (a = memoryAutosave(lab)));
      return a;
    },
  };
}
