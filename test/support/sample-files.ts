/**
 * Small files of every kind the attachments accept or refuse, built byte by byte: each starts with
 * its format's real signature (what content sniffing reads) and carries `body` after it, so a
 * test can look for that body in the stored bytes.
 */
const b = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function ftyp(major: string, compatible: string[]): Buffer {
  const box = b([0, 0, 0, 0], 'ftyp', major, [0, 0, 0, 0], ...compatible);
  box.writeUInt32BE(box.length, 0);
  return box;
}

function oggPage(packet: Buffer): Buffer {
  return b('OggS', [0, 2], Buffer.alloc(8), Buffer.alloc(4), Buffer.alloc(4), Buffer.alloc(4), [1, packet.length], packet);
}

function ebml(docType: string): Buffer {
  const dt = Buffer.from(docType);
  const body = b([0x42, 0x86, 0x81, 0x01], [0x42, 0x82, 0x80 | dt.length], dt);
  return b([0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length], body, [0x18, 0x53, 0x80, 0x67, 0x01, 0, 0, 0, 0, 0, 0, 0]);
}

/** A minimal, valid one-page PDF whose page says `text`. */
export function pdf(text = 'Giay chung nhan'): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Signature + `body`, for every accepted kind (what sniffing reads is the real thing). */
export const ACCEPTED_SAMPLES: Record<string, { head: Buffer; mediaType: string }> = {
  pdf: { head: b('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), mediaType: 'application/pdf' },
  jpeg: { head: b([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]), mediaType: 'image/jpeg' },
  png: { head: b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]), mediaType: 'image/png' },
  gif: { head: b('GIF89a', [1, 0, 1, 0, 0, 0, 0]), mediaType: 'image/gif' },
  webp: { head: b('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), mediaType: 'image/webp' },
  tiff: { head: b('II*\0', [8, 0, 0, 0]), mediaType: 'image/tiff' },
  heic: { head: ftyp('heic', ['mif1', 'heic']), mediaType: 'image/heic' },
  mp3: { head: b('ID3', [4, 0, 0, 0, 0, 0, 10], Buffer.alloc(10), [0xff, 0xfb, 0x90, 0x64]), mediaType: 'audio/mpeg' },
  m4a: { head: ftyp('M4A ', ['M4A ', 'mp42', 'isom']), mediaType: 'audio/mp4' },
  mp4: { head: ftyp('mp42', ['isom', 'mp42']), mediaType: 'video/mp4' },
  ogg: { head: oggPage(b([1], 'vorbis')), mediaType: 'audio/ogg' },
  opus: { head: oggPage(b('OpusHead', [1, 1])), mediaType: 'audio/ogg' },
  wav: { head: b('RIFF', [0, 0, 0, 0], 'WAVEfmt '), mediaType: 'audio/wav' },
  amr: { head: b('#!AMR\n'), mediaType: 'audio/amr' },
  webm: { head: ebml('webm'), mediaType: 'video/webm' },
};

/** Signature + body of kinds that must be refused, whatever they are named. */
export const REFUSED_SAMPLES: Record<string, Buffer> = {
  exe: b('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff], Buffer.alloc(48), 'This program cannot be run in DOS mode.'),
  elf: b([0x7f], 'ELF', [2, 1, 1, 0], Buffer.alloc(8)),
  zip: b('PK\x03\x04\x14\0\0\0\x08\0'),
  docx: b('PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0', Buffer.alloc(16), '[Content_Types].xml'),
  doc: b([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  html: b('<!DOCTYPE html><html><script>alert(1)</script></html>'),
  svg: b('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
  script: b('#!/bin/sh\nrm -rf /\n'),
  xml: b('<?xml version="1.0"?><a/>'),
  rtf: b('{\\rtf1\\ansi hello}'),
  text: b('Chỉ là văn bản / just text'),
  mkv: ebml('matroska'),
};

/** `head` followed by `body` (the "rest of the file") and padding up to `size` bytes. */
export function sample(head: Buffer, body = '', size = 0): Buffer {
  const content = Buffer.concat([head, Buffer.from(body)]);
  return content.length >= size ? content : Buffer.concat([content, Buffer.alloc(size - content.length, 0x2e)]);
}
