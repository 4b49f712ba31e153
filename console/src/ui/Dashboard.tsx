import { Box, Text, useApp, useInput, useWindowSize } from 'ink';
import { useEffect, useReducer, useState } from 'react';
import type { ApiSnapshot } from '../api/api-client.js';
import type { PollSource, PollState } from '../api/poller.js';
import { parseLogLine } from '../logs/log-line.js';
import type { LogSource, TailedLine } from '../logs/log-tailer.js';
import { INITIAL_LOG_VIEW, logViewReducer, logWindow } from '../logs/log-view.js';
import { KEY_HELP, keyCommand } from './keys.js';
import { LogPane } from './LogPane.js';
import { statusRows } from './status-rows.js';
import { StatusPane } from './StatusPane.js';

export interface DashboardProps {
  apiUrl: string;
  api: PollSource<ApiSnapshot>;
  /** null: no logs folder here; `logsUnavailable` says why. */
  logs: LogSource | null;
  logsUnavailable?: string;
  /** The terminal's size (tests fix it; otherwise the window's, following resizes). */
  rows?: number;
  now?: () => Date;
}

/** The smallest log pane, whatever the status pane needs. */
const MIN_LOG_LINES = 3;

export function Dashboard({
  apiUrl,
  api,
  logs,
  logsUnavailable,
  rows,
  now = () => new Date(),
}: DashboardProps) {
  const { exit } = useApp();
  const terminal = useWindowSize();
  const [apiState, setApiState] = useState<PollState<ApiSnapshot>>(() => api.current());
  const [logStatus, setLogStatus] = useState<string | null>(() => logs?.status() ?? null);
  const [view, dispatch] = useReducer(logViewReducer, INITIAL_LOG_VIEW);

  useEffect(() => {
    const unsubscribe = api.subscribe(setApiState);
    api.start();
    return () => {
      unsubscribe();
      api.stop();
    };
  }, [api]);

  useEffect(() => {
    if (!logs) return;
    const onLines = (lines: TailedLine[]) =>
      dispatch({
        type: 'append',
        entries: lines.map((line) => parseLogLine(line.line, line.file)),
      });
    logs.on('lines', onLines);
    logs.on('status', setLogStatus);
    logs.start();
    return () => {
      logs.off('lines', onLines);
      logs.off('status', setLogStatus);
      logs.stop();
    };
  }, [logs]);

  const height = Math.max(12, rows ?? (terminal.rows || 24));
  const status = statusRows(apiState, { apiUrl, now: now() });
  // Status pane: at most half the screen; the log pane gets the rest (borders, header, help bar).
  const shown = status.slice(0, Math.max(3, Math.floor(height / 2) - 2));
  const logLines = Math.max(MIN_LOG_LINES, height - (shown.length + 2) - 3 - 1);

  useInput((input, key) => {
    const command = keyCommand(input, key);
    if (!command) return;
    if (command.type === 'quit') exit();
    else if (command.type === 'scroll')
      dispatch({ type: 'scroll', to: command.to, pageSize: logLines });
    else dispatch(command);
  });

  const notice = logs ? logStatus : (logsUnavailable ?? 'No logs folder');
  return (
    <Box flexDirection="column" height={height}>
      <StatusPane rows={shown} />
      <LogPane
        dir={logs?.dir ?? null}
        notice={notice}
        view={view}
        window={logWindow(view, logLines)}
        height={logLines}
      />
      <Text dimColor wrap="truncate-end">
        {KEY_HELP}
      </Text>
    </Box>
  );
}
