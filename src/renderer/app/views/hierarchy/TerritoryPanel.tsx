/** The side panel: the selected territory's details, people, figures, rules and geography, all editable in place. */
import { ArrowDown, ArrowUp, Crown, ExternalLink, Scale, Trash2, UserPlus, X } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerritoryRuleSummary } from '../../../../shared/api/hierarchy';
import type { MembershipRole, Territory } from '../../../../shared/domain';
import { childrenByParent, pathTo, territoryPalette } from '../../../../shared/hierarchy';
import { currentPlan, selectedTerritoryId, selectTerritory, usePlanStore } from '../../stores/planStore';
import { showView } from '../../stores/uiStore';
import { balancedTerritories, openBalanceDialog } from '../balance/BalanceDialog';
import { GeographyEditor } from '../map/GeographyEditor';
import { fieldLabel } from '../rules/conditions';
import { formatCompactMoney, formatCount } from './format';
import { hierarchyAction } from './hierarchyActions';
import { goToTerritory } from './hierarchyStore';
import { assignUser, removeMembership, reorderTerritory, updateTerritory } from './territoryActions';
import { TerritoryWarningList } from './TerritoryWarnings';
import { andMoreText } from '../../components/AndMore';
import { IconButton } from '../../components/IconButton';
import { useModelQuery } from '../../data';
import { levelLabelText } from '../../modelWords';
import { keyText } from '../../viewActions';

