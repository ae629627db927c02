import * as tf from '@tensorflow/tfjs-core';
import { seededRng, type Rng } from '../data/rng';
import type { NamedWeights } from './types';

/** What a weight is for: decides whether it trains and whether weight decay applies. */
export type ParameterKind = 'kernel' | 'bias' | 'affine' | 'running-stat';

interface Entry {
  readonly variable: tf.Variable;
  readonly kind: ParameterKind;
}

let instanceCounter = 0;

/**
 * The weights of one model, by stable name. tfjs registers variables globally by name, so each
 * registry prefixes its variables with a unique instance id; the stable names (without prefix) are
 * what getWeights/setWeights and saved files use. Initialization draws from a seeded generator in
 * creation order, so the same seed gives the same weights on every backend.
 */
export class ParameterRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly prefix = `uda${++instanceCounter}`;
  private readonly random: Rng;

  constructor(seed: number | string) {
    this.random = seededRng(`deepastro-uda-init:${seed}`);
  }

  /** He (Kaiming) normal init with std = sqrt(2 / fanOut), as torchvision's ResNets. */
  heNormal(name: string, shape: number[], fanOut: number): tf.Variable {
    const std = Math.sqrt(2 / fanOut);
    return this.add(name, 'kernel', () => tf.randomNormal(shape, 0, std, 'float32', this.nextSeed()));
  }

  /** Normal init with a given std, for heads. */
  normal(name: string, shape: number[], std: number, kind: ParameterKind = 'kernel'): tf.Variable {
    return this.add(name, kind, () => tf.randomNormal(shape, 0, std, 'float32', this.nextSeed()));
  }

  constant(name: string, shape: number[], value: number, kind: ParameterKind): tf.Variable {
    return this.add(name, kind, () => tf.fill(shape, value));
  }

  trainable(): tf.Variable[] {
    return Object.values(this.namedTrainable());
  }

  /** Trainable variables by stable name, in creation order. */
  namedTrainable(): Record<string, tf.Variable> {
    const named: Record<string, tf.Variable> = {};
    for (const [name, { variable, kind }] of this.entries)
      if (kind !== 'running-stat') named[name] = variable;
    return named;
  }

  weightDecayed(): tf.Variable[] {
    return [...this.entries.values()].filter((e) => e.kind === 'kernel').map((e) => e.variable);
  }

  getWeights(): NamedWeights {
    const weights: NamedWeights = {};
    for (const [name, { variable }] of this.entries) weights[name] = variable.clone();
    return weights;
  }

  setWeights(weights: NamedWeights): void {
    for (const [name, { variable }] of this.entries) {
      const value = weights[name];
      if (value === undefined) throw new Error(`weight '${name}' is missing`);
      if (!tf.util.arraysEqual(value.shape, variable.shape)) {
        throw new Error(`weight '${name}' has shape [${value.shape}], the model expects [${variable.shape}]`);
      }
    }
    for (const [name, { variable }] of this.entries) {
      tf.tidy(() => variable.assign(tf.cast(weights[name], 'float32')));
    }
  }

  dispose(): void {
    for (const { variable } of this.entries.values()) variable.dispose();
    this.entries.clear();
  }

  private add(name: string, kind: ParameterKind, init: () => tf.Tensor): tf.Variable {
    if (this.entries.has(name)) throw new Error(`weight '${name}' is defined twice`);
    const initial = init();
    const variable = tf.variable(initial, kind !== 'running-stat', `${this.prefix}/${name}`);
    initial.dispose();
    this.entries.set(name, { variable, kind });
    return variable;
  }

  private nextSeed(): number {
    return Math.floor(this.random() * 2 ** 31);
  }
}
