/**
 * One script: its properties, the Script / Description / Staged views, and
 * the actions Edit, Stage, Run, Run staged, Publish, Debug, Trace,
 * Properties and Delete.
 */
import { crmRunState } from '../crm/run-state.js';
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { SourceView, sourceLineCount } from '../../tui/components/SourceView.js';
import { TextView, positionNote } from '../../tui/components/TextView.js';
import { ConfirmDelete, ConfirmDialog } from '../../tui/components/Dialog.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { NAV_KEYS, SCRIPT_KEYS, displayMainKey } from '../../tui/keymap.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { useTui, useUnsaved } from '../../tui/services.js';
import { wrapText } from '../../tui/text.js';
import { compileScript, type ScriptDiagnostic } from '../../interp/compile-script.js';
import { scriptFileName, startScriptRun } from '../../run/script.js';
import { danglingSentence } from '../../store/dangling.js';
import { PublishDialog } from './PublishDialog.js';
import { RunInputsDialog, describeRunValues, useRunInputs } from './runInputs.js';
import { deleteScript, getScript, publishStaged, resolveIncludeSource, scriptPath, stageScript, updateScript } from '../../store/repos.js';
import type { Script, StoreData } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { ScriptForm } from './forms.js';
import { RunView, useRunner } from './RunView.js';
import { folderIndex } from './model.js';
import { LocalDebugger } from '../debugger/LocalDebugger.js';
import { TargetTraces } from '../tracing/index.js';
import { errorMessage } from '../../interp/util/error-message.js';
import { ProblemsDialog, type EditTarget, type Problems } from './EditProblemsDialog.js';

export { problemLine } from './EditProblemsDialog.js';

type View = 'script' | 'description' | 'staged';
type Target = EditTarget;

/** Parse and check a source as the script would run it (includes resolved through the store). */
export function checkSource(store: Store, script: Script, source: string, staged: boolean): ScriptDiagnostic[] {
  const out = compileScript({
    source,
    file: scriptFileName(script),
    resolveInclude: (name) => resolveIncludeSource(store.read(), name, { staged }),
  });
  return out.diagnostics;
}

/** A file name for the editor: the script's name made safe, with the .crm suffix. */
export function editorFileName(script: Script): string {
  const base = (script.includeId || script.name).replace(/[^\p{L}\p{N}_.-]+/gu, '-').replace(/^-+|-+$/g, '') || 'script';
  return `${base}.crm`;
}

export interface ScriptScreenProps {
  id: string;
  size: Size;
  /** Start with an action (from the list's r and e keys). */
  then?: 'run' | 'edit';
  /** Open at this source line (a search hit), marked. */
  line?: number;
  onBack: () => void;
}

export function ScriptScreen({ id, size, then, line, onBack }: ScriptScreenProps): React.ReactElement {
  const data = useStoreData();
  const script = getScript(data, id);
  if (!script) return <MissingScript size={size} onBack={onBack} />;
  return <ScriptDetail script={script} size={size} then={then} line={line} onBack={onBack} />;
}

function MissingScript({ size, onBack }: { size: Size; onBack: () => void }): React.ReactElement {
  const t = useTheme();
  useKeys({ title: 'Script', bindings: [{ def: SCRIPT_KEYS.back, run: onBack }] });
  return (
    <Panel title="Script" width={size.width} height={size.height} focused>
      <Text {...t.warning}> This script no longer exists; it was deleted (perhaps by another process).</Text>
      <Text {...t.muted}> Esc goes back.</Text>
    </Panel>
  );
}

