/**
 * The rules of one territory for one record kind. Each rule is edited as a draft: its numbered conditions and
 * its pattern are checked by the model as the planner types (the engine's problems, with where a pattern goes
 * wrong), and saved as one undoable step.
 */
import { ArrowDown, ArrowUp, Plus, RotateCcw, Save, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleKind, RuleProblemInfo, RuleWithProblems } from '../../../../shared/api/rules';

const noRules: RuleWithProblems[] = [];
const noFields: FieldDef[] = [];
import type { Condition, FieldDef, Rule, Territory } from '../../../../shared/domain';
import { mutate, useDebounced, useModelQuery } from '../../data';
import { ask } from '../../components/dialogs';
import { ConditionEditor } from './ConditionEditor';
import { describeCondition, problemText, renumberAfterMove, renumberAfterRemove } from './conditions';
import { usePlaceNamer } from './usePlaceNamer';
import { errorText } from '../../modelWords';
import { IconButton } from '../../components/IconButton';
import { tooltipOf } from '../../viewActions';
import { rulesAction } from './rulesActions';
import { addRuleCard, rulesShown, useAddingRules } from './rulesStore';

interface Draft {
  conditions: Condition[];
  pattern: string;
  enabled: boolean;
}

const draftOf = (rule: Rule | null): Draft => ({
  conditions: rule ? rule.conditions : [],
  pattern: rule ? rule.pattern : '',
  enabled: rule ? rule.enabled : true,
});

const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** A first condition that fits the kind: country for located records, else the first field. */
function firstCondition(fields: readonly FieldDef[]): Condition {
  const field = fields.find((f) => f.key === 'country') ?? fields.find((f) => f.key === 'name') ?? fields[0];
  const type = field?.type ?? 'text';
  if (type === 'text' || type === 'picklist') return { field: field.key, operator: 'isAnyOf', value: [] };
  if (type === 'postalCode') return { field: field.key, operator: 'postalStartsWith', value: [] };
  return { field: field?.key ?? '', operator: 'ge', value: null };
}

/** The pattern with the character where the problem is marked, so the planner sees the spot. */
function PatternMark({ pattern, position }: { pattern: string; position: number }) {
  const at = Math.min(position, pattern.length);
  return (
    <code className="rules-pattern-mark" aria-hidden="true">
      {pattern.slice(0, at)}
      <mark>{pattern.slice(at, at + 1) || ' '}</mark>
      {pattern.slice(at + 1)}
    </code>
  );
}

interface CardProps {
  planId: string;
  territory: Territory;
  kind: RuleKind;
  fields: readonly FieldDef[];
  /** null: a new rule not saved yet. */
  stored: RuleWithProblems | null;
  number: number;
  count: number;
  readOnly: boolean;
  onMove(by: -1 | 1): void;
  onDiscardNew(): void;
  onSaved(): void;
}

