/**
 * Files on a case or a handoff: the list (name, kind, size, who added it, when) with downloads,
 * and an upload form with a progress bar. Downloads are fetched with the session's token and saved
 * as the browser's own (the API takes no token in a URL); uploads go through XMLHttpRequest,
 * whose upload progress fetch does not report. Labels are kept here, Vietnamese first.
 */
import { useRef, useState, type FormEvent } from 'react';
import { API_BASE, apiFile, ApiError, refreshSession, session, type ErrorBody } from '../../api';
import type { components } from '../../api/schema.gen';
import { useUser } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { saveFile } from '../../components/bits';
import { Select, TextArea } from '../../components/fields';
import { useApi } from '../../query';
import { useI18n, type Lang } from '../../i18n';
import { explainFields } from '../../validation';
import type { CaseDetail } from '../../api/types';

type Attachment = components['schemas']['AttachmentView'];
type Category = components['schemas']['AttachmentCategory'];

const CATEGORIES: Record<Category, readonly [string, string]> = {
  medical_certificate: ['Giấy chứng nhận y tế', 'Medical certificate'],
  forensic_result: ['Kết quả giám định', 'Forensic result'],
  police_record: ['Hồ sơ, biên bản của công an', 'Police record'],
  school_letter: ['Văn bản của nhà trường', 'School letter'],
  photo: ['Ảnh', 'Photo'],
  audio: ['Ghi âm', 'Audio recording'],
  decision_scan: ['Bản chụp quyết định', 'Scanned decision'],
  other: ['Tài liệu khác', 'Other document'],
};

const TEXT = {
  title: ['Tài liệu đính kèm', 'Attachments'],
  none: ['Chưa có tài liệu đính kèm.', 'No attachments yet.'],
  add: ['Thêm tài liệu', 'Add a document'],
  file: ['Tệp (PDF, ảnh, bản quét, ghi âm)', 'File (PDF, photo, scan, recording)'],
  fileHint: ['Loại tệp được kiểm tra theo nội dung; tệp chạy được, tệp nén, văn bản Word không được nhận.',
    'The type is checked from the content; programs, archives and Word files are refused.'],
  category: ['Nhóm tài liệu', 'Category'],
  description: ['Mô tả', 'Description'],
  target: ['Gắn vào', 'Attach to'],
  onCase: ['Hồ sơ', 'The case'],
  upload: ['Tải lên', 'Upload'],
  uploading: ['Đang tải lên… {p}%', 'Uploading… {p}%'],
  cancel: ['Dừng tải lên', 'Stop uploading'],
  uploaded: ['Đã tải lên “{name}”.', '“{name}” uploaded.'],
  download: ['Tải về', 'Download'],
  chooseFile: ['Hãy chọn một tệp.', 'Choose a file.'],
  chooseCategory: ['Hãy chọn nhóm tài liệu.', 'Choose a category.'],
  progress: ['Tiến độ tải lên', 'Upload progress'],
} as const;

const say = (lang: Lang, key: keyof typeof TEXT, params: Record<string, string | number> = {}) =>
  TEXT[key][lang === 'vi' ? 0 : 1].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

