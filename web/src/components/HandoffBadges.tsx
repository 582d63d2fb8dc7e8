import { useI18n } from '../i18n';
import type { Handoff } from '../api/types';
import { Badge } from './bits';

/** A handoff's state, urgency and lateness, as shown on the case page and in the inbox. */
export function HandoffBadges({ h }: { h: Pick<Handoff, 'state' | 'urgency' | 'overdue'> }) {
  const { t, label } = useI18n();
  return (
    <div className="badges">
      <Badge tone={h.state === 'completed' ? 'ok' : h.state === 'declined' ? 'danger' : 'info'}>{label('handoffState', h.state)}</Badge>
      {h.urgency === 'urgent' && <Badge tone="warn">{label('urgency', h.urgency)}</Badge>}
      {h.overdue && <Badge tone="danger">{t('cases.overdue')}</Badge>}
    </div>
  );
}
