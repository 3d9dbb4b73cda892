/**
 * Sales people: everyone, with the territories they belong to in this plan. Drag a person onto a territory (or use
 * "Add to" for the selected one) to make them a member; the eye shows who sees what.
 */
import { Crown, Eye, EyeOff, GripVertical, Trash2, UserPlus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Membership, SalesUser } from '../../../../shared/domain';
import { attempt } from '../../actions';
import { ask } from '../../components/dialogs';
import { currentPlan, selectedTerritoryId, usePlanStore } from '../../stores/planStore';
import { notify } from '../../stores/uiStore';
import { callModel, useModelQuery } from '../../data';
import { formatNumber } from '../../i18n';
import { goToTerritory, showWhoSees, useHierarchyUi, USER_DRAG_TYPE } from './hierarchyStore';
import { assignUser } from './territoryActions';
import { andMoreText } from '../../components/AndMore';
import { DialogActions } from '../../components/DialogActions';
import { IconButton } from '../../components/IconButton';

function NewPersonForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [email, setEmail] = useState('');
  return (
    <form
      className="new-person"
      aria-label={t('people.new')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        void attempt(() =>
          callModel('createUser', { name: name.trim(), title: title.trim(), email: email.trim() }),
        ).then((user) => {
          if (user) onDone();
        });
      }}
    >
      <label className="field">
        <span>{t('people.name')}</span>
        <input
          aria-label={t('people.name')}
          value={name}
          maxLength={200}
          autoFocus
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('people.jobTitle')}</span>
        <input
          aria-label={t('people.jobTitle')}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('people.email')}</span>
        <input
          aria-label={t('people.email')}
          type="email"
          value={email}
          maxLength={320}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <DialogActions onCancel={onDone}>
        <button type="submit" className="primary" disabled={!name.trim()}>
          {t('people.create')}
        </button>
      </DialogActions>
    </form>
  );
}

