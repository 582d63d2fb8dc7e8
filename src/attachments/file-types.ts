/**
 * What a file is, from its first bytes (never from its name or the type the client declared), and
 * the names it is kept and served under. Detection is `file-type`'s (magic numbers, maintained
 * for years across hundreds of formats) with an allow-list on top: documents, photos and scans,
 * and sound recordings. Everything else — executables, archives and office files (zip), HTML,
 * SVG, scripts, text — is refused, detected or not.
 */
import { fileTypeFromBuffer } from 'file-type';

/** Bytes enough for every accepted type's signature (file-type's own "reasonable detection size"). */
export const SNIFF_BYTES = 4100;

export interface AcceptedType {
  /** The Content-Type it is served with. */
  mediaType: string;
  /** Extensions a file of this type may carry; the first is added when the name has none of them. */
  extensions: string[];
}

/** Accepted detections (file-type's MIME type → how it is kept). */
const ACCEPTED: Record<string, AcceptedType> = {
  'application/pdf': { mediaType: 'application/pdf', extensions: ['pdf'] },
  'image/jpeg': { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  'image/png': { mediaType: 'image/png', extensions: ['png'] },
  'image/webp': { mediaType: 'image/webp', extensions: ['webp'] },
  'image/gif': { mediaType: 'image/gif', extensions: ['gif'] },
  'image/tiff': { mediaType: 'image/tiff', extensions: ['tif', 'tiff'] },
  'image/heic': { mediaType: 'image/heic', extensions: ['heic', 'heif'] },
  'image/heif': { mediaType: 'image/heif', extensions: ['heif', 'heic'] },
  'image/heic-sequence': { mediaType: 'image/heic-sequence', extensions: ['heics', 'heic'] },
  'image/heif-sequence': { mediaType: 'image/heif-sequence', extensions: ['heifs', 'heif'] },
  'audio/mpeg': { mediaType: 'audio/mpeg', extensions: ['mp3'] },
  'audio/x-m4a': { mediaType: 'audio/mp4', extensions: ['m4a', 'mp4'] },
  'audio/mp4': { mediaType: 'audio/mp4', extensions: ['m4a', 'mp4'] },
  // Phones' voice recorders write plain MP4 (brand isom/mp42) and 3GPP containers.
  'video/mp4': { mediaType: 'video/mp4', extensions: ['mp4', 'm4a'] },
  'video/3gpp': { mediaType: 'video/3gpp', extensions: ['3gp', '3gpp'] },
  'audio/3gpp': { mediaType: 'audio/3gpp', extensions: ['3gp', '3gpp'] },
  'audio/ogg': { mediaType: 'audio/ogg', extensions: ['ogg', 'oga', 'opus'] },
  'audio/ogg; codecs=opus': { mediaType: 'audio/ogg', extensions: ['opus', 'ogg', 'oga'] },
  'audio/opus': { mediaType: 'audio/ogg', extensions: ['opus', 'ogg'] },
  'audio/wav': { mediaType: 'audio/wav', extensions: ['wav'] },
  'audio/x-wav': { mediaType: 'audio/wav', extensions: ['wav'] },
  'audio/amr': { mediaType: 'audio/amr', extensions: ['amr'] },
  // Browsers record speech (MediaRecorder) as WebM/Opus.
  'video/webm': { mediaType: 'video/webm', extensions: ['webm', 'weba'] },
  'audio/webm': { mediaType: 'audio/webm', extensions: ['weba', 'webm'] },
};

/** The accepted media types, for the API's documentation. */
export const ACCEPTED_MEDIA_TYPES = [...new Set(Object.values(ACCEPTED).map((t) => t.mediaType))];

/** The file's accepted type from its first bytes, or null (unknown or refused). */
export async function sniff(head: Buffer): Promise<AcceptedType | null> {
  if (head.length === 0) return null;
  let detected: { mime: string } | undefined;
  try {
    detected = await fileTypeFromBuffer(head);
  } catch {
    // A parser choking on hostile bytes means the file is not one we accept.
    return null;
  }
  return (detected && ACCEPTED[detected.mime]) ?? null;
}

const MAX_NAME_BYTES = 255;
/** Controls, bidirectional overrides and isolates (a "gpj.exe" shown as "exe.jpg"), zero-width and BOM. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/** Characters a Windows, macOS or Linux file name cannot hold (the download is saved under this name). */
const RESERVED = /[<>:"|?*\\/]/g;

/** Cuts `s` to at most `max` bytes of UTF-8, never inside a character. */
function cutUtf8(s: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/**
 * The name a file is listed and served under: the client's name without any folder, invisible or
 * reserved characters, leading dots or surrounding spaces, in NFC, at most 255 bytes, and ending
 * in an extension of its detected type (added when it has another: "giay-kham.pdf" that is a JPEG
 * becomes "giay-kham.pdf.jpg"). Never used as a storage path.
 */
export function safeFilename(raw: string | undefined, type: AcceptedType): string {
  const base = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base.replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const suffix = type.extensions.includes(ext) ? '' : `.${type.extensions[0]}`;
  if (name === '') name = 'tep-dinh-kem';
  // Keep the end (the extension) when cutting a long name.
  const kept = dot > 0 && suffix === '' ? name.slice(dot) : suffix;
  const stem = dot > 0 && suffix === '' ? name.slice(0, dot) : name;
  return cutUtf8(stem, MAX_NAME_BYTES - Buffer.byteLength(kept)).trimEnd() + kept;
}

/** RFC 5987 `value-chars`: percent-encoded UTF-8 of all but attr-char. */
function rfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition: attachment` with the name twice: an ASCII fallback (diacritics dropped,
 * "đ" → "d") for old clients, and the exact UTF-8 name as `filename*` (RFC 6266 / RFC 5987).
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(filename)}`;
}
