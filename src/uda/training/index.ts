export { trainMember } from './train-member';
export { readLatestCheckpoint, writeCheckpoint, type TrainingCheckpoint } from './checkpoint';
export { RandomStreams } from './random-streams';
export { EMBEDDING_SIZE } from './embedding-pca';
export type * from './types';