/** A text field that saves when the planner leaves it or presses Enter; Escape puts the saved value back. */
function CommitField({
  label,
  value,
  multiline,
  disabled,
  maxLength,
  onCommit,
}: {
  label: string;
  value: string;
  multiline?: boolean;
  disabled: boolean;
  maxLength: number;
  onCommit: (value: string) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState(value);
  // A new stored value (undo, another window) replaces the draft.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setDraft(value);
  }
  const commit = async () => {
    const next = multiline ? draft : draft.trim();
    if (next === value) return;
    if (!(await onCommit(next))) setDraft(value);
  };
  const common = {
    'aria-label': label,
    value: draft,
    disabled,
    maxLength,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => void commit(),
  };
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? (
        <textarea rows={3} {...common} />
      ) : (
        <input
          {...common}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
      )}
    </label>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel-section" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function MembersSection({ territory, readOnly }: { territory: Territory; readOnly: boolean }) {
  const { t } = useTranslation();
  const memberships = usePlanStore((s) => s.memberships);
  const users = usePlanStore((s) => s.users);
  const here = memberships.filter((m) => m.territoryId === territory.id);
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const others = users.filter((u) => !here.some((m) => m.userId === u.id));
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MembershipRole>('member');
  const manager = here.find((m) => m.role === 'manager');
  const sorted = [...here].sort(
    (a, b) =>
      (a.role === b.role ? 0 : a.role === 'manager' ? -1 : 1) ||
      (nameOf.get(a.userId) ?? '').localeCompare(nameOf.get(b.userId) ?? ''),
  );

  return (
    <Section title={t('people.title')}>
      <label className="field">
        <span>{t('hierarchy.manager')}</span>
        <select
          aria-label={t('hierarchy.manager')}
          value={manager?.userId ?? ''}
          disabled={readOnly}
          onChange={(e) => {
            const chosen = e.target.value;
            if (chosen) void assignUser(territory.id, chosen, 'manager');
            else if (manager) void assignUser(territory.id, manager.userId, 'member');
          }}
        >
          <option value="">{t('hierarchy.noManager')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      {sorted.length === 0 ? (
        <p className="muted small">{t('people.noMembers')}</p>
      ) : (
        <ul className="member-list" aria-label={t('people.membersOf', { name: territory.name })}>
          {sorted.map((m) => {
            const name = nameOf.get(m.userId) ?? '?';
            return (
              <li key={m.id}>
                {m.role === 'manager' && <Crown size={13} aria-label={t('people.role.manager')} />}
                <span className="grow">{name}</span>
                <select
                  aria-label={t('people.roleOf', { name })}
                  value={m.role}
                  disabled={readOnly}
                  onChange={(e) => void assignUser(territory.id, m.userId, e.target.value as MembershipRole)}
                >
                  <option value="manager">{t('people.role.manager')}</option>
                  <option value="member">{t('people.role.member')}</option>
                </select>
                {!readOnly && (
                  <IconButton
                    label={t('people.removeFrom', { name, territory: territory.name })}
                    icon={<X size={14} />}
                    onClick={() => void removeMembership(m.id)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && others.length > 0 && (
        <form
          className="add-member"
          onSubmit={(e) => {
            e.preventDefault();
            if (userId) void assignUser(territory.id, userId, role).then(() => setUserId(''));
          }}
        >
          <select aria-label={t('people.pickPerson')} value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('people.pickPersonOption')}</option>
            {others.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <select
            aria-label={t('people.role.label')}
            value={role}
            onChange={(e) => setRole(e.target.value as MembershipRole)}
          >
            <option value="member">{t('people.role.member')}</option>
            <option value="manager">{t('people.role.manager')}</option>
          </select>
          <button
            type="submit"
            className="icon"
            aria-label={t('people.addTo', { territory: territory.name })}
            disabled={!userId}
          >
            <UserPlus size={16} />
          </button>
        </form>
      )}
    </Section>
  );
}

function RulesSection({ territory }: { territory: Territory }) {
  const { t } = useTranslation();
  // Asked again when the plan's territories or rules change (data/invalidation.ts); a failed answer shows none.
  const query = useModelQuery('territoryRules', { planId: territory.planId, territoryId: territory.id });
  const rules: readonly TerritoryRuleSummary[] | null = query.isError ? [] : (query.data ?? null);
  const { geography } = territory;
  const regions = [
    ...geography.regions.slice(0, 8),
    ...(geography.regions.length > 8 ? [andMoreText(geography.regions.length - 8)] : []),
  ].join(', ');
  return (
    <Section title={t('hierarchy.rulesAndGeography')}>
      {rules === null ? (
        <p className="muted small">{t('common.loading')}</p>
      ) : rules.length === 0 ? (
        <p className="muted small">
          {territory.rulesWhenEmpty === 'inherit' ? t('hierarchy.noRulesInherit') : t('hierarchy.noRulesNone')}
        </p>
      ) : (
        <ul className="rule-summary">
          {rules.map((rule) => (
            <li key={rule.id} className={rule.enabled ? undefined : 'muted'}>
              <strong>{t(`hierarchy.ruleKind.${rule.recordKind}`)}</strong>{' '}
              {t('hierarchy.ruleConditions', { count: rule.conditionCount })}
              {rule.fields.length > 0 && (
                <span className="muted"> · {rule.fields.map((key) => fieldLabel(undefined, key)).join(', ')}</span>
              )}
              {rule.pattern && <span className="code">{rule.pattern}</span>}
              {!rule.enabled && <span className="muted"> · {t('hierarchy.ruleOff')}</span>}
            </li>
          ))}
        </ul>
      )}
      <dl className="facts">
        <dt>{t('hierarchy.regions')}</dt>
        <dd>{regions || '—'}</dd>
        <dt>{t('hierarchy.postalPrefixes')}</dt>
        <dd>{geography.postalPrefixes.length}</dd>
        <dt>{t('hierarchy.drawnAreas')}</dt>
        <dd>{geography.areas.length}</dd>
      </dl>
      <button type="button" className="link" onClick={() => showView('rules')}>
        <ExternalLink size={13} aria-hidden="true" /> {t('hierarchy.openRules')}
      </button>
    </Section>
  );
}

function SelectionSummary({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const territories = usePlanStore((s) => s.territories);
  const chosen = ids.map((id) => territories.find((x) => x.id === id)).filter((x): x is Territory => !!x);
  return (
    <div className="territory-panel">
      <h2>{t('hierarchy.selectedCount', { count: chosen.length })}</h2>
      <ul className="selection-list">
        {chosen.map((x) => (
          <li key={x.id}>
            <span className="color-dot" style={{ background: x.color }} aria-hidden="true" /> {x.name}
          </li>
        ))}
      </ul>
      <p className="muted small">
        {t('hierarchy.multiMoveHint', {
          cutKey: keyText(hierarchyAction('cut')),
          pasteKey: keyText(hierarchyAction('paste')),
        })}
      </p>
    </div>
  );
}

/** Balancing needs two territories under this one, at the lowest level or just below. */
function canBalance(territories: readonly Territory[], territoryId: string): boolean {
  const { children, leaves } = balancedTerritories(territories, territoryId);
  return children.length >= 2 || leaves.length >= 2;
}

export function TerritoryPanel() {
  const { t, i18n } = useTranslation();
  const selectedId = usePlanStore(selectedTerritoryId);
  const territories = usePlanStore((s) => s.territories);
  const stats = usePlanStore((s) => (selectedId ? s.territoryStats[selectedId] : undefined));
  const plan = usePlanStore(currentPlan);
  const selection = usePlanStore((s) => s.selection);
  const readOnly = plan?.status !== 'draft';
  const territory = territories.find((x) => x.id === selectedId);
  const path = useMemo(() => (territory ? pathTo(territories, territory.id) : []), [territories, territory]);
  const childCount = useMemo(
    () => (territory ? (childrenByParent(territories).get(territory.id)?.length ?? 0) : 0),
    [territories, territory],
  );

  if (selection.length > 1) return <SelectionSummary ids={selection} />;
  if (!territory || !plan) {
    return (
      <div className="territory-panel">
        <p className="muted">{t('hierarchy.pickTerritory')}</p>
      </div>
    );
  }
  const isRoot = territory.parentId === null;
  const save = (patch: Parameters<typeof updateTerritory>[1]) => updateTerritory(territory, patch);

  return (
    <div className="territory-panel" aria-label={t('hierarchy.details', { name: territory.name })}>
      <nav className="breadcrumb" aria-label={t('hierarchy.path')}>
        {path.map((p, i) => (
          <span key={p.id}>
            {i > 0 && <span aria-hidden="true"> › </span>}
            {p.id === territory.id ? (
              <strong>{p.name}</strong>
            ) : (
              <button type="button" className="link" onClick={() => goToTerritory(plan.id, territories, p.id)}>
                {p.name}
              </button>
            )}
          </span>
        ))}
      </nav>
      <div className="panel-title">
        <span className="swatch" style={{ background: territory.color }} aria-hidden="true" />
        <h2>{territory.name}</h2>
      </div>
      <TerritoryWarningList territory={territory} readOnly={readOnly} />
      {stats && (
        <dl className="figures">
          <div>
            <dt>{t('summary.accounts')}</dt>
            <dd>{formatCount(stats.accounts, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('hierarchy.revenue')}</dt>
            <dd>{formatCompactMoney(stats.revenue, plan.currency, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('hierarchy.potential')}</dt>
            <dd>{formatCompactMoney(stats.potential, plan.currency, i18n.language)}</dd>
          </div>
        </dl>
      )}
      <button
        type="button"
        className="link"
        onClick={() => {
          selectTerritory(territory.id);
          showView('accounts');
        }}
      >
        <ExternalLink size={13} aria-hidden="true" /> {t('hierarchy.showAccounts', { name: territory.name })}
      </button>
      {!readOnly && canBalance(territories, territory.id) && (
        <button
          type="button"
          className="link"
          title={t('balance.openHint', { name: territory.name })}
          onClick={() => openBalanceDialog(territory.id)}
        >
          <Scale size={13} aria-hidden="true" /> {t('balance.open')}
        </button>
      )}

      <Section title={t('hierarchy.detailsTitle')}>
        <CommitField
          label={t('hierarchy.nameLabel')}
          value={territory.name}
          maxLength={200}
          disabled={readOnly}
          onCommit={(name) => (name ? save({ name }) : Promise.resolve(false))}
        />
        <div className="field-row">
          <CommitField
            label={t('hierarchy.code')}
            value={territory.code}
            maxLength={64}
            disabled={readOnly}
            onCommit={(code) => save({ code })}
          />
          <CommitField
            label={t('hierarchy.typeLabel')}
            value={levelLabelText(territory.typeLabel)}
            maxLength={64}
            disabled={readOnly}
            onCommit={(typeLabel) => save({ typeLabel })}
          />
        </div>
        <CommitField
          label={t('hierarchy.description')}
          value={territory.description}
          multiline
          maxLength={5000}
          disabled={readOnly}
          onCommit={(description) => save({ description })}
        />
        <div className="field">
          <span id="territory-colour-label">{t('hierarchy.colour')}</span>
          <div className="swatches" role="group" aria-labelledby="territory-colour-label">
            {territoryPalette.map((colour) => (
              <button
                key={colour}
                type="button"
                className={`swatch-button${territory.color.toLowerCase() === colour ? ' current' : ''}`}
                style={{ background: colour }}
                aria-label={t('hierarchy.useColour', { colour })}
                aria-pressed={territory.color.toLowerCase() === colour}
                disabled={readOnly}
                onClick={() => void save({ color: colour })}
              />
            ))}
            <input
              type="color"
              aria-label={t('hierarchy.customColour')}
              value={territory.color}
              disabled={readOnly}
              onChange={(e) => void save({ color: e.target.value })}
            />
          </div>
        </div>
        {!isRoot && !readOnly && (
          <div className="field-row">
            <button type="button" onClick={() => void reorderTerritory(territory, -1)} title="Alt+←">
              <ArrowUp size={14} aria-hidden="true" /> {t('hierarchy.moveEarlier')}
            </button>
            <button type="button" onClick={() => void reorderTerritory(territory, 1)} title="Alt+→">
              <ArrowDown size={14} aria-hidden="true" /> {t('hierarchy.moveLater')}
            </button>
          </div>
        )}
        <p className="muted small">{t('hierarchy.subTerritories', { count: childCount })}</p>
      </Section>
      <MembersSection territory={territory} readOnly={readOnly} />
      <RulesSection territory={territory} />
      {!isRoot && <GeographyEditor key={territory.id} territory={territory} readOnly={readOnly} />}
      {!isRoot && !readOnly && (
        <p className="muted small">
          <Trash2 size={12} aria-hidden="true" /> {t('hierarchy.deleteHint')}
        </p>
      )}
    </div>
  );
}
