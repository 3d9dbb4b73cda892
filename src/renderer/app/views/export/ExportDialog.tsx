/** File > Export… (Ctrl+E): one dialog for every export: what, format, record kinds, layout and columns. */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import { exportKinds, type ExportKind, type ExportOptions } from '../../../../shared/api/export';
import { recordKinds, type RecordKind } from '../../../../shared/domain';
import { ModelError } from '../../../../shared/errors';
import { callModel, mutate } from '../../data';
import { errorText } from '../../modelWords';
import { currentPlan, usePlanStore } from '../../stores/planStore';
import { notify, useUiStore } from '../../stores/uiStore';
import { closeExportDialog, saveExport, useExportUi } from './exportActions';
import { BackupDialog } from './BackupDialog';
import { openReport, useReportUi } from '../report/reportStore';

/** The report and its charts (ECharts, 0.6 MB) load when a report is first opened, not with the shell. */
const ReportView = lazy(() => import('../report/ReportView').then((m) => ({ default: m.ReportView })));
import './export.css';
import { TaskBar } from '../../components/TaskBar';

const tableKinds: readonly ExportKind[] = ['assignments', 'territories', 'memberships', 'targets'];
const assignmentColumnKeys = [
  'recordKind',
  'externalId',
  'name',
  'country',
  'postalCode',
  'territoryCode',
  'territoryName',
  'territoryPath',
  'source',
  'rule',
  'manager',
  'members',
  'ownerExternalId',
  'ownerName',
  'planStatus',
] as const;

export function ExportDialog() {
  const open = useExportUi((s) => s.exportOpen);
  const initial = useExportUi((s) => s.initial);
  const plan = usePlanStore(currentPlan);
  const reportOpen = useReportUi((s) => s.planId !== null);
  return (
    <>
      {reportOpen && (
        <Suspense fallback={null}>
          <ReportView />
        </Suspense>
      )}
      <BackupDialog />
      {open && plan && <ExportForm key={`${plan.id}:${initial}`} initial={initial} />}
    </>
  );
}

