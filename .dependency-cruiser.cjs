// The layer order of src/, enforced by `npm run depcheck` (and .ci/run). README.md,
// "Architecture", says what each folder holds. Imports point down this list only: a folder may
// import itself and the folders before it, never one after it.
const LAYERS = [
  'grammar', // the Ohm grammar, parser, AST
  'interp', // the engine: check, compile, run, stdlib, debug agent, trace recorder, isolation; util/
  'store', // the JSON store: schema, repositories, leases, the daemon token
  'crm', // the sandbox CRM database
  'triggers', // domain: the event catalog, bindings, firing outcomes
  'macros', // domain: macro actions, generation, validation, outbox
  'tasks', // domain: task rules and schedule computation
  'tracing', // domain: trace configurations, recordings
  'debug-sessions', // domain: debug keys, session records, the session socket server and client
  'run', // starts a stored target: includes, settings, debug keys, tracing, outbox
  'daemon', // front end: the daemon, its scheduler and HTTP routes
  'tui', // front end: terminal components, hooks, keys (no screens)
  'screens', // front end: the screens, the shell that shows them, the TUI entry
  'commands', // front end: the CLI commands
];
/** The engine: it knows nothing of the store, the CRM or the application. */
const ENGINE = ['grammar', 'interp'];

const above = (i) => LAYERS.slice(i + 1);
const layerRules = LAYERS.map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} sits below ${above(i).join(', ') || 'cli.tsx'} and must not import them`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${[...above(i), 'cli\\.tsx'].map((l) => l.replace('.', '\\.')).join('|')})($|/)` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'engine-purity',
      comment: 'the engine (grammar, interp) imports only itself, node built-ins and npm packages',
      severity: 'error',
      from: { path: `^src/(${ENGINE.join('|')})/` },
      to: { path: '^src/', pathNot: `^src/(${ENGINE.join('|')})/` },
    },
    {
      name: 'known-folders',
      comment: 'every top-level folder of src/ has a place in the layer order (add it to LAYERS)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/[^/]+/', pathNot: `^src/(${LAYERS.join('|')})/` },
    },
    {
      name: 'known-folders-from',
      comment: 'code in a src/ folder that is not in the layer order imports nothing (add it to LAYERS)',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: `^src/(${LAYERS.join('|')})/` },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'no import cycles between files (type-only imports included)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves to a file (cli.tsx reads package.json from dist/, two levels up)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^\\.\\./\\.\\./package\\.json$' },
    },
    {
      name: 'no-orphans',
      comment: 'every module is reached from an entry point (cli.tsx or a worker entry)',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: ['^src/cli\\.tsx$', '(^|/)[^/]*worker[^/]*\\.ts$', '\\.d\\.ts$'],
      },
      to: {},
    },
    {
      name: 'not-to-dev-dep',
      comment: 'src/ must not import devDependencies (they are not installed with the package)',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