function size(bytes: number, lang: Lang): string {
  const n = (v: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(v);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024)} KB`;
  return `${n(bytes / 1024 / 1024)} MB`;
}

/** A multipart POST whose upload progress is reported; rejects with the API's error as `ApiError`. */
function uploadWithProgress<T>(path: string, form: FormData, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<T> {
  return (async () => {
    if (session.refreshToken() && session.expiresAt() - Date.now() < 60_000) await refreshSession();
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', API_BASE + path);
      xhr.setRequestHeader('Accept', 'application/json');
      const token = session.token();
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
        else reject(new ApiError(xhr.status, body as ErrorBody | null));
      };
      xhr.onerror = () => reject(new ApiError(0, null));
      xhr.onabort = () => reject(new DOMException('Upload stopped', 'AbortError'));
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(form);
    });
  })();
}

interface Target {
  /** The upload's path, e.g. `/cases/:id/attachments`. */
  path: string;
  label: string;
}

/**
 * The files of `listPath` and, when `targets` is not empty, a form adding one to any of them.
 * `headingLevel` 2 on a page of its own sections (the case), 3 inside a card (a handoff).
 */
export function AttachmentsPanel({ id, listPath, targets, headingLevel = 2 }: { id: string; listPath: string; targets: Target[]; headingLevel?: 2 | 3 }) {
  const i18n = useI18n();
  const { lang, dateTime } = i18n;
  const list = useApi<{ items: Attachment[] }>(listPath);
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const download = async (a: Attachment) => {
    setDownloadError(null);
    try {
      const { blob } = await apiFile(`/attachments/${a.id}/content`, a.mediaType);
      saveFile(blob, a.filename);
    } catch (e) {
      setDownloadError(e instanceof ApiError ? e : new ApiError(0, null));
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className={headingLevel === 2 ? 'card' : 'attachments-block'}>
      <Heading id={`${id}-h`}>{say(lang, 'title')}</Heading>
      <ErrorNotice error={list.error} onReload={list.reload} />
      <ErrorNotice error={downloadError} />
      {list.data && (list.data.items.length === 0 ? <p className="muted">{say(lang, 'none')}</p> : (
        <ul className="attachments" style={{ listStyle: 'none', padding: 0, margin: '0.25rem 0', display: 'grid', gap: '0.5rem' }}>
          {list.data.items.map((a) => (
            <li key={a.id} style={{ minWidth: 0 }}>
              <button type="button" className="link" onClick={() => void download(a)} title={say(lang, 'download')}
                style={{ textAlign: 'left', overflowWrap: 'anywhere' }}>
                {a.filename}
              </button>
              <div className="muted small">
                {CATEGORIES[a.category as Category]?.[lang === 'vi' ? 0 : 1] ?? a.category} · {size(a.size, lang)} · {a.uploadedBy.name}
                {a.agency ? ` (${a.agency.name})` : ''} · {dateTime(a.createdAt)}
              </div>
              {a.description && <div className="prose small">{a.description}</div>}
            </li>
          ))}
        </ul>
      ))}
      {targets.length > 0 && <UploadForm id={id} targets={targets} onUploaded={list.reload} />}
    </section>
  );
}

function UploadForm({ id, targets, onUploaded }: { id: string; targets: Target[]; onUploaded(): void }) {
  const i18n = useI18n();
  const { lang } = i18n;
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [target, setTarget] = useState(targets[0].path);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const fieldErrors = explainFields(error?.fields ?? {}, i18n);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (progress !== null) return;
    setDone(null);
    const missing: Record<string, string[]> = {};
    if (!file) missing.file = [say(lang, 'chooseFile')];
    if (!category) missing.category = [say(lang, 'chooseCategory')];
    if (Object.keys(missing).length) {
      setError(new ApiError(400, { statusCode: 400, error: 'Bad Request', message: '', details: { fields: missing } }));
      return;
    }
    // Fields before the file: the server reads them first (it accepts either order).
    const form = new FormData();
    form.append('category', category);
    if (description.trim()) form.append('description', description.trim());
    form.append('file', file!, file!.name);
    setError(null);
    setProgress(0);
    abort.current = new AbortController();
    try {
      const res = await uploadWithProgress<{ attachment: Attachment }>(targets.find((x) => x.path === target)?.path ?? targets[0].path, form,
        setProgress, abort.current.signal);
      setDone(say(lang, 'uploaded', { name: res.attachment.filename }));
      setFile(null);
      setCategory('');
      setDescription('');
      if (fileInput.current) fileInput.current.value = '';
      setOpen(false);
      onUploaded();
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) setError(err instanceof ApiError ? err : new ApiError(0, null));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  if (!open) {
    return (
      <>
        {done && <p className="notice notice-ok" role="status">{done}</p>}
        <p className="actions"><button type="button" className="secondary" onClick={() => { setOpen(true); setDone(null); }}>{say(lang, 'add')}</button></p>
      </>
    );
  }
  const fileId = `${id}-file`;
  return (
    <form className="form attachment-form" onSubmit={(e) => void submit(e)} noValidate aria-label={say(lang, 'add')}>
      <ErrorNotice error={error?.body?.message ? error : null}
        fieldLabels={{ file: say(lang, 'file'), category: say(lang, 'category'), description: say(lang, 'description') }} />
      {targets.length > 1 && (
        <Select name="target" id={`${id}-target`} label={say(lang, 'target')} value={target} onChange={setTarget}
          options={targets.map((x) => ({ value: x.path, label: x.label }))} />
      )}
      <div className="field">
        <label htmlFor={fileId}>{say(lang, 'file')}</label>
        <input ref={fileInput} id={fileId} name="file" type="file"
          accept="application/pdf,image/jpeg,image/png,image/webp,image/heic,image/heif,image/tiff,image/gif,audio/*,.m4a,.amr,.opus,.3gp"
          aria-invalid={fieldErrors.file ? true : undefined} aria-describedby={`${fileId}-hint${fieldErrors.file ? ` ${fileId}-error` : ''}`}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <span id={`${fileId}-hint`} className="hint">{say(lang, 'fileHint')}</span>
        {fieldErrors.file && <span id={`${fileId}-error`} className="field-error">{fieldErrors.file.join('; ')}</span>}
      </div>
      <Select name="category" id={`${id}-category`} label={say(lang, 'category')} value={category} onChange={setCategory} errors={fieldErrors}
        placeholder="—" options={Object.entries(CATEGORIES).map(([value, names]) => ({ value, label: names[lang === 'vi' ? 0 : 1] }))} />
      <TextArea name="description" id={`${id}-description`} label={say(lang, 'description')} optional value={description} onChange={setDescription}
        errors={fieldErrors} maxLength={2000} />
      {progress !== null && (
        <div className="upload-progress" role="status" style={{ display: 'grid', gap: '0.25rem', margin: '0 0 0.5rem' }}>
          <progress max={1} value={progress} aria-label={say(lang, 'progress')} style={{ width: '100%', height: '1rem' }} />
          <span>{say(lang, 'uploading', { p: Math.round(progress * 100) })}</span>
        </div>
      )}
      <p className="actions">
        <button type="submit" disabled={progress !== null}>{say(lang, 'upload')}</button>
        {progress !== null
          ? <button type="button" className="secondary" onClick={() => abort.current?.abort()}>{say(lang, 'cancel')}</button>
          : <button type="button" className="secondary" onClick={() => { setOpen(false); setError(null); }}>{i18n.t('common.cancel')}</button>}
      </p>
    </form>
  );
}

/** Commune staff who add files to a case (as the API's CASE_FILE_ROLES); partners add to their own handoffs. */
const CASE_FILE_ROLES = ['social_worker', 'supervisor', 'chair'];
const PARTNER_ROLES = ['police', 'health', 'education', 'legal_aid', 'social_work_center'];
const OPEN_HANDOFF = ['offered', 'accepted', 'in_progress', 'completed'];

/** The case page's panel: every file the caller may see; uploads to the case or to a handoff the caller may add to. */
export function CaseAttachments({ c }: { c: CaseDetail }) {
  const user = useUser();
  const { lang, label } = useI18n();
  const staff = CASE_FILE_ROLES.includes(user.role) && c.child.fullName !== undefined && (user.communeCode === null || user.communeCode === c.communeCode);
  const partner = PARTNER_ROLES.includes(user.role);
  const handoffs = c.handoffs.filter((h) => OPEN_HANDOFF.includes(h.state) && (staff || (partner && h.agency.id === user.agency.id)));
  const targets: Target[] = [
    ...(staff ? [{ path: `/cases/${c.id}/attachments`, label: say(lang, 'onCase') }] : []),
    ...handoffs.map((h) => ({ path: `/handoffs/${h.id}/attachments`, label: `${label('handoffKind', h.kind)} — ${h.agency.name}` })),
  ];
  return <AttachmentsPanel id={`att-${c.id}`} listPath={`/cases/${c.id}/attachments`} targets={targets} />;
}

/** A handoff's files in a partner's inbox card: its agency adds its outcome evidence there. */
export function HandoffAttachments({ handoffId, canAdd }: { handoffId: string; canAdd: boolean }) {
  const { lang } = useI18n();
  const [shown, setShown] = useState(false);
  if (!shown) {
    return <p className="actions"><button type="button" className="secondary" aria-expanded={false} onClick={() => setShown(true)}>{say(lang, 'title')}</button></p>;
  }
  return (
    <AttachmentsPanel id={`att-${handoffId}`} listPath={`/handoffs/${handoffId}/attachments`} headingLevel={3}
      targets={canAdd ? [{ path: `/handoffs/${handoffId}/attachments`, label: '' }] : []} />
  );
}
