import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Tests and the scripts they run never reach past loopback (COMMON rules; issue 12, item 14). */
describe('nothing reaches past loopback', () => {
  it('every AWS client in a test, and every trainer a test starts, has the EC2 metadata service disabled', () => {
    // test/setup.ts runs before every test file; child processes inherit process.env.
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
    for (const script of ['containers/localstack.sh', 'bench/ingest.ts', 'test/storage/s3rver-harness.ts']) {
      expect(`${script}: ${readFileSync(join(ROOT, script), 'utf8')}`).toMatch(
        /AWS_EC2_METADATA_DISABLED[=:] ?'?true/,
      );
    }
  });

  it('the CDK CLI runs with notices off, so synth and deploy fetch no notices from the internet', () => {
    const cdk = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { notices?: boolean };
    expect(cdk.notices).toBe(false);
  });
});
