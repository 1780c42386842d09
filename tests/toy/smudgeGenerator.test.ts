import { describe, expect, it } from 'vitest';
import { generate, meanImage, rmsDistance, SmudgeTrainer } from '../../src/toy/smudgeGenerator';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { toFloats } from '../../src/data/batcher';

describe('a generator trained on random (Z, X) pairs', () => {
  it('converges to the mean image, whatever the code', () => {
    const data = loadMnistFromPackage();
    const set = toFloats(data.test, 1000);
    const mean = meanImage(set.x, set.count);
    const trainer = new SmudgeTrainer(1);
    const codes = [[0, 0], [2, -1], [-1.5, 1.5], [0.5, 2.5]];
    const before = codes.map((z) => rmsDistance(generate(trainer.generator, z), mean));
    for (let i = 0; i < 300; i++) trainer.step(set.x, set.count, 32);
    const after = codes.map((z) => rmsDistance(generate(trainer.generator, z), mean));
    // untrained outputs are far from the mean digit; trained ones lie close to it for every z
    for (const d of before) expect(d).toBeGreaterThan(0.2);
    for (const d of after) expect(d).toBeLessThan(0.05);
    // and different codes give (nearly) the same image
    expect(rmsDistance(generate(trainer.generator, [0, 0]), generate(trainer.generator, [2, -1]))).toBeLessThan(0.05);
  }, 240_000);
});
