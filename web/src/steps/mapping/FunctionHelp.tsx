/**
 * Help for the expression functions (the Entra functions plus hrsync's Dutch name functions): a
 * searchable list, and for the chosen one its signature, description and a worked example. The
 * catalogue is the expression engine's own, so the help cannot describe a function that differs.
 */
import { Button, makeStyles, SearchBox, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { FUNCTIONS, type FunctionCategory, type FunctionInfo } from '../../api/expressions.ts';
import { formatValue } from '../../ui/format.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minHeight: 0 },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    maxHeight: '220px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  category: {
    padding: '4px 8px',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: '4px 8px',
    border: 0,
    background: 'none',
    cursor: 'pointer',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  chosen: { backgroundColor: tokens.colorNeutralBackground1Selected },
  details: {
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    padding: '8px',
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

const CATEGORY_LABELS: Readonly<Record<FunctionCategory, string>> = {
  text: 'Text',
  date: 'Dates',
  logic: 'Logic',
  conversion: 'Conversion',
  'multi-valued': 'Multi-valued',
  generation: 'Generation',
  names: 'Dutch names',
};

export function FunctionHelp(props: { readonly onInsert?: (text: string) => void }) {
  const styles = useStyles();
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<FunctionInfo | undefined>(undefined);
  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const matching = FUNCTIONS.filter(
      (fn) => !f || fn.name.toLowerCase().includes(f) || fn.description.toLowerCase().includes(f),
    );
    const byCategory = new Map<FunctionCategory, FunctionInfo[]>();
    for (const fn of matching) byCategory.set(fn.category, [...(byCategory.get(fn.category) ?? []), fn]);
    return [...byCategory.entries()];
  }, [filter]);

  return (
    <div className={styles.root} data-testid="function-help">
      <SearchBox
        size="small"
        placeholder="Find a function"
        aria-label="Find a function"
        value={filter}
        onChange={(_, d) => setFilter(d.value)}
      />
      <ul className={styles.list} aria-label="Functions">
        {groups.map(([category, fns]) => (
          <li key={category}>
            <div className={styles.category}>{CATEGORY_LABELS[category]}</div>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {fns.map((fn) => (
                <li key={fn.name}>
                  <button
                    type="button"
                    className={`${styles.item} ${chosen?.name === fn.name ? styles.chosen : ''}`}
                    onClick={() => setChosen(fn)}
                    aria-pressed={chosen?.name === fn.name}
                  >
                    {fn.name}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
        {groups.length === 0 && <li className={styles.category}>No function matches “{filter}”.</li>}
      </ul>
      {chosen && (
        <div className={styles.details} aria-live="polite" data-testid="function-details">
          <Text className={styles.code} weight="semibold">
            {chosen.signature}
          </Text>
          <Text size={200}>{chosen.description}</Text>
          <Text size={200}>
            Example: <span className={styles.code}>{chosen.example.expression}</span> →{' '}
            <span className={styles.code}>{formatValue(chosen.example.output)}</span>
          </Text>
          {props.onInsert && (
            <div>
              <Button size="small" onClick={() => props.onInsert?.(`${chosen.name}(`)}>
                Insert {chosen.name}
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
