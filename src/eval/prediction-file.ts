import {
  Field,
  FixedSizeList,
  Float32,
  Schema,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { DataFormatError } from '../errors';
import type { Domain } from '../data/dataset';

/**
 * One member's predictions: the source test set and every target sample, column by column.
 * Stored as runs/<runId>/members/<m>/predictions.arrow (Arrow IPC file).
 */
export interface PredictionSet {
  /** The classifier's output classes (the source classes), in output order. */
  readonly classNames: readonly string[];
  /** Entropy above which a target sample is predicted unknown (rho of ALGORITHM.md). */
  readonly unknownThreshold: number;
  /** Free-form run facts carried along: method, member, seed, task. */
  readonly meta: Readonly<Record<string, string>>;
  readonly domain: readonly Domain[];
  /** Index of the sample in its domain's dataset (for thumbnails and ra/dec). */
  readonly index: Int32Array;
  /** True class name where known (any class, including target-private ones), else null. */
  readonly trueClass: readonly (string | null)[];
  /** [n, classNames.length] softmax probabilities, row-major. */
  readonly probabilities: Float32Array;
  /** Unknown scores, higher = more likely unknown, each [n]. */
  readonly entropy: Float32Array;
  /** 1 − max softmax probability. */
  readonly maxSoftmaxScore: Float32Array;
  /** 1 − cosine similarity to the nearest class prototype. */
  readonly prototypeScore: Float32Array;
  /** One-vs-all unknown probability of the predicted class, where the method has an OVA head. */
  readonly ovaScore?: Float32Array;
  /** 1 − cosine to the k-th nearest source-training feature (deep nearest neighbours); newer files. */
  readonly knnScore?: Float32Array;
  /** Distance of the sample's target cluster to the nearest source class; newer files. */
  readonly clusterScore?: Float32Array;
  /** [n, embeddingSize] low-dimensional, L2-normalized feature, row-major. */
  readonly embedding: Float32Array;
  readonly embeddingSize: number;
  /** Regression runs: predicted and true continuous target, each [n]; true is NaN where unknown. */
  readonly regressionPredicted?: Float32Array;
  readonly regressionTrue?: Float32Array;
}

const SCORE_COLUMNS = ['entropy', 'maxSoftmaxScore', 'prototypeScore'] as const;
/** Scores only some files carry: older files and methods without the head or features lack them. */
const OPTIONAL_SCORE_COLUMNS = ['ovaScore', 'knnScore', 'clusterScore'] as const;

function fixedSizeListVector(values: Float32Array, size: number): Vector {
  const childField = new Field('value', new Float32(), false);
  const type = new FixedSizeList(size, childField);
  const child = makeData({ type: new Float32(), length: values.length, data: values });
  return makeVector(makeData({ type, length: values.length / size, child }));
}

/** Serializes a prediction set to Arrow IPC (file format) bytes. */
export function encodePredictions(set: PredictionSet): Uint8Array {
  const n = set.index.length;
  const k = set.classNames.length;
  const columns: Record<string, Vector> = {
    domain: vectorFromArray([...set.domain], new Utf8()),
    index: makeVector(set.index),
    trueClass: vectorFromArray([...set.trueClass], new Utf8()),
    probabilities: fixedSizeListVector(set.probabilities, k),
    embedding: fixedSizeListVector(set.embedding, set.embeddingSize),
  };
  for (const name of SCORE_COLUMNS) columns[name] = makeVector(set[name]);
  for (const name of OPTIONAL_SCORE_COLUMNS) {
    const values = set[name];
    if (values) columns[name] = makeVector(values);
  }
  if (set.regressionPredicted) columns.regressionPredicted = makeVector(set.regressionPredicted);
  if (set.regressionTrue) columns.regressionTrue = makeVector(set.regressionTrue);
  for (const [name, column] of Object.entries(columns)) {
    if (column.length !== n)
      throw new DataFormatError(`predictions column ${name} has ${column.length} rows, expected ${n}`);
  }
  const table = new Table(columns);
  const metadata = new Map([
    ['classNames', JSON.stringify(set.classNames)],
    ['unknownThreshold', String(set.unknownThreshold)],
    ['meta', JSON.stringify(set.meta)],
  ]);
  const withMeta = new Table(new Schema(table.schema.fields, metadata), table.batches);
  return tableToIPC(withMeta, 'file');
}

function floatColumn(table: Table, name: string, origin: string): Float32Array {
  const column = table.getChild(name);
  if (!column) throw new DataFormatError(`${origin}: predictions lack column ${name}`);
  return Float32Array.from(column.toArray() as ArrayLike<number>);
}

function optionalFloatColumn(table: Table, name: string): Float32Array | undefined {
  const column = table.getChild(name);
  return column ? Float32Array.from(column.toArray() as ArrayLike<number>) : undefined;
}

function flatList(table: Table, name: string, origin: string): { values: Float32Array; size: number } {
  const column = table.getChild(name);
  if (!column || !(column.type instanceof FixedSizeList)) {
    throw new DataFormatError(`${origin}: predictions column ${name} must be a fixed-size list of float32`);
  }
  const size = column.type.listSize;
  const values = new Float32Array(column.length * size);
  let offset = 0;
  for (const data of column.data) {
    const child = data.children[0].values as Float32Array;
    const start = data.offset * size;
    values.set(child.subarray(start, start + data.length * size), offset);
    offset += data.length * size;
  }
  return { values, size };
}

/** Parses Arrow IPC bytes written by encodePredictions; `origin` names the file in errors. */
export function decodePredictions(bytes: Uint8Array, origin: string): PredictionSet {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (cause) {
    throw new DataFormatError(`${origin}: not an Arrow IPC predictions file`, { cause });
  }
  const metadata = table.schema.metadata;
  const classNames = JSON.parse(metadata.get('classNames') ?? 'null') as string[] | null;
  if (!Array.isArray(classNames))
    throw new DataFormatError(`${origin}: predictions lack classNames metadata`);
  const probabilities = flatList(table, 'probabilities', origin);
  const embedding = flatList(table, 'embedding', origin);
  const domainColumn = table.getChild('domain');
  const trueClassColumn = table.getChild('trueClass');
  const indexColumn = table.getChild('index');
  if (!domainColumn || !trueClassColumn || !indexColumn) {
    throw new DataFormatError(`${origin}: predictions lack domain, index or trueClass`);
  }
  return {
    classNames,
    unknownThreshold: Number(metadata.get('unknownThreshold')),
    meta: JSON.parse(metadata.get('meta') ?? '{}') as Record<string, string>,
    domain: domainColumn.toArray() as Domain[],
    index: Int32Array.from(indexColumn.toArray() as ArrayLike<number>),
    trueClass: trueClassColumn.toArray() as (string | null)[],
    probabilities: probabilities.values,
    entropy: floatColumn(table, 'entropy', origin),
    maxSoftmaxScore: floatColumn(table, 'maxSoftmaxScore', origin),
    prototypeScore: floatColumn(table, 'prototypeScore', origin),
    ...Object.fromEntries(OPTIONAL_SCORE_COLUMNS.map((name) => [name, optionalFloatColumn(table, name)])),
    embedding: embedding.values,
    embeddingSize: embedding.size,
    regressionPredicted: optionalFloatColumn(table, 'regressionPredicted'),
    regressionTrue: optionalFloatColumn(table, 'regressionTrue'),
  };
}
