/**
 * Reads one `multipart/form-data` upload as a stream (busboy): the fields, each checked as it
 * arrives, and the one file, handed to the caller's consumer while it is still arriving. Nothing
 * the client sends — a malformed body, no file, two files, an unknown field, a field after the
 * file, an upload cut short — ends otherwise than in a 4xx error, and the consumer has settled
 * (finished or cleaned up after itself) before the promise settles.
 */
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { InvalidInput, UnsupportedMediaType } from '../common/errors';

export interface FilePart {
  stream: Readable;
  /** The name the client gave (may be absent, hostile, or a path). */
  filename: string | undefined;
  /** The type the client declared: never trusted. */
  declaredType: string;
}

export interface MultipartOptions {
  /** The form field of the file. */
  fileField: string;
  /** Fields accepted besides the file, with their check (a bilingual problem, or null). */
  fields: Record<string, (value: string) => string | null>;
  /** Largest field value, in bytes. */
  maxFieldBytes: number;
  /** After a refusal, how much more of the body is read and dropped before the connection is cut. */
  discardBytes: number;
}

export const MALFORMED = 'Dữ liệu multipart không hợp lệ / Malformed multipart/form-data body';
export const FILE_REQUIRED = 'Cần gửi một tệp trong trường "file" / A file is required in field "file"';
export const ONE_FILE = 'Chỉ gửi một tệp mỗi lần / One file per upload';
export const CUT_SHORT = 'Tệp tải lên bị gián đoạn / The upload was cut short';

/** Whether the request declares a multipart/form-data body. */
export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}

/**
 * Drops what is left of a refused body, up to `limit` bytes (so that the client, still sending,
 * reads the refusal instead of a reset connection), then cuts the connection.
 */
export function discardBody(req: IncomingMessage, limit: number): void {
  let seen = 0;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

const field = (name: string) => (name.length > 0 && name.length <= 100 ? name : 'form');

export function receiveMultipart<T>(req: IncomingMessage, o: MultipartOptions, onFile: (part: FilePart) => Promise<T>): Promise<{ fields: Record<string, string>; file: T }> {
  if (!isMultipart(req)) {
    discardBody(req, o.discardBytes);
    return Promise.reject(new UnsupportedMediaType('Yêu cầu phải là multipart/form-data / The request must be multipart/form-data'));
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send the file name as raw UTF-8 in `filename="…"`.
      defParamCharset: 'utf8',
      limits: {
        files: 1,
        fields: Object.keys(o.fields).length,
        // One part past fields + file: its own limit (files, fields) has already refused the upload.
        parts: Object.keys(o.fields).length + 2,
        fieldSize: o.maxFieldBytes,
        fieldNameSize: 100,
        headerPairs: 20,
      },
    });
  } catch {
    discardBody(req, o.discardBytes);
    return Promise.reject(new InvalidInput({ file: [MALFORMED] }));
  }
  const bb = parser;

  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let fileTask: Promise<T> | undefined;
    let fileStream: Readable | undefined;
    let failure: Error | undefined;
    let rejectFailed!: (e: Error) => void;
    const failed = new Promise<never>((_, rej) => (rejectFailed = rej));
    failed.catch(() => undefined);

    const fail = (e: unknown) => {
      if (failure) return;
      // The checks here throw API errors; a consumer's own error (its store failing) stays what it is.
      failure = e instanceof Error ? e : new InvalidInput({ file: [MALFORMED] });
      req.unpipe(bb);
      // The consumer, if it is reading, stops with this error and cleans up.
      fileStream?.destroy(failure);
      // The parser is left to the garbage collector: destroying it would fail its open file stream anew.
      bb.removeAllListeners('file');
      bb.on('file', (_name: string, stream: Readable) => stream.on('error', () => undefined).resume());
      bb.on('error', () => undefined);
      if (!req.complete) discardBody(req, o.discardBytes);
      rejectFailed(failure);
    };

    bb.on('field', (name, value, info) => {
      if (failure) return;
      const check = o.fields[name];
      if (!check) return fail(new InvalidInput({ [field(name)]: ['Trường không được chấp nhận / Unknown field'] }));
      if (info.nameTruncated || info.valueTruncated) return fail(new InvalidInput({ [name]: ['Giá trị quá dài / Value too long'] }));
      if (name in fields) return fail(new InvalidInput({ [name]: ['Trường bị gửi hai lần / Field sent twice'] }));
      const problem = check(value);
      if (problem) return fail(new InvalidInput({ [name]: [problem] }));
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      // Its errors reach the consumer through its reads; never unhandled when nobody reads it.
      stream.on('error', () => undefined);
      if (failure) {
        stream.resume();
        return;
      }
      if (name !== o.fileField) {
        stream.resume();
        return fail(new InvalidInput({ [field(name)]: [`Tệp phải ở trường "${o.fileField}" / The file belongs in field "${o.fileField}"`] }));
      }
      fileStream = stream;
      fileTask = onFile({ stream, filename: info.filename, declaredType: info.mimeType });
      fileTask.catch(fail);
    });
    bb.on('filesLimit', () => fail(new InvalidInput({ file: [ONE_FILE] })));
    bb.on('fieldsLimit', () => fail(new InvalidInput({ form: ['Quá nhiều trường / Too many fields'] })));
    bb.on('error', () => fail(new InvalidInput({ file: [MALFORMED] })));
    req.on('error', () => fail(new InvalidInput({ file: [CUT_SHORT] })));
    req.on('close', () => {
      if (!req.complete) fail(new InvalidInput({ file: [CUT_SHORT] }));
    });
    const parsed = new Promise<void>((res) => bb.once('close', () => res()));

    void (async () => {
      try {
        // Busboy closes once every part was read — the file's stream to its end by the consumer.
        await Promise.race([parsed, failed]);
        if (failure) throw failure;
        if (!fileTask) throw new InvalidInput({ file: [FILE_REQUIRED] });
        const file = await Promise.race([fileTask, failed]);
        resolve({ fields, file });
      } catch (e) {
        fail(e);
        // Whatever the consumer wrote is cleaned up (by it, or by the caller) only once it stopped.
        await fileTask?.catch(() => undefined);
        reject(failure);
      }
    })();
    req.pipe(bb);
  });
}
