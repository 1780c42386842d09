import { useId } from 'react';

export interface RangeControlProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  /** How the value is shown next to the label. */
  format?: (value: number) => string;
  testId?: string;
}

/** A labelled range input with its value visible; arrow keys, Page Up/Down, Home/End work natively. */
export function RangeControl({ label, value, min, max, step, onChange, format, testId }: RangeControlProps) {
  const id = useId();
  const shown = format ? format(value) : String(value);
  return (
    <div className="toy-range">
      <label htmlFor={id}>
        {label} <output htmlFor={id}>{shown}</output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={shown}
        data-testid={testId}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
    </div>
  );
}
