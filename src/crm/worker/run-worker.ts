// Worker entry of runs: the CRM wiring, then the engine's run worker.
import './attach.js';
import '../../interp/isolation/worker.js';
