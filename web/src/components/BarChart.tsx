/**
 * A plain horizontal bar chart: every value is also written as text, so the bars themselves are
 * decoration (hidden from screen readers) and the chart reads as a list.
 */
export interface Bar {
  key: string;
  label: string;
  /** 0..max; null when there is nothing to measure yet. */
  value: number | null;
  /** The value as people read it ("87 %", "12 giờ"). */
  text: string;
  /** More words under the bar (counts, ...). */
  detail?: string;
  tone?: 'ok' | 'warn' | 'danger';
}

export function BarChart({ bars, max, label }: { bars: Bar[]; max: number; label: string }) {
  return (
    <ul className="bars" aria-label={label}>
      {bars.map((b) => (
        <li key={b.key}>
          <div className="bar-label"><span>{b.label}</span> <strong>{b.text}</strong></div>
          <div className="bar-track" aria-hidden="true">
            {b.value !== null && (
              <div className={`bar-fill${b.tone ? ` bar-${b.tone}` : ''}`} style={{ width: `${Math.min(100, (b.value / (max || 1)) * 100)}%` }} />
            )}
          </div>
          {b.detail && <div className="muted small">{b.detail}</div>}
        </li>
      ))}
    </ul>
  );
}
