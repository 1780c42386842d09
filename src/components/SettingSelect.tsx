import { useTranslation } from '../i18n';
import { labelText } from '../i18n/settingLabels';
import { SETTINGS, isValid, type ChoiceSetting, type NumberSetting, type SettingName } from '../settings/schema';

interface Props {
  name: SettingName;
  value: number | string;
  onChange: (value: number | string) => void;
  testId: string;
}

/**
 * A select for one setting of the schema: its label, its options (a number setting's presets,
 * a choice setting's values) and the check of what the reader picked all come from the schema.
 */
export function SettingSelect({ name, value, onChange, testId }: Props) {
  const { t } = useTranslation();
  const setting = SETTINGS[name] as NumberSetting | ChoiceSetting;
  const options: { value: string; text: string }[] = setting.kind === 'enum'
    ? setting.values.map((v) => ({ value: v, text: labelText(t, setting.optionLabels?.[v] ?? v) }))
    : withCurrent(setting.presets ?? [setting.def], Number(value)).map((v) => ({ value: String(v), text: String(v) }));
  return (
    <label className="control">
      <span>{labelText(t, setting.control ?? setting.label)}</span>
      <select
        value={String(value)} data-testid={testId} title={setting.hint ? labelText(t, setting.hint) : undefined}
        onChange={(e) => {
          const picked = setting.kind === 'enum' ? e.target.value : Number(e.target.value);
          if (isValid(name, picked)) onChange(picked);
        }}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
      </select>
    </label>
  );
}

function withCurrent(options: readonly number[], current: number): number[] {
  return options.includes(current) || !Number.isFinite(current) ? [...options] : [...options, current].sort((a, b) => a - b);
}