function PersonRow({ user, memberships, readOnly }: { user: SalesUser; memberships: Membership[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const planId = usePlanStore((s) => s.planId)!;
  const territories = usePlanStore((s) => s.territories);
  const selectedId = usePlanStore(selectedTerritoryId);
  const seeing = useHierarchyUi((s) => s.seeingUserId === user.id);
  const selected = territories.find((x) => x.id === selectedId);
  const byId = new Map(territories.map((x) => [x.id, x]));
  const inSelected = memberships.some((m) => m.territoryId === selectedId);

  return (
    <li
      className={`person${seeing ? ' seeing' : ''}`}
      draggable={!readOnly}
      aria-label={user.name}
      onDragStart={(e) => {
        e.dataTransfer.setData(USER_DRAG_TYPE, user.id);
        e.dataTransfer.setData('text/plain', user.name);
        e.dataTransfer.effectAllowed = 'copy';
      }}
    >
      <div className="person-head">
        {!readOnly && <GripVertical size={14} className="grip" aria-hidden="true" />}
        <div className="grow">
          <div className="person-name">{user.name}</div>
          {user.title && <div className="muted small">{user.title}</div>}
          <PersonLinks user={user} />
        </div>
        {!readOnly && selected && !inSelected && (
          <IconButton
            label={t('people.addToNamed', { name: user.name, territory: selected.name })}
            icon={<UserPlus size={15} />}
            onClick={() =>
              void assignUser(selected.id, user.id, 'member').then(
                (ok) => ok && notify(t('people.assigned', { name: user.name, territory: selected.name }), 'success'),
              )
            }
          />
        )}
        <IconButton
          label={t('people.whoSees', { name: user.name })}
          pressed={seeing}
          icon={seeing ? <EyeOff size={15} /> : <Eye size={15} />}
          onClick={() => showWhoSees(seeing ? null : user.id)}
        />
        {!readOnly && (
          <IconButton
            label={t('people.delete', { name: user.name })}
            icon={<Trash2 size={14} />}
            onClick={() =>
              void ask
                .confirm(t('people.deleteTitle', { name: user.name }), t('people.deleteText'), {
                  danger: true,
                  action: t('common.delete'),
                })
                .then(async (ok) => {
                  if (ok) await attempt(() => callModel('deleteUser', { userId: user.id }));
                })
            }
          />
        )}
      </div>
      {memberships.length > 0 ? (
        <ul className="chips" aria-label={t('people.territoriesOf', { name: user.name })}>
          {memberships.map((m) => {
            const territory = byId.get(m.territoryId);
            if (!territory) return null;
            return (
              <li key={m.id}>
                <button
                  type="button"
                  className="chip"
                  style={{ borderColor: territory.color }}
                  title={m.role === 'manager' ? t('people.managerOf', { territory: territory.name }) : territory.name}
                  onClick={() => goToTerritory(planId, territories, territory.id, true)}
                >
                  {m.role === 'manager' && <Crown size={11} aria-label={t('people.role.manager')} />}
                  {territory.name}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <div className="muted small">{t('people.noTerritory')}</div>
      )}
    </li>
  );
}

/** Whom a person reports to, and the accounts they own in this plan's data (owners linked by ID, e-mail or name). */
function PersonLinks({ user }: { user: SalesUser }) {
  const { t } = useTranslation();
  const users = usePlanStore((s) => s.users);
  const planId = usePlanStore((s) => s.planId);
  const owners = useModelQuery('accountOwners', planId ? { planId } : null);
  const manager = user.managerUserId ? users.find((u) => u.id === user.managerUserId) : undefined;
  const owned = owners.data?.accountsByUser[user.id] ?? 0;
  if (!manager && owned === 0) return null;
  return (
    <div className="muted small person-links">
      {manager && <span>{t('owners.reportsTo', { name: manager.name })}</span>}
      {manager && owned > 0 && ' · '}
      {owned > 0 && <span>{t('owners.owns', { count: owned, formatted: formatNumber(owned) })}</span>}
    </div>
  );
}

/** Account owners no sales person matches: said once, above the list. */
function UnmatchedOwners() {
  const { t } = useTranslation();
  const planId = usePlanStore((s) => s.planId);
  const owners = useModelQuery('accountOwners', planId ? { planId } : null);
  const data = owners.data;
  if (!data || data.unmatchedAccounts === 0) return null;
  return (
    <p className="muted small" role="note">
      {t('owners.unmatched', {
        count: data.unmatchedAccounts,
        formatted: formatNumber(data.unmatchedAccounts),
        owners: [
          ...data.unmatched.slice(0, 5).map((o) => o.owner),
          ...(data.unmatched.length > 5 ? [andMoreText(data.unmatched.length - 5)] : []),
        ].join(', '),
      })}
    </p>
  );
}

export function PeoplePanel() {
  const { t } = useTranslation();
  const users = usePlanStore((s) => s.users);
  const memberships = usePlanStore((s) => s.memberships);
  const readOnly = usePlanStore((s) => currentPlan(s)?.status !== 'draft');
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const byUser = useMemo(() => {
    const map = new Map<string, Membership[]>();
    for (const m of memberships) {
      const list = map.get(m.userId);
      if (list) list.push(m);
      else map.set(m.userId, [m]);
    }
    return map;
  }, [memberships]);
  const shown = users.filter((u) => !filter || u.name.toLowerCase().includes(filter.toLowerCase()));

  return (
    <div className="people-panel">
      <div className="people-tools">
        <input
          type="search"
          aria-label={t('people.filter')}
          placeholder={t('people.filterPlaceholder')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            <UserPlus size={15} aria-hidden="true" /> {t('people.new')}
          </button>
        )}
      </div>
      {adding && <NewPersonForm onDone={() => setAdding(false)} />}
      {!readOnly && users.length > 0 && <p className="muted small">{t('people.dragHint')}</p>}
      {users.length === 0 && !adding && <p className="muted">{t('people.none')}</p>}
      <UnmatchedOwners />
      <ul className="people-list" aria-label={t('people.title')}>
        {shown.map((user) => (
          <PersonRow key={user.id} user={user} memberships={byUser.get(user.id) ?? []} readOnly={readOnly} />
        ))}
      </ul>
    </div>
  );
}
