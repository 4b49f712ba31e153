import { Box } from 'ink';
import { describeFilter } from '../logs/log-filter.js';
import type { LogViewState, LogWindow } from '../logs/log-view.js';
import { logRow } from './log-rows.js';
import { RowText } from './RowText.js';
import type { Row } from './segments.js';

export interface LogPaneProps {
  /** The folder tailed; null: no logs here, and `notice` says why. */
  dir: string | null;
  notice: string | null;
  view: LogViewState;
  window: LogWindow;
  height: number;
}

function headerRow({ dir, view, window }: LogPaneProps): Row {
  return [
    { text: 'Logs ', bold: true },
    { text: dir ?? '—', dim: true },
    { text: ` · ${describeFilter(view.filter)}` },
    { text: ` · ${window.visibleCount} of ${view.entries.length} lines` },
    window.below
      ? { text: ` · ${window.below} newer below (End follows)`, color: 'yellow' }
      : { text: ' · following', color: 'green' },
  ];
}

export function LogPane(props: LogPaneProps) {
  const { notice, window, height } = props;
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor="gray"
      paddingX={1}
      height={height + 3}
      flexShrink={0}
    >
      <RowText row={headerRow(props)} />
      {notice && <RowText row={[{ text: notice, color: 'yellow' }]} />}
      {window.lines.slice(notice ? 1 : 0).map((entry, i) => (
        <RowText key={i} row={logRow(entry)} />
      ))}
    </Box>
  );
}