function ExportForm({ initial }: { initial: ExportKind }) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const plan = usePlanStore(currentPlan)!;
  const [what, setWhat] = useState<ExportKind>(initial);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [csvStyle, setCsvStyle] = useState<'standard' | 'french'>('standard');
  const [kinds, setKinds] = useState<RecordKind[]>([...recordKinds]);
  const [layout, setLayout] = useState<'perTerritory' | 'perRecord'>('perTerritory');
  const [columns, setColumns] = useState<string[]>([...assignmentColumnKeys]);
  const [gzip, setGzip] = useState(false);
  const [includeRecords, setIncludeRecords] = useState(false);
  // The running export's task: its progress events fill the bar, and Cancel stops it.
  const [taskId, setTaskId] = useState<string | null>(null);
  const busy = taskId !== null;
  const progress = useUiStore((s) => (taskId ? s.progress[taskId] : undefined));

  const isTable = tableKinds.includes(what);
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  const run = async () => {
    const task = `export-${Date.now()}`;
    setTaskId(task);
    const options: ExportOptions = {
      planId: plan.id,
      what,
      format: what === 'workbook' ? 'xlsx' : format,
      csvStyle,
      taskId: task,
      ...(what === 'assignments' || what === 'workbook' ? { kinds, layout } : {}),
      ...(what === 'assignments' && columns.length < assignmentColumnKeys.length
        ? { columns: assignmentColumnKeys.filter((key) => columns.includes(key)) }
        : {}),
      ...(what === 'planFile' ? { gzip, includeRecords } : {}),
    };
    let saved = false;
    try {
      const result = await callModel('exportPlan', options);
      saved = await saveExport(result);
    } catch (error) {
      if (error instanceof ModelError && error.code === 'CANCELLED') notify(t('export.cancelled'));
      else notify(errorText(error), 'error');
    } finally {
      setTaskId(null);
    }
    if (saved) closeExportDialog();
  };

  const cancel = () => {
    if (taskId) void mutate('cancelTask', { taskId });
    else closeExportDialog();
  };

  return (
    <Modal className="dialog export-dialog" label={t('export.title')} onClose={closeExportDialog} canClose={!busy}>
      <h2>{t('export.title')}</h2>
      <p className="muted small">
        {t('export.planLine', { name: plan.name, status: t(`plan.status.${plan.status}`) })}
      </p>
      {plan.status !== 'final' && (
        <p className="export-draft" role="note">
          {t('export.draftWarning')}
        </p>
      )}
      <div className="export-columns">
        <fieldset className="export-what">
          <legend>{t('export.what')}</legend>
          {exportKinds.map((kind) => (
            <label key={kind} className="export-choice">
              <input type="radio" name="export-what" checked={what === kind} onChange={() => setWhat(kind)} />
              <span>
                <span>{t(`export.kinds.${kind}`)}</span>
                <span className="muted small">{t(`export.hints.${kind}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="export-options">
          {isTable && (
            <fieldset>
              <legend>{t('export.format')}</legend>
              <label>
                <input type="radio" name="export-format" checked={format === 'csv'} onChange={() => setFormat('csv')} />{' '}
                {t('export.csv')}
              </label>
              <label>
                <input
                  type="radio"
                  name="export-format"
                  checked={format === 'xlsx'}
                  onChange={() => setFormat('xlsx')}
                />{' '}
                {t('export.xlsx')}
              </label>
            </fieldset>
          )}
          {isTable && format === 'csv' && (
            <label className="field">
              <span>{t('export.csvStyle')}</span>
              <select
                aria-label={t('export.csvStyle')}
                value={csvStyle}
                onChange={(e) => setCsvStyle(e.target.value as 'standard' | 'french')}
              >
                <option value="standard">{t('export.csvStandard')}</option>
                <option value="french">{t('export.csvFrench')}</option>
              </select>
            </label>
          )}
          {(what === 'assignments' || what === 'workbook') && (
            <>
              <fieldset>
                <legend>{t('export.recordKinds')}</legend>
                {recordKinds.map((kind) => (
                  <label key={kind}>
                    <input
                      type="checkbox"
                      checked={kinds.includes(kind)}
                      onChange={() => setKinds(toggle(kinds, kind))}
                    />{' '}
                    {t(`export.recordKind.${kind}`)}
                  </label>
                ))}
              </fieldset>
              <fieldset>
                <legend>{t('export.layout')}</legend>
                <label>
                  <input
                    type="radio"
                    name="export-layout"
                    checked={layout === 'perTerritory'}
                    onChange={() => setLayout('perTerritory')}
                  />{' '}
                  {t('export.perTerritory')}
                </label>
                <label>
                  <input
                    type="radio"
                    name="export-layout"
                    checked={layout === 'perRecord'}
                    onChange={() => setLayout('perRecord')}
                  />{' '}
                  {t('export.perRecord')}
                </label>
              </fieldset>
            </>
          )}
          {what === 'assignments' && (
            <fieldset className="export-column-list">
              <legend>{t('export.columns')}</legend>
              {assignmentColumnKeys.map((key) => (
                <label key={key}>
                  <input
                    type="checkbox"
                    checked={columns.includes(key)}
                    onChange={() => setColumns(toggle(columns, key))}
                  />{' '}
                  {t(`export.columnNames.${key}`)}
                </label>
              ))}
            </fieldset>
          )}
          {what === 'planFile' && (
            <fieldset>
              <label>
                <input type="checkbox" checked={gzip} onChange={(e) => setGzip(e.target.checked)} /> {t('export.gzip')}
              </label>
              <label>
                <input type="checkbox" checked={includeRecords} onChange={(e) => setIncludeRecords(e.target.checked)} />{' '}
                {t('export.includeRecords')}
              </label>
              <p className="muted small">{t('export.includeRecordsHint')}</p>
            </fieldset>
          )}
        </div>
      </div>
      {busy && (
        <TaskBar
          className="export-progress"
          progress={progress}
          label={t('export.progressLabel')}
          detail={
            progress && progress.total > 0
              ? t('export.progress', { done: count(progress.done), total: count(progress.total) })
              : t('export.exporting')
          }
        />
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="export-report-button"
          title={t('report.openHint')}
          disabled={busy}
          onClick={() => {
            closeExportDialog();
            openReport(plan.id);
          }}
        >
          {t('report.open')}
        </button>
        <button type="button" onClick={cancel}>
          {busy ? t('export.cancelExport') : t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={
            busy || ((what === 'assignments' || what === 'workbook') && kinds.length === 0) || columns.length === 0
          }
          onClick={() => void run()}
        >
          {busy ? t('export.exporting') : t('export.export')}
        </button>
      </div>
    </Modal>
  );
}
