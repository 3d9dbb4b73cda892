/**
 * "Start from data": pick account fields (Country, then Industry or a revenue band...) and see the territories
 * they would make before creating them, with a rule each, under the selected territory.
 */
import { Plus, Sparkles, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import { MAX_DATA_LEVELS, type DataLevel } from '../../../../shared/api/hierarchy';
import { isTextField, type FieldDef, type Language } from '../../../../shared/domain';
import { selectedTerritoryId, usePlanStore } from '../../stores/planStore';
import { notify } from '../../stores/uiStore';
import { goToTerritory } from './hierarchyStore';
import { formatCount } from './format';
import { AndMore } from '../../components/AndMore';
import { IconButton } from '../../components/IconButton';
import { useDebounced, useModelMutation, useModelQuery } from '../../data';
import { DialogActions } from '../../components/DialogActions';

const usable = (f: FieldDef) =>
  (isTextField(f.type) && f.key !== 'externalId' && f.key !== 'name') || f.type === 'number' || f.type === 'money';
const isNumber = (f: FieldDef | undefined) => f?.type === 'number' || f?.type === 'money';
/** The levels offered before the planner chooses: one, by country (or the first usable field). */
function firstLevels(fields: readonly FieldDef[]): DataLevel[] {
  const first = fields.find((f) => f.key === 'country') ?? fields[0];
  return first ? [{ field: first.key }] : [];
}

export function GenerateDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const planId = usePlanStore((s) => s.planId)!;
  const territories = usePlanStore((s) => s.territories);
  const selectedId = usePlanStore(selectedTerritoryId);
  const accounts = usePlanStore((s) => s.recordCounts.account);
  const parent = territories.find((x) => x.id === selectedId) ?? territories.find((x) => x.parentId === null);
  const fieldsQuery = useModelQuery('listFields', { kind: 'account' });
  const fields = useMemo(() => (fieldsQuery.data ?? []).filter(usable), [fieldsQuery.data]);
  // The levels the planner chose; until they choose, one level by country (or the first usable field).
  const [chosen, setChosen] = useState<DataLevel[] | null>(null);
  const levels = useMemo(() => chosen ?? firstLevels(fields), [chosen, fields]);
  const setLevels = (change: (all: DataLevel[]) => DataLevel[]) => setChosen(change(levels));
  const [withRules, setWithRules] = useState(true);
  const generation = useModelMutation('generateHierarchyFromData');
  const busy = generation.isPending;
  // Countries and regions are named in the UI language, and only the selected territory's accounts count.
  const language: Language = i18n.language.startsWith('fr') ? 'fr' : 'en';
  /** A count for words that say it: its plural, and the number as the language writes it ("1 383" in French). */
  const counted = (count: number) => ({ count, formatted: formatCount(count, i18n.language) });
  const parentId = parent?.id;

  // The preview follows the levels once the planner pauses; the last one stays on screen while the next loads.
  const previewInput = useDebounced(
    levels.length === 0 || accounts === 0 ? null : { levels, planId, parentId, language },
    150,
  );
  const previewQuery = useModelQuery('previewHierarchyFromData', previewInput, { keepPrevious: true });
  const preview = previewQuery.isError ? null : (previewQuery.data ?? null);

  const fieldOf = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  const labelOf = (f: FieldDef) =>
    f.label && f.label !== f.key ? f.label : t(`generate.field.${f.key}`, { defaultValue: f.key });

  const setLevel = (i: number, level: DataLevel) => setLevels((all) => all.map((l, j) => (j === i ? level : l)));

  const generate = async () => {
    if (!parent) return;
    // A failure is a notice (mutate); the dialog stays open.
    const result = await generation.mutateAsync({ planId, parentId: parent.id, levels, withRules, language });
    if (!result) return;
    notify(t('generate.done', counted(result.created)), 'success');
    onClose();
    if (result.topIds[0]) goToTerritory(planId, territories, parent.id);
  };

  return (
    <Modal className="dialog wide" label={t('generate.title')} onClose={onClose}>
      <h2>
        <Sparkles size={16} aria-hidden="true" /> {t('generate.title')}
      </h2>
      {accounts === 0 ? (
        <p>{t('generate.noAccounts')}</p>
      ) : (
        <>
          <p className="muted">{t('generate.lead', { parent: parent?.name ?? '' })}</p>
          <ol className="levels">
            {levels.map((level, i) => {
              const field = fieldOf.get(level.field);
              return (
                <li key={i}>
                  <span className="level-number" aria-hidden="true">
                    {i + 1}.
                  </span>
                  <select
                    aria-label={t('generate.levelField', { level: i + 1 })}
                    value={level.field}
                    onChange={(e) => setLevel(i, { field: e.target.value })}
                  >
                    {fields.map((f) => (
                      <option key={f.key} value={f.key}>
                        {labelOf(f)}
                      </option>
                    ))}
                  </select>
                  {isNumber(field) && (
                    <label className="inline">
                      <span>{t('generate.bands')}</span>
                      <select
                        aria-label={t('generate.levelBands', { level: i + 1 })}
                        value={level.bands ?? 4}
                        onChange={(e) => setLevel(i, { field: level.field, bands: Number(e.target.value) })}
                      >
                        {[2, 3, 4, 5, 6, 8, 10].map((n) => (
                          <option key={n} value={n}>
                            {n}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  {levels.length > 1 && (
                    <IconButton
                      label={t('generate.removeLevel', { level: i + 1 })}
                      icon={<X size={14} />}
                      onClick={() => setLevels((all) => all.filter((_, j) => j !== i))}
                    />
                  )}
                </li>
              );
            })}
          </ol>
          {levels.length < MAX_DATA_LEVELS && fields.length > 0 && (
            <button
              type="button"
              onClick={() => {
                const unused = fields.find((f) => !levels.some((l) => l.field === f.key)) ?? fields[0];
                setLevels((all) => [...all, { field: unused.key, ...(isNumber(unused) && { bands: 4 }) }]);
              }}
            >
              <Plus size={14} aria-hidden="true" /> {t('generate.addLevel')}
            </button>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={withRules} onChange={(e) => setWithRules(e.target.checked)} />
            {t('generate.withRules')}
          </label>
          {preview && (
            <div
              className="preview"
              role="status"
              aria-live="polite"
              // It scrolls when the preview is long: focusable, so the keyboard can scroll it too.
              tabIndex={0}
            >
              <p>
                {t('generate.willCreate', counted(preview.total))}{' '}
                <span className="muted">
                  ({preview.perLevel.map((n, i) => t('generate.atLevel', { ...counted(n), level: i + 1 })).join(', ')})
                </span>
              </p>
              {preview.tooMany && <p className="error-text">{t('generate.tooMany')}</p>}
              <ul className="preview-groups">
                {preview.groups.slice(0, 12).map((g) => (
                  <li key={g.label}>
                    <span className="grow">{g.label}</span>
                    <span className="muted small">
                      {t('hierarchy.accountsCount', counted(g.accounts))}
                      {g.children > 0 && ` · ${t('hierarchy.subTerritories', { count: g.children })}`}
                    </span>
                  </li>
                ))}
                {/* The model lists at most 100 groups: the first level's count says how many there are. */}
                <AndMore
                  as="li"
                  count={
                    Math.max(preview.perLevel[0] ?? 0, preview.groups.length) - Math.min(12, preview.groups.length)
                  }
                />
              </ul>
            </div>
          )}
        </>
      )}
      <DialogActions onCancel={onClose}>
        <button
          type="button"
          className="primary"
          disabled={busy || !preview || preview.total === 0 || preview.tooMany || accounts === 0}
          onClick={() => void generate()}
        >
          {t('generate.create', counted(preview?.total ?? 0))}
        </button>
      </DialogActions>
    </Modal>
  );
}
