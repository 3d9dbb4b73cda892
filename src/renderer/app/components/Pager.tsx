/** "21–40 of 312" between a previous-page and a next-page button, for a list read a page at a time. */
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';
import { IconButton } from './IconButton';

export interface PagerProps {
  /** The first row shown (0-based). */
  offset: number;
  pageSize: number;
  total: number;
  onOffset: (offset: number) => void;
  /** More commands on the same line (acting on the rows shown). */
  children?: ReactNode;
}

export function Pager({ offset, pageSize, total, onOffset, children }: PagerProps) {
  const { t } = useTranslation();
  return (
    <div className="rules-pager">
      <IconButton
        label={t('rules.previousPage')}
        icon={<ChevronLeft size={15} />}
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - pageSize))}
      />
      <span className="muted small">
        {t('rules.pageOf', {
          from: formatNumber(offset + 1),
          to: formatNumber(Math.min(total, offset + pageSize)),
          total: formatNumber(total),
        })}
      </span>
      <IconButton
        label={t('rules.nextPage')}
        icon={<ChevronRight size={15} />}
        disabled={offset + pageSize >= total}
        onClick={() => onOffset(offset + pageSize)}
      />
      {children}
    </div>
  );
}