function ScriptDetail({ script, size, then, line, onBack }: { script: Script; size: Size; then?: 'run' | 'edit'; line?: number; onBack: () => void }): React.ReactElement {
  const t = useTheme();
  const tui = useTui();
  const bridge = useStoreBridge();
  const data = useStoreData();
  const [view, setView] = useState<View>('script');
  // Opened from a search hit: the matched line a few lines from the top, and marked.
  const [top, setTop] = useState(() => Math.max((line ?? 1) - 4, 0));
  const [left, setLeft] = useState(0);
  const runner = useRunner();
  const { run, lastRun } = runner;
  const [showRun, setShowRun] = useState(false);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [dialog, setDialog] = useState<'properties' | 'delete' | 'dropStaged' | 'publish' | 'runWith' | null>(null);
  const runInputs = useRunInputs('script', script.id);
  const [debugging, setDebugging] = useState(false);
  const [tracing, setTracing] = useState(false);
  useUnsaved(problems ? `the edited source of "${script.name}"` : null);

  const hasStaged = script.stagedSource !== null;
  const views: View[] = hasStaged ? ['script', 'description', 'staged'] : ['script', 'description'];
  const shownView: View = views.includes(view) ? view : 'script';
  const folder = script.folderId === null ? '/ (top level)' : folderIndex(data).path(script.folderId);

  // ---- actions
  const startRun = (staged: boolean) => {
    const { variables, inputs } = runInputs.values;
    if (runner.start(staged, (onOutput) => startScriptRun(bridge.store, script, { staged, source: 'tui', user: tui.user, onOutput, variables, inputs, rollback: crmRunState.get().rollback }))) setShowRun(true);
  };
  const stopRun = runner.stop;

  const save = async (target: Target, text: string) => {
    try {
      await bridge.update((d) => (target === 'source' ? updateScript(d, script.id, { source: text }) : stageScript(d, script.id, text)));
      setProblems(null);
      if (target === 'source') tui.flash(`Saved the source of "${script.name}".`, 'success');
      else
        tui.flash(
          `Staged a new version of "${script.name}": ${displayMainKey(SCRIPT_KEYS.runStaged)} runs it, ${displayMainKey(SCRIPT_KEYS.publish)} publishes it.`,
          'success',
        );
      setView(target === 'source' ? 'script' : 'staged');
    } catch (e) {
      tui.flash(errorMessage(e), 'error');
    }
  };

  const edit = async (target: Target, again?: string) => {
    const current = bridge.store.read();
    const fresh = getScript(current, script.id) ?? script;
    const base = again ?? (target === 'staged' ? (fresh.stagedSource ?? fresh.source) : fresh.source);
    const out = await tui.editText(base, editorFileName(fresh));
    if (out.kind === 'failed') {
      tui.flash(out.message, 'error');
      if (again !== undefined) setProblems((p) => p); // keep the problems dialog open
      return;
    }
    if (out.kind === 'unchanged' && again === undefined) {
      tui.flash(target === 'staged' && fresh.stagedSource === null ? 'No changes; nothing was staged.' : 'No changes.');
      return;
    }
    const text = out.kind === 'changed' ? out.text : base;
    const diagnostics = checkSource(bridge.store, fresh, text, target === 'staged');
    if (diagnostics.length > 0) setProblems({ target, text, diagnostics });
    else await save(target, text);
  };

  const publish = () => {
    bridge
      .update((d) => publishStaged(d, script.id))
      .then(
        () => {
          tui.flash(`Published the staged version of "${script.name}".`, 'success');
          setView('script');
        },
        (e: unknown) => tui.flash(errorMessage(e), 'error'),
      );
  };

  const firstAction = useRef(then);
  useEffect(() => {
    const a = firstAction.current;
    firstAction.current = undefined;
    if (a === 'run') startRun(false);
    else if (a === 'edit') void edit('source');
    // Runs once, on opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ---- layout
  const inner = size.width - 2;
  const headH = 3;
  const bodyH = Math.max(size.height - 2 - headH, 1);
  const source = shownView === 'staged' ? (script.stagedSource ?? '') : script.source;
  const descLines = wrapText(script.description || '(no description)', inner - 1);
  const lineCount = shownView === 'description' ? descLines.length : sourceLineCount(source);
  const maxTop = Math.max(lineCount - bodyH, 0);
  const effTop = Math.min(top, maxTop);

  const scroll = (f: (i: number) => number) => setTop((cur) => Math.max(0, Math.min(f(Math.min(cur, maxTop)), maxTop)));
  const page = Math.max(bodyH - 1, 1);
  // In footer order: what is used most comes first.
  const bindings: Binding[] = [
    { def: SCRIPT_KEYS.edit, run: () => void edit('source') },
    { def: SCRIPT_KEYS.run, run: () => startRun(false) },
    { def: SCRIPT_KEYS.stage, run: () => void edit('staged') },
    { def: SCRIPT_KEYS.runStaged, run: () => startRun(true), when: hasStaged },
    { def: SCRIPT_KEYS.publish, run: () => setDialog('publish'), when: hasStaged },
    { def: SCRIPT_KEYS.runWith, run: () => setDialog('runWith') },
    { def: SCRIPT_KEYS.discardStaged, run: () => setDialog('dropStaged'), when: hasStaged, footer: false },
    {
      def: SCRIPT_KEYS.view,
      run: () => {
        setView(views[(views.indexOf(shownView) + 1) % views.length]!);
        setTop(0);
        setLeft(0);
      },
    },
    { def: SCRIPT_KEYS.properties, run: () => setDialog('properties') },
    { def: SCRIPT_KEYS.delete, run: () => setDialog('delete') },
    { def: SCRIPT_KEYS.back, run: onBack },
    { def: SCRIPT_KEYS.debug, run: () => setDebugging(true) },
    { def: SCRIPT_KEYS.trace, run: () => setTracing(true), help: "The script's trace configuration and its recordings (creates one when there is none)" },
    { def: NAV_KEYS.up, run: () => scroll((i) => i - 1), footer: false },
    { def: NAV_KEYS.down, run: () => scroll((i) => i + 1), footer: false },
    { def: NAV_KEYS.pageUp, run: () => scroll((i) => i - page), footer: false },
    { def: NAV_KEYS.pageDown, run: () => scroll((i) => i + page), footer: false },
    { def: NAV_KEYS.top, run: () => scroll(() => 0), footer: false },
    { def: NAV_KEYS.bottom, run: () => scroll(() => maxTop), footer: false },
    { def: NAV_KEYS.left, run: () => setLeft((x) => Math.max(x - 8, 0)), footer: false },
    { def: NAV_KEYS.right, run: () => setLeft((x) => x + 8), footer: false },
  ];
  // When a run was shown, r on the result runs again, Esc comes back here.
  if (run && !showRun) bindings.splice(1, 0, { def: SCRIPT_KEYS.lastResult, run: () => setShowRun(true) });
  useKeys({ title: `Script "${script.name}"`, bindings, active: !showRun && !debugging && !tracing });

  if (debugging) return <LocalDebugger target={{ kind: 'script', script }} size={size} onBack={() => setDebugging(false)} />;
  if (tracing) return <TargetTraces kind="script" id={script.id} name={script.name} size={size} onBack={() => setTracing(false)} />;

  if (run && showRun) {
    return (
      <RunView
        title={script.name}
        run={run}
        html={script.showResultAsHtml}
        size={size}
        onStop={stopRun}
        onAgain={() => startRun(run.staged)}
        // Opened with r from the list: Esc goes back to the list, not to the script screen.
        onClose={() => (then === 'run' ? onBack() : setShowRun(false))}
      />
    );
  }

  const label = (s: string) => <Text {...t.muted}>{s}</Text>;
  const viewTabs = views.map((v) => (v === 'script' ? 'Script' : v === 'description' ? 'Description' : 'Staged'));
  return (
    <Box width={size.width} height={size.height}>
      <Panel title={script.name} note={positionNote(effTop, bodyH, lineCount)} width={size.width} height={size.height} focused>
        <Text wrap="truncate">
          {label(' Folder ')}
          {folder}
          {label('  Include ')}
          {script.includeId || '—'}
          {label('  Key ')}
          {script.key ? 'set' : 'none'}
          {label('  HTML ')}
          {script.showResultAsHtml ? 'yes' : 'no'}
        </Text>
        <Text wrap="truncate">
          {label(' Staged ')}
          {hasStaged ? (script.stagedSource === script.source ? 'same as published' : 'yes, differs from published') : 'none'}
          {lastRun ? (
            <>
              {label('  Last run ')}
              {lastRun}
            </>
          ) : null}
          {describeRunValues(runInputs.values) ? (
            <>
              {label('  Runs with ')}
              {describeRunValues(runInputs.values)}
            </>
          ) : null}
        </Text>
        <Text wrap="truncate">
          {viewTabs.map((v, i) => (
            <Text key={v}>
              {i > 0 ? ' ' : ''}
              <Text {...(views[i] === shownView ? t.activeTab : t.muted)}> {v} </Text>
            </Text>
          ))}
          <Text {...t.muted}>
            {'  '}
            {displayMainKey(SCRIPT_KEYS.view)} switches view
          </Text>
        </Text>
        {shownView === 'description' ? (
          <TextView lines={descLines} top={effTop} height={bodyH} width={inner} />
        ) : (
          <SourceView
            source={source}
            top={effTop}
            height={bodyH}
            width={inner}
            left={left}
            markLine={shownView === 'script' ? line : undefined}
            empty={`(empty source — ${displayMainKey(SCRIPT_KEYS.edit)} opens it in your editor)`}
          />
        )}
      </Panel>
      {problems ? (
        <ProblemsDialog
          problems={problems}
          file={scriptFileName(script)}
          area={size}
          onSave={() => void save(problems.target, problems.text)}
          onEditAgain={() => void edit(problems.target, problems.text)}
          onDiscard={() => {
            setProblems(null);
            tui.flash('Discarded the edit.');
          }}
        />
      ) : null}
      {dialog === 'properties' ? (
        <ScriptForm
          area={size}
          script={script}
          onCancel={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            tui.flash('Saved the properties.', 'success');
          }}
        />
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDelete
          flash={tui.flash}
          title="Delete script"
          message={deleteMessage(data, script)}
          area={size}
          onClose={() => setDialog(null)}
          remove={() => bridge.update((d) => deleteScript(d, script.id)).then(onBack)}
          done={`Deleted the script "${script.name}".`}
        />
      ) : null}
      {dialog === 'runWith' ? (
        <RunInputsDialog
          title={`Run "${script.name}" with`}
          initial={runInputs.values}
          area={size}
          onCancel={() => setDialog(null)}
          onRun={(v) => {
            setDialog(null);
            runInputs.set(v);
            const { variables, inputs } = v;
            if (runner.start(false, (onOutput) => startScriptRun(bridge.store, script, { staged: false, source: 'tui', user: tui.user, onOutput, variables, inputs, rollback: crmRunState.get().rollback }))) setShowRun(true);
          }}
        />
      ) : null}
      {dialog === 'publish' && script.stagedSource !== null ? (
        <PublishDialog
          data={data}
          script={script}
          area={size}
          onNo={() => setDialog(null)}
          onYes={() => {
            setDialog(null);
            publish();
          }}
        />
      ) : null}
      {dialog === 'dropStaged' ? (
        <ConfirmDialog
          title="Discard the staged version"
          message={`Discard the staged version of "${script.name}"? The published source stays as it is.`}
          area={size}
          yesLabel="Discard"
          noLabel="Keep"
          danger
          onNo={() => setDialog(null)}
          onYes={() => {
            setDialog(null);
            bridge.update((d) => stageScript(d, script.id, null)).then(
              () => tui.flash('Discarded the staged version.', 'success'),
              (e: unknown) => tui.flash(errorMessage(e), 'error'),
            );
          }}
        />
      ) : null}
    </Box>
  );
}

function deleteMessage(d: StoreData, s: Script): string {
  const dangles = danglingSentence(d, { kind: 'script', id: s.id });
  return `Delete the script "${scriptPath(d, s)}"?${dangles ? ` ${dangles}` : ''} This cannot be undone.`;
}
