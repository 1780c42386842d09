import { useFormat } from '../i18n/format';

interface Props {
  label: string;
  value: number | null | undefined;
  digits?: number;
  unit?: string;
  testId: string;
  title?: string;
}

/** A labelled number; its text starts with the value so automated checks can read it. */
export function Metric({ label, value, digits = 1, unit, testId, title }: Props) {
  const format = useFormat();
  // No thousands separators: the value is read back as a plain number (by readers and by tests).
  const shown = value === null || value === undefined ? '–' : Number.isFinite(value) ? format.number(value, { digits, grouping: false }) : String(value);
  return (
    <div className="metric" title={title}>
      <span className="metric-label">{label}</span>
      <span className="metric-value" data-testid={testId}>
        {shown}{unit && value !== null && value !== undefined ? ` ${unit}` : ''}
      </span>
    </div>
  );
}
