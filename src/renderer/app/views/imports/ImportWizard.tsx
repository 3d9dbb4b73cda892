/**
 * The import wizard: Choose → Read → Map → Check → Import, in a dialog over whatever view is open. Opened by
 * File > Import… (Ctrl+O), the Import buttons of the views, or by dropping a file anywhere on the window.
 */
import { FileSpreadsheet, Upload, X } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import { MAX_FILE_BYTES } from '../../../../shared/desktop';
import {
  importKinds,
  type DateOrder,
  type DecimalSeparator,
  type Delimiter,
  type TextEncodingName,
} from '../../../../shared/imports';
import { formatNumber, formatRelative } from '../../i18n';
import { CheckStep, ImportStep } from './CheckStep';
import {
  chooseFile,
  closeImport,
  fileFormatOf,
  goTo,
  importSteps,
  openImport,
  readAgain,
  readFile,
  setFileFormat,
  setKind,
  useImportStore,
  type ImportStep as Step,
} from './importStore';
import { formatBytes } from './labels';
import { MapStep } from './MapStep';
import { PlaceStep } from './PlaceStep';
import { IconButton } from '../../components/IconButton';
import { useModelQuery } from '../../data';

const delimiterNames: Record<Delimiter, 'comma' | 'semicolon' | 'tab' | 'pipe'> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** Opening by the menu or Ctrl+O (the app command `import`), and by dropping a file on the window; shows the wizard when open. */
export function ImportWizard() {
  const open = useImportStore((s) => s.open);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      // Without this the browser (or Electron) would open the file in place of the app.
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      openImport();
      if (file.size > MAX_FILE_BYTES) {
        void readFile({ name: file.name, size: file.size, bytes: new Uint8Array(0) });
        return;
      }
      void file
        .arrayBuffer()
        .then((buffer) => readFile({ name: file.name, size: file.size, bytes: new Uint8Array(buffer) }));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <>
      {dragging && <DropOverlay />}
      {open && <WizardDialog />}
    </>
  );
}

function DropOverlay() {
  const { t } = useTranslation();
  return (
    <div className="import-drop-overlay" aria-hidden="true">
      <Upload size={40} />
      <span>{t('imports.dropOverlay')}</span>
    </div>
  );
}

function WizardDialog() {
  const { t } = useTranslation();
  const step = useImportStore((s) => s.step);
  const busy = useImportStore((s) => s.task !== null);
  const index = importSteps.indexOf(step);
  return (
    <Modal
      className="import-wizard"
      labelledBy="import-title"
      focusDialog
      closeOnBackdrop={false}
      canClose={!busy}
      onClose={() => void closeImport()}
    >
      <header className="import-header">
        <FileSpreadsheet size={20} aria-hidden="true" />
        <h2 id="import-title">{t('imports.title')}</h2>
        <ol className="import-steps" aria-label={t('imports.steps.label')}>
          {importSteps.map((s, i) => (
            <li
              key={s}
              className={i < index ? 'done' : i === index ? 'current' : ''}
              aria-current={i === index ? 'step' : undefined}
            >
              <span className="import-step-number" aria-hidden="true">
                {i + 1}
              </span>
              {s === 'places' ? t('places.step') : t(`imports.steps.${s}`)}
            </li>
          ))}
        </ol>
        <IconButton label={t('imports.close')} icon={<X size={18} />} onClick={() => void closeImport()} />
      </header>
      <div className="import-body">
        <StepBody step={step} />
      </div>
    </Modal>
  );
}

function StepBody({ step }: { step: Step }) {
  switch (step) {
    case 'choose':
      return <ChooseStep />;
    case 'read':
      return <ReadStep />;
    case 'map':
      return <MapStep />;
    case 'check':
      return <CheckStep />;
    case 'places':
      return <PlaceStep />;
    case 'import':
      return <ImportStep />;
  }
}

/** Room for the step's content, and its buttons at the bottom. */
export function StepLayout(props: { label: string; children: ReactNode; actions: ReactNode }) {
  const error = useImportStore((s) => s.error);
  return (
    <section className="import-step" aria-label={props.label}>
      <div className="import-step-content">
        {error && (
          <p className="import-error" role="alert">
            {error}
          </p>
        )}
        {props.children}
      </div>
      <footer className="import-actions">{props.actions}</footer>
    </section>
  );
}

