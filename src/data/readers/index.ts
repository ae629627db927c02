export { readDataset } from './read-dataset';
export { readGalaxy10Hdf5 } from './galaxy10-hdf5';
export { readNpyDataset } from './npy';
export { readImageFolder } from './image-folder';
export { parseNpy, type NpyArray } from './npy-format';
export { loadH5wasm, type H5wasm } from './h5wasm-module';
export type { ReadOptions } from './read-options';
