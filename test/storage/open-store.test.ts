import path from 'node:path';
import { InvalidConfigError } from '../../src/errors';
import { openStore } from '../../src/storage/open-store';
import { parseStoreUri } from '../../src/storage/store-uri';

describe('openStore', () => {
  it('opens file URIs and plain paths as the same local folder', () => {
    expect(openStore('file:///data/store').uri).toBe('file:///data/store');
    expect(openStore('/data/store').uri).toBe('file:///data/store');
    expect(openStore('relative/store').uri).toBe(`file://${path.resolve('relative/store')}`);
  });

  it('opens s3 URIs with or without a prefix', () => {
    expect(openStore('s3://my-bucket').uri).toBe('s3://my-bucket');
    expect(openStore('s3://my-bucket/runs/2024/').uri).toBe('s3://my-bucket/runs/2024');
    expect(openStore('s3://my-bucket/runs').uriOf('a/b.json')).toBe('s3://my-bucket/runs/a/b.json');
    expect(parseStoreUri('s3://my-bucket//deep/prefix/')).toEqual({
      kind: 's3',
      bucket: 'my-bucket',
      prefix: 'deep/prefix',
    });
  });

  it.each([
    ['', /empty/],
    ['gs://bucket/x', /unsupported scheme 'gs:'/],
    ['https://example.org/x', /unsupported scheme 'https:'/],
    ['s3://', /invalid bucket name ''/],
    ['s3://Bad_Bucket/x', /invalid bucket name 'Bad_Bucket'/],
    ['file://remote-host/x', /not a valid file URI/],
  ])('refuses %j with one clear InvalidConfigError', (uri, message) => {
    expect(() => openStore(uri)).toThrow(InvalidConfigError);
    expect(() => openStore(uri)).toThrow(message);
  });
});
