import type { Domain } from '../../src/data/dataset';
import type { PredictionSet } from '../../src/eval/prediction-file';
import { seededRng } from '../../src/data/rng';

export interface SyntheticPredictionOptions {
  /** Seeds the samples: classes, centres, truths. Members of one ensemble share it. */
  readonly seed: number;
  /** Seeds each member's own scatter. @default 0 */
  readonly memberSeed?: number;
  readonly nSource: number;
  readonly nTarget: number;
  readonly sourceClasses: readonly string[];
  /** Target classes; those not in sourceClasses are unknown. */
  readonly targetClasses: readonly string[];
  readonly embeddingSize?: number;
  /** Spread of a sample around its class centre; larger = harder. @default 0.35 */
  readonly noise?: number;
  readonly method?: string;
  readonly withOva?: boolean;
  readonly withRegression?: boolean;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalize(v: number[]): number[] {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/**
 * A seeded prediction set that behaves like a cosine classifier's output: each class has a centre in
 * embedding space, samples scatter around it, probabilities are a softmax of cosine similarities to the
 * source centres at T = 0.1. Samples of target-private classes sit between the known centres.
 */
export function syntheticPredictionSet(options: SyntheticPredictionOptions): PredictionSet {
  const random = seededRng(options.seed);
  const noise = seededRng(`${options.seed}:${options.memberSeed ?? 0}`);
  const size = options.embeddingSize ?? 8;
  const all = [...new Set([...options.sourceClasses, ...options.targetClasses])];
  const centres = new Map(
    all.map((name) => [name, normalize(Array.from({ length: size }, () => gaussian(random)))]),
  );
  const k = options.sourceClasses.length;
  const n = options.nSource + options.nTarget;
  const set = {
    domain: [] as Domain[],
    trueClass: [] as string[],
    probabilities: new Float32Array(n * k),
    entropy: new Float32Array(n),
    maxSoftmaxScore: new Float32Array(n),
    prototypeScore: new Float32Array(n),
    ovaScore: new Float32Array(n),
    embedding: new Float32Array(n * size),
    regressionPredicted: new Float32Array(n),
    regressionTrue: new Float32Array(n),
  };
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const domain: Domain = i < options.nSource ? 'source' : 'target';
    const classes = domain === 'source' ? options.sourceClasses : options.targetClasses;
    const truth = classes[Math.floor(random() * classes.length)];
    index[i] = domain === 'source' ? i : i - options.nSource;
    const centre = centres.get(truth) as number[];
    const embedding = normalize(centre.map((c) => c + (options.noise ?? 0.35) * gaussian(noise)));
    const cosines = options.sourceClasses.map((name) =>
      embedding.reduce((s, x, d) => s + x * (centres.get(name) as number[])[d], 0),
    );
    const exps = cosines.map((c) => Math.exp((c - Math.max(...cosines)) / 0.1));
    const total = exps.reduce((a, b) => a + b, 0);
    const probabilities = exps.map((e) => e / total);
    set.domain.push(domain);
    set.trueClass.push(truth);
    set.probabilities.set(probabilities, i * k);
    set.embedding.set(embedding, i * size);
    set.entropy[i] = -probabilities.reduce((s, p) => (p > 0 ? s + p * Math.log(p) : s), 0);
    set.maxSoftmaxScore[i] = 1 - Math.max(...probabilities);
    set.prototypeScore[i] = 1 - Math.max(...cosines);
    set.ovaScore[i] = 1 / (1 + Math.exp(8 * (Math.max(...cosines) - 0.7)));
    set.regressionTrue[i] = domain === 'target' && i % 5 === 0 ? NaN : 1 + 2 * random();
    set.regressionPredicted[i] = set.regressionTrue[i] + 0.1 * gaussian(noise);
  }
  return {
    classNames: options.sourceClasses,
    unknownThreshold: Math.log(Math.max(k, 2)) / 2,
    meta: { method: options.method ?? 'deepastro', seed: String(options.seed) },
    domain: set.domain,
    index,
    trueClass: set.trueClass,
    probabilities: set.probabilities,
    entropy: set.entropy,
    maxSoftmaxScore: set.maxSoftmaxScore,
    prototypeScore: set.prototypeScore,
    ovaScore: options.withOva ? set.ovaScore : undefined,
    embedding: set.embedding,
    embeddingSize: size,
    regressionPredicted: options.withRegression ? set.regressionPredicted : undefined,
    regressionTrue: options.withRegression ? set.regressionTrue : undefined,
  };
}
