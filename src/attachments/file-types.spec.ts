import { ACCEPTED_SAMPLES, pdf, REFUSED_SAMPLES, sample } from '../../test/support/sample-files';
import { contentDisposition, safeFilename, sniff } from './file-types';

const PDF = { mediaType: 'application/pdf', extensions: ['pdf'] };
const JPEG = { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] };

describe('sniffing a file by its content', () => {
  it.each(Object.entries(ACCEPTED_SAMPLES))('accepts %s', async (_kind, s) => {
    expect((await sniff(sample(s.head, 'nội dung', 5000)))?.mediaType).toBe(s.mediaType);
    expect((await sniff(sample(s.head, 'short')))?.mediaType).toBe(s.mediaType);
  });

  it('accepts a real PDF', async () => {
    expect((await sniff(pdf()))?.mediaType).toBe('application/pdf');
  });

  it.each(Object.entries(REFUSED_SAMPLES))('refuses %s', async (_kind, head) => {
    expect(await sniff(sample(head, 'x', 5000))).toBeNull();
  });

  it('refuses empty content and noise', async () => {
    expect(await sniff(Buffer.alloc(0))).toBeNull();
    expect(await sniff(Buffer.alloc(4100, 0))).toBeNull();
    expect(await sniff(Buffer.from([0xff]))).toBeNull();
  });
});

describe('safe file names', () => {
  it.each([
    ['giấy khám.pdf', PDF, 'giấy khám.pdf'],
    ['gia\u0301y kha\u0301m.PDF', PDF, 'giáy khám.PDF'], // macOS NFD → NFC
    ['../../etc/passwd', PDF, 'passwd.pdf'],
    ['C:\\Users\\lan\\ảnh.jpg', JPEG, 'ảnh.jpg'],
    ['x.pdf', JPEG, 'x.pdf.jpg'], // the name follows the content
    ['photo.JPEG', JPEG, 'photo.JPEG'],
    ['a\u0000b\u202egpj.exe', JPEG, 'abgpj.exe.jpg'], // control and bidi override removed
    ['  .hidden  ', PDF, 'hidden.pdf'],
    ['<a>:"b"|?*.pdf', PDF, '_a___b____.pdf'],
    ['', PDF, 'tep-dinh-kem.pdf'],
    [undefined, PDF, 'tep-dinh-kem.pdf'],
    ['...', PDF, 'tep-dinh-kem.pdf'],
    ['a  \t b.pdf', PDF, 'a b.pdf'],
  ])('%j → %j', (raw, type, expected) => {
    expect(safeFilename(raw as string | undefined, type)).toBe(expected);
  });

  it('keeps at most 255 bytes of UTF-8, the extension included, never splitting a character', () => {
    const long = safeFilename(`${'ệ'.repeat(200)}.pdf`, PDF);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('ệ.pdf')).toBe(true);
    expect(long).toBe(long.normalize('NFC'));
    const appended = safeFilename('x'.repeat(400), JPEG);
    expect(appended).toBe(`${'x'.repeat(251)}.jpg`);
  });
});

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the exact name as RFC 5987 filename*', () => {
    expect(contentDisposition('Giấy chứng nhận đ (1)*.pdf')).toBe(
      `attachment; filename="Giay chung nhan d (1)*.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20nh%E1%BA%ADn%20%C4%91%20%281%29%2A.pdf`);
    expect(contentDisposition('a"b\\c%.pdf')).toBe(`attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%5Cc%25.pdf`);
    expect(decodeURIComponent(contentDisposition('Đơn 😀.pdf').split("UTF-8''")[1])).toBe('Đơn 😀.pdf');
  });
});
