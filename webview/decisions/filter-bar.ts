// The filter controls of the Decisions view; reports every change as a whole Filters value.
import { checkbox, dropdown, el, textField } from '../components';
import { debounce } from '../shared/debounce';
import type { Filters } from './filters';

const TEXT_DEBOUNCE_MS = 300;

export function filterBar(initial: Filters, onChange: (filters: Filters) => void): HTMLElement {
  let current = { ...initial };
  const emit = (patch: Partial<Filters>) => {
    current = { ...current, ...patch };
    onChange(current);
  };
  const typed = debounce(emit, TEXT_DEBOUNCE_MS);
  const text = (key: 'text' | 'rule' | 'provider' | 'signalType', aria: string, placeholder: string) =>
    textField({ aria, placeholder, value: initial[key], onInput: (value) => typed({ [key]: value }) });

  const search = text('text', 'Search decisions', 'Search explanations, rules, models…');
  search.classList.add('filter-search');
  return el('div', { class: 'filter-bar', attrs: { role: 'search' } }, [
    search,
    el('div', { class: 'filter-row' }, [
      dropdown({
        aria: 'Route target',
        value: initial.target,
        choices: [
          { value: '', label: 'Any route' },
          { value: 'local', label: 'Local' },
          { value: 'private', label: 'Private' },
          { value: 'hosted', label: 'Hosted' },
          { value: 'blocked', label: 'Blocked' },
        ],
        onChange: (value) => emit({ target: value as Filters['target'] }),
      }),
      checkbox({ label: 'Needs review', checked: initial.needsReview, onChange: (checked) => emit({ needsReview: checked }) }),
    ]),
    el('div', { class: 'filter-row' }, [text('rule', 'Rule id', 'Rule'), text('provider', 'Provider', 'Provider'), text('signalType', 'Signal type', 'Signal type')]),
  ]);
}
