import type { TFunction } from 'i18next';
import type { LossUnits, UnitId } from '../shared/lossUnits';
import { formatDateTime, formatNumber } from './format';

/**
 * The page's wording of texts that reach it in English: the worker's errors, notices and backend
 * notes, ModelFileError reasons, and model-source labels (stored in files and saves, so they stay
 * English data). Each known sentence is matched and re-worded through the `panel` keys; anything
 * unknown is shown as it came, in English, rather than hidden.
 */
type Rule = [RegExp, (m: RegExpExecArray) => string];

function firstMatch(text: string, rules: Rule[]): string | null {
  for (const [re, word] of rules) {
    const m = re.exec(text);
    if (m) return word(m);
  }
  return null;
}

const g = (m: RegExpExecArray, i: number): string => m[i] ?? '';

export function unitText(t: TFunction, id: UnitId): string {
  return t(`panel.unit.${id}`);
}

/** Why the loss has the unit it has, for the loss metric's tooltip. */
export function lossNoteText(t: TFunction, units: LossUnits): string {
  const { note } = units.ids;
  return note === 'natsPerDigit' ? t('panel.unitNote.natsPerDigit') : t('panel.unitNote.mixed', { recon: t(`panel.unitNote.${note}`) });
}

/** Why a model file was refused or a load failed (ModelFileError messages and the menu's own). */
export function reasonText(t: TFunction, reason: string): string {
  return firstMatch(reason, [
    [/^unknown error$/, () => t('panel.reason.unknownError')],
    [/^the file is (\d+) MB, larger than any VAE Lab model$/, (m) => t('panel.reason.tooLarge', { mb: g(m, 1) })],
    [/^this is a conditional VAE; import it on the Conditional VAE page$/, () => t('panel.reason.isConditional')],
    [/^this is a plain VAE; import it outside the Conditional VAE page$/, () => t('panel.reason.isPlain')],
    [/^the file's model settings are missing or out of range$/, () => t('panel.reason.badSettings')],
    [/^the file's training settings are out of range$/, () => t('panel.reason.badTrainSettings')],
    [/^the file's list of weights is corrupt$/, () => t('panel.reason.corruptWeightList')],
    [/^the file's pixel setting is neither grey nor binarized$/, () => t('panel.reason.badPixels')],
    [/^the file's conditional VAE kind "(.*)" is unknown$/, (m) => t('panel.reason.badKind', { kind: g(m, 1) })],
    [/^the file is truncated$/, () => t('panel.reason.truncated')],
    [/^this is not a VAE Lab model file \(too short\)$/, () => t('panel.reason.notModelShort')],
    [/^this is not a VAE Lab model file \(it does not start with "VAELAB"\)$/, () => t('panel.reason.notModelMagic')],
    [/^the file is format version (\d+), newer than this app reads \((\d+)\); update VAE Lab$/,
      (m) => t('panel.reason.newerVersion', { version: g(m, 1), supported: g(m, 2) })],
    [/^unknown model file version (.+)$/, (m) => t('panel.reason.unknownVersion', { version: g(m, 1) })],
    [/^the file's header is corrupt$/, () => t('panel.reason.corruptHeader')],
    [/^the file lists no weights$/, () => t('panel.reason.noWeights')],
    [/^the file has no "(.*)" weights: it is from another kind of model$/, (m) => t('panel.reason.missingWeights', { name: g(m, 1) })],
    [/^"(.*)" holds (\d+) values but this architecture needs (\d+): the file is from another architecture$/,
      (m) => t('panel.reason.wrongCount', { name: g(m, 1), count: g(m, 2), expected: g(m, 3) })],
    [/^"(.*)" uses an unknown encoding$/, (m) => t('panel.reason.unknownEncoding', { name: g(m, 1) })],
    [/^"(.*)" contains NaN or infinite values$/, (m) => t('panel.reason.notFinite', { name: g(m, 1) })],
    [/^the trainer is not running$/, () => t('panel.reason.notRunning')],
    [/^the trainer did not answer within (\d+) s$/, (m) => t('panel.reason.noAnswer', { seconds: g(m, 1) })],
    [/^the trainer stopped \((.*)\)$/s, (m) => t('panel.reason.trainerStopped', { reason: g(m, 1) })],
    [/^reading the weights did not finish within (\d+) s$/, (m) => t('panel.reason.readTimedOut', { seconds: g(m, 1) })],
    [/^reading the weights was cut off: the WebGL context was lost$/, () => t('panel.reason.readLost')],
    [/^no copy of it is left$/, () => t('panel.reason.noCopyLeft')],
  ]) ?? reason;
}

/** An error or notice for the banners: the worker's, the model menu's, the autosave's. */
export function messageText(t: TFunction, message: string): string {
  const unchanged = '\\. The current model is unchanged\\.$';
  return firstMatch(message, [
    [new RegExp(`^Could not load the trained model: (.*)${unchanged}`, 's'), (m) => t('panel.message.loadTrained', { reason: reasonText(t, g(m, 1)) })],
    [new RegExp(`^Could not export the model: (.*)${unchanged}`, 's'), (m) => t('panel.message.exportFailed', { reason: reasonText(t, g(m, 1)) })],
    [new RegExp(`^Could not import (.+?): (.*)${unchanged}`, 's'), (m) => t('panel.message.importFailed', { file: g(m, 1), reason: reasonText(t, g(m, 2)) })],
    [new RegExp(`^Could not load the model: (.*)${unchanged}`, 's'), (m) => t('panel.message.loadFailed', { reason: reasonText(t, g(m, 1)) })],
    [/^The training worker failed: (.*)$/s, (m) => t('panel.message.workerFailed', { reason: reasonText(t, g(m, 1)) })],
    [/^Did not save the model: its (.+) hold NaN or infinite values\. The last save is kept\.$/s, (m) => t('panel.message.notSavedNonFinite', { what: g(m, 1) })],
    [/^Could not save the model in this browser: (.*)\. Training goes on; export it to a file to keep it\.$/s,
      (m) => t('panel.message.autosaveFailed', { reason: reasonText(t, g(m, 1)) })],
    [/^Training diverged at step (\d+): (.+?)\. (Restored the weights from step (\d+)\. |No earlier weights to restore; press reset\. )Lower the learning rate, or raise beta if it is 0 with squared error, then press start\.$/,
      (m) => {
        const blewUp = /^the numbers blew up \(KL (\S+) nats\), heading for overflow$/.exec(g(m, 2));
        const what = blewUp ? t('panel.message.divergedBlewUp', { kl: g(blewUp, 1) })
          : g(m, 2) === 'the loss became NaN or infinite' ? t('panel.message.divergedNaN') : g(m, 2);
        const restore = m[4] ? t('panel.message.restoredWeights', { step: g(m, 4) }) : t('panel.message.noWeights');
        return t('panel.message.diverged', { step: g(m, 1), what, restore });
      }],
    [/^The WebGL context was lost at step (\d+)\. Training moved to (\w+) and goes on from (the weights of step (\d+)\.|new weights \(none had been saved yet\)\.)$/,
      (m) => t('panel.message.contextLost', {
        step: g(m, 1), backend: g(m, 2),
        from: m[4] ? t('panel.message.contextLostFromStep', { step: g(m, 4) }) : t('panel.message.contextLostFromNew'),
      })],
  ]) ?? message;
}

/** The worker's sentence on which backend runs and why (backend.ts, trainWorker.ts). */
export function backendNoteText(t: TFunction, note: string): string {
  if (!note) return note;
  const threads = /^(.*?)(?:; (\d+) threads|; 1 thread( \(threads need a cross-origin-isolated page\))?)$/s.exec(note);
  const base = threads ? g(threads, 1) : note;
  const suffix = !threads ? '' : threads[2] ? t('panel.backendNote.threads', { n: g(threads, 2) })
    : threads[3] ? t('panel.backendNote.oneThreadIsolated') : t('panel.backendNote.oneThread');
  const worded = base === '' ? '' : firstMatch(base, [
    [/^pinned by \?backend=(\w+)$/, (m) => t('panel.backendNote.pinned', { backend: g(m, 1) })],
    [/^GPU: (.*)$/s, (m) => t('panel.backendNote.gpu', { renderer: g(m, 1) })],
    [/^WebGL here is a software renderer \((.*)\); wasm is faster on the CPU$/s, (m) => t('panel.backendNote.software', { renderer: g(m, 1) })],
    [/^no WebGL 2 in this browser; wasm runs on the CPU$/, () => t('panel.backendNote.noWebgl')],
    [/^(\w+) failed to start, fell back to (\w+)$/, (m) => t('panel.backendNote.fellBack', { first: g(m, 1), backend: g(m, 2) })],
    [/^WebGL context lost at step (\d+); moved to (\w+)$/, (m) => t('panel.backendNote.contextLost', { step: g(m, 1), backend: g(m, 2) })],
  ]);
  // Unknown base sentence: keep the whole note as it came, suffix included.
  return worded === null ? note : worded + suffix;
}

/** Where the current model came from (LabState.modelSource, also written into exported files). */
export function modelSourceText(t: TFunction, language: string, source: string): string {
  return firstMatch(source, [
    [/^new model, trained here from scratch$/, () => t('panel.source.scratch')],
    [/^new conditional VAE, trained here from scratch$/, () => t('panel.source.cvaeScratch')],
    [/^imported from (.+)$/s, (m) => t('panel.source.imported', { file: g(m, 1) })],
    [/^(VAE|conditional VAE), latent size (\d+), trained in advance for ([\d,]+) steps$/, (m) => t('panel.source.shipped', {
      kind: m[1] === 'VAE' ? t('panel.source.kindVae') : t('panel.source.kindCvae'),
      latent: g(m, 2),
      steps: formatNumber(language, Number(g(m, 3).replace(/,/g, ''))),
    })],
    [/^restored from (\S+) \((.*)\)$/s, (m) => t('panel.source.restored', {
      time: dateText(language, g(m, 1)),
      source: modelSourceText(t, language, g(m, 2)),
    })],
  ]) ?? source;
}

/** An ISO time in the reader's format; anything else (saves from older versions) as written. */
export function dateText(language: string, iso: string): string {
  return /^\d{4}-\d\d-\d\dT/.test(iso) && !Number.isNaN(Date.parse(iso)) ? formatDateTime(language, iso) : iso;
}
