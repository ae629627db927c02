import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

/**
 * A loopback stand-in for the two S3 features s3rver 3.7 lacks: it honours `If-None-Match: *` on
 * PutObject (412 when the key exists) and records each request's headers, so a test can see an object's
 * tags travel in the PutObject itself (`x-amz-tagging`, which s3rver ignores). It answers PUT and
 * DELETE only; it is not an S3 implementation.
 */
export class RecordingS3 {
  readonly requests: RecordedRequest[] = [];
  private readonly objects = new Map<string, Buffer>();
  private readonly server = http.createServer((req, res) => this.answer(req, res));

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      this.requests.push({ method: req.method ?? '', url: req.url ?? '/', headers: req.headers });
      if (req.method === 'PUT' && req.headers['if-none-match'] === '*' && this.objects.has(path)) {
        res.writeHead(412, { 'content-type': 'application/xml' });
        return void res.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>',
        );
      }
      if (req.method === 'PUT') this.objects.set(path, Buffer.concat(chunks));
      if (req.method === 'DELETE') this.objects.delete(path);
      res.writeHead(req.method === 'DELETE' ? 204 : 200, { etag: '"0"' });
      res.end();
    });
  }
}
