export type { BlobInfo, BlobStore, PutOptions } from './blob-store';
export { openStore, type OpenStoreOptions } from './open-store';
export { parseStoreUri, type StoreLocation } from './store-uri';
export { createS3Client } from './s3-client';
