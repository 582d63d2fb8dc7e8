/** A registry child in one line: enough to tell children apart (sex, birth, where, parents, open cases). */
import type { ChildSummary } from '../api/types';
import { useI18n, type I18n } from '../i18n';

export function childName(c: { fullName?: string | null }, t: I18n['t']): string {
  return c.fullName ?? t('child.unnamed');
}

export function ChildSummaryFacts({ c }: { c: ChildSummary }) {
  const { t, label, date } = useI18n();
  const born = c.dateOfBirth ? t('child.born', { date: date(c.dateOfBirth) })
    : c.birthYear !== null ? t('child.bornYear', { y: c.birthYear })
      : c.approxAgeYears !== null ? t('child.about', { n: c.approxAgeYears }) : null;
  const parts = [
    label('sex', c.sex),
    born,
    [c.village, c.communeName ?? c.residenceCommuneCode].filter(Boolean).join(', ') || null,
    c.fatherName ? t('child.fatherIs', { name: c.fatherName }) : null,
    c.motherName ? t('child.motherIs', { name: c.motherName }) : null,
    c.openCases > 0 ? t('child.openCases', { n: c.openCases }) : null,
  ].filter(Boolean);
  return <p className="small child-facts">{parts.join(' · ')}</p>;
}
