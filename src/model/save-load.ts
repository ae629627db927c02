import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { DataFormatError } from '../errors';
import type { BlobStore } from '../storage/blob-store';
import { createModel } from './create-model';
import { ARCHITECTURES, type ModelConfig, type UdaModel } from './types';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
const FORMAT = 'deepastro-uda-model';

const modelConfigSchema = z.object({
  architecture: z.enum(ARCHITECTURES),
  numClasses: z.number().int().positive(),
  inputShape: z.tuple([
    z.number().int().positive(),
    z.number().int().positive(),
    z.number().int().positive(),
  ]),
  temperature: z.number().positive().optional(),
  heads: z
    .object({
      ova: z.boolean().optional(),
      regression: z.boolean().optional(),
      projection: z.boolean().optional(),
    })
    .optional(),
  sharedBatchNorm: z.boolean().optional(),
});

const weightSpecSchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.enum(['float32', 'int32', 'bool']),
});

/** The parts of a tfjs model.json this project writes and reads. */
const modelJsonSchema = z.object({
  format: z.literal(FORMAT),
  generatedBy: z.string(),
  weightsManifest: z
    .array(z.object({ paths: z.array(z.string()).min(1), weights: z.array(weightSpecSchema) }))
    .min(1),
  userDefinedMetadata: z.object({ modelConfig: modelConfigSchema }),
});

function keyUnder(prefix: string, name: string): string {
  const folder = prefix.replace(/\/+$/, '');
  return folder === '' ? name : `${folder}/${name}`;
}

/**
 * Writes the model in tfjs format under `prefix`: `weights.bin` (all weights, running statistics
 * included, float32 little-endian) and then `model.json` (weightsManifest + the ModelConfig). Each
 * object is written atomically by the store and model.json last, so a reader that finds model.json
 * finds complete weights.
 */
export async function saveModel(model: UdaModel, store: BlobStore, prefix: string): Promise<void> {
  const weights = model.getWeights();
  try {
    const { data, specs } = await tf.io.encodeWeights(weights);
    await store.put(keyUnder(prefix, WEIGHTS_BIN), new Uint8Array(data), {
      contentType: 'application/octet-stream',
    });
    const modelJson: z.infer<typeof modelJsonSchema> = {
      format: FORMAT,
      generatedBy: 'deepastro-uda',
      weightsManifest: [
        {
          paths: [WEIGHTS_BIN],
          weights: specs.map(({ name, shape, dtype }) => ({ name, shape, dtype: dtype as 'float32' })),
        },
      ],
      userDefinedMetadata: {
        modelConfig: model.config as ModelConfig & { inputShape: [number, number, number] },
      },
    };
    await store.put(keyUnder(prefix, MODEL_JSON), JSON.stringify(modelJson, null, 1), {
      contentType: 'application/json',
    });
  } finally {
    tf.dispose(weights);
  }
}

async function readWeightBytes(
  store: BlobStore,
  prefix: string,
  paths: readonly string[],
): Promise<ArrayBuffer> {
  const parts = await Promise.all(paths.map((path) => store.get(keyUnder(prefix, path))));
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined.buffer;
}

/**
 * Reads a model written by saveModel (or any tfjs weights with the same names).
 * @throws NotFoundError (from the store) when there is no model.json under prefix
 * @throws DataFormatError when model.json is malformed or a weight is missing or misshapen
 */
export async function loadModel(store: BlobStore, prefix: string): Promise<UdaModel> {
  const where = store.uriOf(keyUnder(prefix, MODEL_JSON));
  let parsed: z.infer<typeof modelJsonSchema>;
  try {
    parsed = modelJsonSchema.parse(JSON.parse(await store.getText(keyUnder(prefix, MODEL_JSON))));
  } catch (error) {
    if (!(error instanceof SyntaxError || error instanceof z.ZodError)) throw error;
    throw new DataFormatError(`${where} is not a deepastro-uda model.json: ${error.message}`, {
      cause: error,
    });
  }
  const weights: tf.NamedTensorMap = {};
  for (const group of parsed.weightsManifest) {
    Object.assign(
      weights,
      tf.io.decodeWeights(await readWeightBytes(store, prefix, group.paths), group.weights),
    );
  }
  const model = createModel(parsed.userDefinedMetadata.modelConfig, 0);
  try {
    model.setWeights(weights);
  } catch (error) {
    model.dispose();
    throw new DataFormatError(`${where}: ${(error as Error).message}`, { cause: error });
  } finally {
    tf.dispose(Object.values(weights));
  }
  return model;
}
