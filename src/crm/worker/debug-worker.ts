// Worker entry of debug runs: the CRM wiring, then the engine's debug worker.
import './attach.js';
import '../../interp/debugger/worker.js';
