// The context of the run currently executing in this thread. One run executes at a time per
// thread (runs are isolated in worker threads), so natives reach it through `rt`.
import type { StructClass } from './values.js';
import type { CompiledProgram } from '../compiler.js';
import type { CrmService } from './crm-service.js';
import type { DialogDefinition } from './dialog.js';
import type { MenuGroup } from './main-menu.js';

export interface EventState {
  /** The trigger event's name, or '' when the script was not started by an event. */
  name: string;
  type: number;
  inputs: Map<string, string>;
  outputs: Map<string, string>;
  state: Map<string, string>;
  message: string;
  blockExecution: boolean;
  navigateTo: string;
  /** The dialog EventData.showDialog asked the client to show (stdlib/eventdata-dialog.ts), or null. */
  dialog: DialogDefinition | null;
  /** The main menu getMainMenu() changes (stdlib/main-menu.ts); null until a script asks for it. */
  menu: MenuGroup[] | null;
}

export interface RunFeatures {
  /** `runProgram` may start host processes. */
  runProgram: boolean;
  /** The `File` class may touch host files. */
  file: boolean;
  /** The directory File is confined to (absolute). */
  fileDir?: string;
  /** Outgoing HTTP requests (macros, HTTP classes). */
  http: boolean;
  /** The installation's base URL the operator set (settings cgiUrl: getCgiUrl, getProgram*). */
  cgiUrl?: string;
  /** The include names of the store's scripts, when the program calls getScriptId (run/store-includes.ts). */
  storeIncludes?: string[];
}

/** A message queued by Email.send(); the host delivers it (SMTP or the store's outbox) after the run. */
export interface OutgoingMail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  /** Phone numbers for an SMS gateway. */
  sms: string[];
  smsFrom: string;
  subject: string;
  /** Plain-text body. */
  text: string;
  /** HTML body ('' = none). */
  html: string;
  /** Other header fields set with setValue (e.g. "X-Foo"). */
  headers: Record<string, string>;
  /** Files from the CRM's attachments (Email.addAttachment); absent when there are none. */
  attachments?: MailAttachment[];
}

/** A file a mail carries: its name, type and content, and the content id an inline one is shown by. */
export interface MailAttachment {
  name: string;
  contentType: string;
  base64: string;
  /** Shown inside the body (an HTML body refers to it as `cid:<cid>`), rather than offered as a file. */
  inline: boolean;
  cid: string;
}

/** The HTTP request a script serves as a web endpoint (customer.fcgi, `run --cgi`). */
export interface WebRequest {
  method: string;
  /** The request URL as the client asked for it (path and query). */
  url: string;
  /** The installation's base URL the operator set (settings cgiUrl); absent: taken from the request. */
  baseUrl?: string;
  /** CGI variables: query parameters, then the fields of a form-encoded POST body, in order. */
  variables: [string, string][];
  /** The request body as text. */
  content: string;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
  /** Files of a multipart/form-data POST (their fields are CGI variables holding the file names). */
  files?: CgiFile[];
}

/** A file posted with a form: its field, file name, type and bytes. */
export interface CgiFile {
  field: string;
  name: string;
  contentType: string;
  data: Uint8Array;
}

/** What a web endpoint script set for its response besides the body it printed. */
export interface WebResponse {
  /** Parser variables (setParserVariable); "ej.headers" holds the response header lines. */
  parserVariables: Record<string, string>;
  /** Set-Cookie values (setCookie). */
  cookies: string[];
}

export interface RunContext {
  /** The web request of a script run as an endpoint; absent otherwise (the CGI globals see none). */
  web?: WebRequest;
  /** What the script set for its HTTP response. */
  response: WebResponse;
  /** Script output (print/printLine). */
  out(text: string): void;
  /** The run's log (log, logMessage, printDebug). */
  log(text: string): void;
  /** What getVariable/setVariable see. */
  variables: Map<string, string>;
  event: EventState;
  features: RunFeatures;
  /** Struct classes of the running program, by name (getStructMembers, fromXMLNode, ...). */
  structs: Map<string, StructClass>;
  /** Who started the run: 'cli', 'tui', 'daemon', 'trigger', 'http'. */
  source: string;
  user: string;
  /** debugWait/enableDebug hooks; no-ops unless a debug controller is attached. */
  enableDebug(key: string): void;
  debugWait(info: string): void;
  /** Mail sent during the run (Email.send), handed back to the host when the run ends. */
  outbox: OutgoingMail[];
  /** How many mails the run may send (settings: mailsPerRun). */
  mailLimit: number;
  /** Compiled stored scripts this run may start with ScriptCall.run(includeName). */
  scripts: Map<string, CompiledProgram>;
  /** The CRM database (SearchEngine, Ticket, ...); absent when the host attached none. */
  crm?: CrmService;
  /**
   * False when the run's program names no CRM-backed built-in, so the run did not ready the CRM
   * (stdlib/crm-natives.ts): what only may use it (getVariable's session names) then does not.
   */
  crmReady?: boolean;
  /**
   * Told when the thread blocks (sleep, an HTTP request, runProgram) and when it goes on: a traced
   * run saves what it recorded first, so that a run stopped while it waits loses none of it.
   */
  blockingWait?: { before(): void; after(): void };
  /** forceSaveTrace(true) was the last call: a trace kept only on an exception keeps this run's recording too. */
  traceForced?: boolean;
  /** pauseTracing(true) calls not yet matched by pauseTracing(false). */
  tracePauses?: number;
}

export function newEventState(name = '', inputs: Map<string, string> = new Map()): EventState {
  return {
    name,
    type: 0,
    inputs,
    outputs: new Map(),
    state: new Map(),
    message: '',
    blockExecution: false,
    navigateTo: '',
    dialog: null,
    menu: null,
  };
}

export function newRunContext(partial: Partial<RunContext> = {}): RunContext {
  let output = '';
  return {
    out: (t) => {
      output += t;
    },
    log: () => {},
    variables: new Map(),
    event: newEventState(),
    features: { runProgram: false, file: false, http: false },
    structs: new Map(),
    source: 'cli',
    user: '',
    enableDebug: () => {},
    debugWait: () => {},
    outbox: [],
    mailLimit: 100,
    scripts: new Map(),
    response: { parserVariables: {}, cookies: [] },
    ...partial,
    // keep `output` reachable for the default sink
    ...(partial.out ? {} : { get output() { return output; } }),
  } as RunContext;
}

/** The current run. Set by the executor before a run starts (a live binding on purpose). */
// eslint-disable-next-line import-x/no-mutable-exports
export let rt: RunContext = newRunContext();
/** Runs `f`, which blocks the thread, telling the run context (see RunContext.blockingWait). */
export function blocking<T>(f: () => T): T {
  const w = rt.blockingWait;
  w?.before();
  try {
    return f();
  } finally {
    w?.after();
  }
}

export function setRunContext(c: RunContext): void {
  rt = c;
}
