import { decodePredictions, encodePredictions, type PredictionSet } from '../../src/eval/prediction-file';
import { DataFormatError } from '../../src/errors';
import { memberScoredPredictions } from '../../src/eval/scored-predictions';
import { presentScores } from '../../src/eval/unknown-scores';

const set: PredictionSet = {
  classNames: ['elliptical', 'spiral'],
  unknownThreshold: 0.35,
  meta: { method: 'deepastro', member: '0' },
  domain: ['source', 'target', 'target'],
  index: Int32Array.from([4, 0, 7]),
  trueClass: ['spiral', null, 'merger'],
  probabilities: Float32Array.from([0.25, 0.75, 0.5, 0.5, 0.125, 0.875]),
  entropy: Float32Array.from([0.5, 0.69, 0.37]),
  maxSoftmaxScore: Float32Array.from([0.25, 0.5, 0.125]),
  prototypeScore: Float32Array.from([0.1, 0.2, 0.3]),
  ovaScore: Float32Array.from([0.05, 0.9, 0.6]),
  embedding: Float32Array.from([1, 0, 0, 1, 0.5, 0.5]),
  embeddingSize: 2,
};

describe('prediction files', () => {
  it('round-trips every column and the metadata through Arrow IPC', () => {
    const back = decodePredictions(encodePredictions(set), 'p.arrow');
    expect(back).toEqual({ ...set, regressionPredicted: undefined, regressionTrue: undefined });
  });

  it('round-trips the nearest-neighbour and cluster score columns, and reads files without them', () => {
    const withFeatures: PredictionSet = {
      ...set,
      knnScore: Float32Array.from([0.01, 0.4, 0.25]),
      clusterScore: Float32Array.from([0.02, 0.5, 0.5]),
    };
    const back = decodePredictions(encodePredictions(withFeatures), 'p.arrow');
    expect(back.knnScore).toEqual(withFeatures.knnScore);
    expect(back.clusterScore).toEqual(withFeatures.clusterScore);
    expect(presentScores(memberScoredPredictions(back))).toEqual([
      'entropy',
      'maxSoftmaxScore',
      'prototypeScore',
      'ovaScore',
      'knnScore',
      'clusterScore',
      // Read from entropy and the two feature scores, not stored.
      'rankScore',
    ]);
    // A file written before these columns existed (this set has neither) still loads, without them.
    const older = decodePredictions(encodePredictions(set), 'old.arrow');
    expect(older.knnScore).toBeUndefined();
    expect(older.clusterScore).toBeUndefined();
    expect(presentScores(memberScoredPredictions(older))).toEqual([
      'entropy',
      'maxSoftmaxScore',
      'prototypeScore',
      'ovaScore',
    ]);
  });

  it('refuses a nearest-neighbour column of the wrong length, naming it', () => {
    expect(() => encodePredictions({ ...set, knnScore: Float32Array.from([1, 2]) })).toThrow(
      new DataFormatError('predictions column knnScore has 2 rows, expected 3'),
    );
  });

  it('refuses a column of the wrong length, naming it', () => {
    expect(() => encodePredictions({ ...set, entropy: Float32Array.from([1]) })).toThrow(
      new DataFormatError('predictions column entropy has 1 rows, expected 3'),
    );
  });

  it('names the file when the bytes are not Arrow', () => {
    expect(() => decodePredictions(new TextEncoder().encode('nope'), 'runs/x/p.arrow')).toThrow(
      /runs\/x\/p.arrow/,
    );
  });
});