function RuleCard(props: CardProps) {
  const { t } = useTranslation();
  const { planId, territory, kind, fields, stored } = props;
  const [draft, setDraft] = useState<Draft>(() =>
    stored ? draftOf(stored.rule) : { conditions: [firstCondition(fields)], pattern: '', enabled: true },
  );
  const [saving, setSaving] = useState(false);
  const base = useMemo(() => draftOf(stored?.rule ?? null), [stored]);
  const dirty = stored === null || !sameDraft(draft, base);

  // When the stored rule changes (undo, another window) and there is nothing unsaved, show it.
  const lastBase = useRef(base);
  useEffect(() => {
    if (!sameDraft(lastBase.current, base)) {
      setDraft((current) => (sameDraft(current, lastBase.current) ? base : current));
      lastBase.current = base;
    }
  }, [base]);

  // Checked as typed, a moment after the last key.
  const checking = useDebounced(
    { planId, territoryId: territory.id, recordKind: kind, conditions: draft.conditions, pattern: draft.pattern },
    200,
  );
  const checked = useModelQuery('checkRule', checking, { keepPrevious: true });
  const placeName = usePlaceNamer(draft.conditions);
  const problems: RuleProblemInfo[] = checked.error
    ? // A value the contract refuses (a list too long...) is a problem of the draft, not a crash.
      [{ ruleId: 'draft', territoryId: territory.id, code: 'badValue', message: errorText(checked.error) }]
    : (checked.data ?? stored?.problems ?? []);

  const patternProblem = problems.find((p) => p.conditionNumber === undefined);
  const setConditions = (conditions: Condition[], pattern = draft.pattern) =>
    setDraft({ ...draft, conditions, pattern });
  const label = t('rules.ruleN', { number: props.number });

  const save = async () => {
    setSaving(true);
    try {
      const saved = stored
        ? await mutate('updateRule', { planId, ruleId: stored.rule.id, patch: draft })
        : await mutate('createRule', { planId, territoryId: territory.id, recordKind: kind, ...draft });
      if (saved) props.onSaved();
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!stored) {
      props.onDiscardNew();
      return;
    }
    const ok = await ask.confirm(t('rules.deleteRule'), t('rules.deleteRuleText', { territory: territory.name }), {
      danger: true,
      action: t('common.delete'),
    });
    if (ok) await mutate('deleteRule', { planId, ruleId: stored.rule.id });
  };

  return (
    <section className={`rules-card${draft.enabled ? '' : ' disabled'}`} aria-label={label}>
      <header className="rules-card-head">
        <h3>{label}</h3>
        {dirty && <span className="rules-badge">{stored ? t('rules.unsaved') : t('rules.new')}</span>}
        <span className="grow" />
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.enabled}
            disabled={props.readOnly}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
          {t('rules.enabled')}
        </label>
        {props.count > 1 && !props.readOnly && stored && (
          <>
            <IconButton
              label={t('rules.moveUp', { label })}
              icon={<ArrowUp size={14} />}
              disabled={props.number === 1}
              onClick={() => props.onMove(-1)}
            />
            <IconButton
              label={t('rules.moveDown', { label })}
              icon={<ArrowDown size={14} />}
              disabled={props.number === props.count}
              onClick={() => props.onMove(1)}
            />
          </>
        )}
        {!props.readOnly && (
          <IconButton
            label={t('rules.deleteRuleNamed', { label })}
            icon={<Trash2 size={15} />}
            onClick={() => void remove()}
          />
        )}
      </header>

      {draft.conditions.length === 0 ? (
        <p className="muted small">{t('rules.noConditions')}</p>
      ) : (
        <ol className="rules-conditions">
          {draft.conditions.map((condition, i) => (
            <ConditionEditor
              key={i}
              number={i + 1}
              count={draft.conditions.length}
              condition={condition}
              fields={fields}
              kind={kind}
              problems={problems.filter((p) => p.conditionNumber === i + 1)}
              territoryRegions={territory.geography.regions}
              readOnly={props.readOnly}
              onChange={(next) => setConditions(draft.conditions.map((c, j) => (j === i ? next : c)))}
              onRemove={() =>
                setConditions(
                  draft.conditions.filter((_, j) => j !== i),
                  renumberAfterRemove(draft.pattern, i),
                )
              }
              onMove={(by) => {
                const to = i + by;
                const next = [...draft.conditions];
                [next[i], next[to]] = [next[to], next[i]];
                // Neighbours swap: moving one onto the other is the whole renumbering.
                setConditions(next, renumberAfterMove(draft.pattern, i, to));
              }}
            />
          ))}
        </ol>
      )}
      {!props.readOnly && (
        <button
          type="button"
          className="link"
          onClick={() => setConditions([...draft.conditions, firstCondition(fields)])}
        >
          <Plus size={13} aria-hidden="true" /> {t('rules.addCondition')}
        </button>
      )}

      <div className="rules-pattern">
        <label className="field">
          <span>{t('rules.pattern')}</span>
          <input
            className={patternProblem ? 'invalid' : undefined}
            value={draft.pattern}
            placeholder={
              draft.conditions.length > 1
                ? draft.conditions.map((_, i) => i + 1).join(' AND ')
                : t('rules.patternEmpty')
            }
            readOnly={props.readOnly}
            aria-invalid={patternProblem ? true : undefined}
            aria-describedby={patternProblem ? `pattern-problem-${props.number}` : undefined}
            onChange={(e) => setDraft({ ...draft, pattern: e.target.value })}
          />
        </label>
        {patternProblem ? (
          <div className="rules-pattern-problem" id={`pattern-problem-${props.number}`} role="alert">
            {patternProblem.position !== undefined && (
              <PatternMark pattern={draft.pattern} position={patternProblem.position} />
            )}
            <span className="error-text small">{problemText(patternProblem)}</span>
          </div>
        ) : (
          <p className="muted small">{t('rules.patternHint')}</p>
        )}
      </div>

      {draft.conditions.length > 0 && problems.length === 0 && (
        <p className="rules-reads small">
          <span className="muted">{t('rules.reads')} </span>
          {draft.conditions.map((c, i) => `${i + 1}. ${describeCondition(c, fields, placeName)}`).join(' · ')}
        </p>
      )}

      {!props.readOnly && (
        <footer className="rules-card-actions">
          {dirty && stored && (
            <button type="button" onClick={() => setDraft(base)}>
              <RotateCcw size={14} aria-hidden="true" /> {t('rules.revert')}
            </button>
          )}
          <button
            type="button"
            className="primary"
            disabled={!dirty || problems.length > 0 || saving}
            onClick={() => void save()}
          >
            <Save size={14} aria-hidden="true" /> {t('rules.saveRule')}
          </button>
        </footer>
      )}
    </section>
  );
}