export function KindPicker() {
  const { t } = useTranslation();
  const kind = useImportStore((s) => s.kind);
  const reading = useImportStore((s) => s.reading);
  return (
    <fieldset className="import-kinds" disabled={reading}>
      <legend>{t('imports.kindLabel')}</legend>
      {importKinds.map((k) => (
        <label key={k} className={`import-kind${kind === k ? ' selected' : ''}`}>
          <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
          <span className="import-kind-name">{t(`imports.kinds.${k}`)}</span>
          <span className="muted small">{t(`imports.kindHints.${k}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function ChooseStep() {
  const { t } = useTranslation();
  const reading = useImportStore((s) => s.reading);
  return (
    <StepLayout
      label={t('imports.steps.choose')}
      actions={
        <>
          <span className="grow" />
          <button type="button" onClick={() => void closeImport()}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <KindPicker />
      <RecentImports />
      <div className="import-dropzone">
        <Upload size={28} aria-hidden="true" />
        <button type="button" className="primary" disabled={reading} onClick={() => void chooseFile()}>
          {t('imports.chooseFile')}
        </button>
        <span className="muted">{t('imports.dropHere')}</span>
        <span className="muted small">{t('imports.formats')}</span>
        {reading && (
          <span role="status" className="import-reading">
            {t('common.loading')}
          </span>
        )}
      </div>
    </StepLayout>
  );
}

function ReadStep() {
  const { t } = useTranslation();
  const analysis = useImportStore((s) => s.analysis);
  const mapping = useImportStore((s) => s.mapping);
  const reading = useImportStore((s) => s.reading);
  const detected = useImportStore((s) => s.detected);
  if (!analysis) return null;
  const { decimalSeparator: decimal, dateOrder } = fileFormatOf(mapping);
  const csv = analysis.format === 'csv';
  // The choice the first reading made is marked, so a planner who changed it can find it again.
  const mark = (label: string, isDetected: boolean) => (isDetected ? t('imports.detected', { value: label }) : label);

  return (
    <StepLayout
      label={t('imports.steps.read')}
      actions={
        <>
          <button type="button" onClick={() => goTo('choose')}>
            {t('imports.back')}
          </button>
          <span className="grow" />
          <button type="button" className="primary" disabled={reading} onClick={() => goTo('map')}>
            {t('imports.next')}
          </button>
        </>
      }
    >
      <div className="import-file">
        <FileSpreadsheet size={18} aria-hidden="true" />
        <strong>{analysis.fileName}</strong>
        <span className="muted">
          {t('imports.fileFacts', {
            format: t(`imports.format.${analysis.format}`),
            size: formatBytes(analysis.fileSize),
            rows: formatNumber(analysis.estimatedRows),
          })}
        </span>
        <span className="grow" />
        <label className="import-file-kind">
          <span className="muted">{t('imports.kindLabel')}</span>
          <select
            value={analysis.kind}
            disabled={reading}
            onChange={(e) => setKind(e.target.value as typeof analysis.kind)}
          >
            {importKinds.map((k) => (
              <option key={k} value={k}>
                {t(`imports.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="import-settings">
        {csv && (
          <label className="field">
            <span>{t('imports.encoding')}</span>
            <select
              value={analysis.encoding ?? 'utf-8'}
              disabled={reading}
              onChange={(e) => void readAgain({ encoding: e.target.value as TextEncodingName })}
            >
              {(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const).map((enc) => (
                <option key={enc} value={enc}>
                  {mark(t(`imports.encodings.${enc}`), detected?.encoding === enc)}
                </option>
              ))}
            </select>
          </label>
        )}
        {csv && (
          <label className="field">
            <span>{t('imports.delimiter')}</span>
            <select
              value={analysis.delimiter ?? ','}
              disabled={reading}
              onChange={(e) => void readAgain({ delimiter: e.target.value as Delimiter })}
            >
              {(Object.keys(delimiterNames) as Delimiter[]).map((d) => (
                <option key={d} value={d}>
                  {mark(t(`imports.delimiters.${delimiterNames[d]}`), detected?.delimiter === d)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('imports.decimal')}</span>
          <select
            value={decimal}
            onChange={(e) => setFileFormat({ decimalSeparator: e.target.value as DecimalSeparator })}
          >
            <option value=".">{mark(t('imports.decimals.dot'), detected?.decimalSeparator === '.')}</option>
            <option value=",">{mark(t('imports.decimals.comma'), detected?.decimalSeparator === ',')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('imports.dates')}</span>
          <select value={dateOrder} onChange={(e) => setFileFormat({ dateOrder: e.target.value as DateOrder })}>
            {(['dmy', 'mdy', 'ymd'] as const).map((o) => (
              <option key={o} value={o}>
                {mark(t(`imports.dateOrders.${o}`), detected?.dateOrder === o)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">{t('imports.headerRow', { row: analysis.headerRow })}</p>
      <PreviewTable
        headers={analysis.headers}
        rows={analysis.preview}
        firstRow={analysis.headerRow + 1}
        caption={t('imports.previewCaption', { count: analysis.preview.length })}
      />
    </StepLayout>
  );
}

/** The latest imports, so a planner sees what is already in before importing again. */
function RecentImports() {
  const { t } = useTranslation();
  // A failed read shows nothing: the list only helps, and the import itself does not need it.
  const log = useModelQuery('listImportLog', { limit: 3 }).data ?? [];
  if (log.length === 0) return null;
  return (
    <section className="import-recent" aria-label={t('imports.recentTitle')}>
      <h3>{t('imports.recentTitle')}</h3>
      <ul>
        {log.map((entry) => (
          <li key={entry.seq}>
            <strong>{entry.fileName}</strong>
            <span className="muted">
              {t('imports.recentEntry', {
                kind: t(`imports.kinds.${entry.kind}`),
                created: formatNumber(entry.created),
                updated: formatNumber(entry.updated),
                skipped: formatNumber(entry.skipped),
              })}
            </span>
            <span className="muted small">{formatRelative(entry.at)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The first rows as read, numbered as in a spreadsheet (the numbers problems are given by). */
export function PreviewTable(props: { headers: string[]; rows: string[][]; firstRow: number; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="import-preview" role="region" aria-label={t('imports.preview')} tabIndex={0}>
      <table>
        <caption className="muted small">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="import-row-number">
              #
            </th>
            {props.headers.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, r) => (
            <tr key={r}>
              <td className="import-row-number">{props.firstRow + r}</td>
              {props.headers.map((_, c) => (
                <td key={c} title={row[c]}>
                  {row[c]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
