import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation/errors';

const FN = 'fileIO';
const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/** `file://` removed, if present: handlers take plain paths too. */
function pathOf(url: string): string {
  return url.startsWith('file://') ? url.slice('file://'.length) : url;
}

/**
 * A TensorFlow.js IO handler that saves a model to a folder as `model.json` + `weights.bin` and
 * loads it back from that `model.json` (or the folder holding it): the layout tfjs-node writes, so
 * files saved here load with tfjs-node and the Python `tensorflowjs` converter, and the other way
 * round. The WebAssembly and cpu backends in Node come without file:// handlers; this is what
 * `model.save('file://…')` and `tf.loadLayersModel('file://…/model.json')` use there.
 */
export function fileIO(url: string): tf.io.IOHandler {
  if (typeof url !== 'string' || pathOf(url) === '') {
    throw new TripletInputError('url', FN, `is ${JSON.stringify(url)}`, "Pass a folder to save to, e.g. 'file://./my-model', or its model.json to load.");
  }
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const target = path.resolve(pathOf(url));

  const save = async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
    if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) {
      throw new TripletInputError('url', 'model.save', `is ${JSON.stringify(url)}, an existing file`,
        "Save to a folder (it will hold model.json and weights.bin), e.g. 'file://./my-model'.");
    }
    fs.mkdirSync(target, { recursive: true });
    const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.concatenateArrayBuffers(artifacts.weightData);
    const modelJson = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
      ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
      ...(artifacts.signature ? { signature: artifacts.signature } : {}),
      ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      ...(artifacts.modelInitializer ? { modelInitializer: artifacts.modelInitializer } : {}),
    };
    // Weights first: a model.json never points at weights that are not there yet.
    fs.writeFileSync(path.join(target, WEIGHTS_BIN), new Uint8Array(weights));
    fs.writeFileSync(path.join(target, MODEL_JSON), JSON.stringify(modelJson));
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  };

  const load = async (): Promise<tf.io.ModelArtifacts> => {
    const file = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, MODEL_JSON) : target;
    if (!fs.existsSync(file)) {
      throw new TripletInputError('url', 'tf.loadLayersModel', `is ${JSON.stringify(url)}, but ${file} does not exist`,
        "Pass the model.json that model.save('file://<folder>') wrote, e.g. 'file://./my-model/model.json'.");
    }
    let modelJson: tf.io.ModelJSON;
    try {
      modelJson = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new TripletInputError('url', 'tf.loadLayersModel', `names ${file}, which is not JSON (${(e as Error).message})`, 'Pass the model.json that model.save wrote.');
    }
    return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
      const buffers = manifest.flatMap((group) => group.paths.map((p) => {
        const weightsFile = path.join(path.dirname(file), p);
        if (!fs.existsSync(weightsFile)) {
          throw new TripletInputError('url', 'tf.loadLayersModel', `names ${file}, whose weights file ${weightsFile} is missing`, 'Keep weights.bin next to model.json (save again if it was lost).');
        }
        const b = fs.readFileSync(weightsFile);
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      }));
      return [tf.io.getWeightSpecs(manifest), tf.io.concatenateArrayBuffers(buffers)];
    });
  };

  return { save, load };
}

/** The router TensorFlow.js consults for `file://` URLs: our handler, or null for other schemes (its registry skips nulls). */
export const fileRouter = ((url: string | string[]) =>
  typeof url === 'string' && url.startsWith('file://') ? fileIO(url) : null) as Parameters<typeof tf.io.registerSaveRouter>[0];

/**
 * Makes `model.save('file://…')` and `tf.loadLayersModel('file://…')` work in `tfLib` when nothing
 * handles file:// there yet (tfjs-node registers its own, which is left in place).
 */
export function registerFileIO(tfLib: typeof tf): void {
  if (tfLib.io.getSaveHandlers('file://probe').length === 0) tfLib.io.registerSaveRouter(fileRouter);
  if (tfLib.io.getLoadHandlers('file://probe').length === 0) tfLib.io.registerLoadRouter(fileRouter);
}