export function RuleEditor(props: { planId: string; territory: Territory; kind: RuleKind; readOnly: boolean }) {
  const { t } = useTranslation();
  const { planId, territory, kind } = props;
  const listed = useModelQuery('listRules', { planId, territoryId: territory.id, recordKind: kind });
  const rules = listed.isError ? noRules : (listed.data ?? null);
  const fieldsOf = useModelQuery('listFields', { kind });
  const fields = fieldsOf.data ?? noFields;
  // Rules of another territory or kind: the cards being added belonged to the one before.
  const shown = rulesShown(planId, territory.id, kind);
  const adding = useAddingRules(shown);

  const move = async (index: number, by: -1 | 1) => {
    if (!rules) return;
    const ids = rules.map((r) => r.rule.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    await mutate('reorderRules', { planId, territoryId: territory.id, recordKind: kind, ruleIds: ids });
  };

  if (!rules || fields.length === 0) return <p className="muted">{t('common.loading')}</p>;
  const total = rules.length + adding;
  return (
    <div className="rules-editor">
      {total === 0 && (
        <p className="muted">
          {territory.rulesWhenEmpty === 'inherit' ? t('rules.noRulesInherit') : t('rules.noRulesNone')}
        </p>
      )}
      {rules.map((rule, i) => (
        <RuleCard
          key={rule.rule.id}
          planId={planId}
          territory={territory}
          kind={kind}
          fields={fields}
          stored={rule}
          number={i + 1}
          count={rules.length}
          readOnly={props.readOnly}
          onMove={(by) => void move(i, by)}
          onDiscardNew={() => undefined}
          onSaved={() => undefined}
        />
      ))}
      {Array.from({ length: adding }, (_, i) => (
        <RuleCard
          key={`new-${i}`}
          planId={planId}
          territory={territory}
          kind={kind}
          fields={fields}
          stored={null}
          number={rules.length + i + 1}
          count={total}
          readOnly={props.readOnly}
          onMove={() => undefined}
          onDiscardNew={() => addRuleCard(shown, -1)}
          onSaved={() => addRuleCard(shown, -1)}
        />
      ))}
      {!props.readOnly && (
        <button
          type="button"
          title={tooltipOf(t('rules.addRule'), rulesAction('newRule').shortcuts)}
          onClick={() => addRuleCard(shown)}
        >
          <Plus size={15} aria-hidden="true" /> {rules.length === 0 ? t('rules.addRule') : t('rules.addAnotherRule')}
        </button>
      )}
      {rules.length + adding > 1 && <p className="muted small">{t('rules.allRulesMustHold')}</p>}
    </div>
  );
}
