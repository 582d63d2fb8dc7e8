import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttachmentView } from './dto/attachment.dto';
import { contentDisposition } from './file-types';

const logger = new Logger('Attachments');

/**
 * Streams a file to the client: headers only once its first chunk decrypted and verified (a file
 * that does not open is an error answer, not a broken download), then chunk by chunk. A chunk
 * failing later cuts the connection: the client sees a short body, never unverified bytes.
 */
export async function sendAttachment(res: Response, a: AttachmentView, body: Readable): Promise<void> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next();
  res.status(200);
  res.setHeader('Content-Type', a.mediaType);
  res.setHeader('Content-Length', String(a.size));
  res.setHeader('Content-Disposition', contentDisposition(a.filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // no-transform: the answer is exactly the file (compression would drop its Content-Length).
  res.setHeader('Cache-Control', 'no-store, no-transform');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  const rest = Readable.from((async function* () {
    if (!first.done) yield first.value;
    for (;;) {
      const r = await chunks.next();
      if (r.done) return;
      yield r.value;
    }
  })());
  try {
    await pipeline(rest, res);
  } catch (e) {
    // The client going away is no error of ours; anything else (a chunk that does not verify) is.
    if ((e as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      logger.error({ attachmentId: a.id, err: (e as Error).message }, 'attachment stream failed');
    }
    res.destroy();
  }
}
