/**
 * "Xem / In" and "Tải PDF" for a PDF the API renders, and "Tải bản Word" for a form edited before
 * signing (the same path with `?format=docx`). The API wants the bearer token, so a plain
 * link cannot carry it: the PDF is fetched as a blob, then shown in a new tab (the browser's viewer
 * prints it) or saved under its name.
 */
import { useState } from 'react';
import { apiFile } from '../api';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';
import { ErrorNotice } from './ErrorNotice';
import { saveFile, Status } from './bits';

interface Props {
  /** The API path (`/cases/:id/documents/mau-02`). */
  path: string;
  /** The file name when the server names none. */
  filename: string;
  /** What the PDF is, for screen readers when several rows offer the same buttons. */
  what: string;
  viewLabel?: string;
  /** null: no download button (the view alone, e.g. "In phiếu"). */
  downloadLabel?: string | null;
  /** The document is also offered as DOCX, to edit before signing (plans, draft decisions). */
  editable?: boolean;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** How long a shown PDF's object URL lives (the new tab has loaded it long before). */
const URL_LIFETIME_MS = 60_000;

export function PdfActions({ path, filename, what, viewLabel, downloadLabel, editable }: Props) {
  const { t } = useI18n();
  const cmd = useCommand();
  const [done, setDone] = useState<string | null>(null);

  const view = async () => {
    setDone(null);
    // Opened within the click, so no pop-up blocker stops it; filled once the PDF is here.
    const tab = window.open('', '_blank');
    const file = await cmd.run(() => apiFile(path, 'application/pdf'));
    if (!file) {
      tab?.close();
      return;
    }
    const name = file.filename ?? filename;
    if (!tab) {
      saveFile(file.blob, name);
      setDone(t('pdf.saved', { file: name }));
      return;
    }
    const url = URL.createObjectURL(file.blob);
    tab.opener = null;
    tab.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), URL_LIFETIME_MS);
    setDone(t('pdf.opened', { file: name }));
  };

  const download = async (format: 'pdf' | 'docx') => {
    setDone(null);
    const file = await cmd.run(() => (format === 'pdf' ? apiFile(path, 'application/pdf') : apiFile(`${path}?format=docx`, DOCX)));
    if (!file) return;
    const name = file.filename ?? (format === 'pdf' ? filename : filename.replace(/\.pdf$/, '.docx'));
    saveFile(file.blob, name);
    setDone(t('pdf.saved', { file: name }));
  };

  return (
    <>
      <span className="actions pdf-actions">
        <button type="button" className="secondary" disabled={cmd.busy} onClick={() => void view()}>
          {viewLabel ?? t('pdf.view')}<span className="sr-only">: {what}</span>
        </button>
        {downloadLabel !== null && (
          <button type="button" className="secondary" disabled={cmd.busy} onClick={() => void download('pdf')}>
            {downloadLabel ?? t('pdf.download')}<span className="sr-only">: {what}</span>
          </button>
        )}
        {editable && (
          <button type="button" className="secondary" disabled={cmd.busy} onClick={() => void download('docx')}>
            {t('pdf.docx')}<span className="sr-only">: {what}</span>
          </button>
        )}
      </span>
      <ErrorNotice error={cmd.error} />
      <Status message={done} />
    </>
  );
}
