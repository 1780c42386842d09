import { useMemo } from 'react';
import { useLabState } from '../hooks/useLab';
import { decodeCpu, encodeCpu } from '../model/cpuNet';
import { DigitCanvas } from './DigitCanvas';

const COUNT = 8;

/** Held-out digits above, the current model's reconstructions (decoded at mu) below. */
export function ReconstructionStrip() {
  const testSet = useLabState((s) => s.testSet);
  const snapshot = useLabState((s) => s.snapshot);
  const rows = useMemo(() => {
    if (!testSet) return [];
    return Array.from({ length: Math.min(COUNT, testSet.count) }, (_, i) => {
      const original = Float32Array.from(testSet.images.subarray(i * 784, (i + 1) * 784), (v) => v / 255);
      const recon = snapshot ? decodeCpu(snapshot.decoder, encodeCpu(snapshot.encoder, original).mu) : null;
      return { original, recon, label: testSet.labels[i] ?? 0 };
    });
  }, [testSet, snapshot]);
  if (!testSet) return null;
  return (
    <figure className="recon-strip" data-testid="recon-strip">
      <div className="recon-grid" style={{ gridTemplateColumns: `repeat(${rows.length}, 1fr)` }}>
        {rows.map((r, i) => <DigitCanvas key={`o${i}`} pixels={r.original} size={56} label={`test digit ${r.label}`} />)}
        {rows.map((r, i) => <DigitCanvas key={`r${i}`} pixels={r.recon} size={56} label={`reconstruction of ${r.label}`} />)}
      </div>
      <figcaption>Top: held-out test digits. Bottom: the model's reconstructions, decoded from each digit's posterior mean μ.</figcaption>
    </figure>
  );
}
