// The macro engine's public API (see each module for details).
export {
  ACTION_TYPES,
  OPERATORS,
  ALWAYS,
  findActionType,
  findOperator,
  isAlways,
  paramValue,
  parseValue,
  referenceText,
  newAction,
  moveAction,
  removeAction,
  actionsReferringTo,
  type ActionType,
  type ParamSpec,
  type ResultSpec,
  type OperatorSpec,
  type Reference,
  type ValuePart,
} from './actions.js';
export { generateMacroScript, generateMacroProgram, describeCondition, macroFileName, type GeneratedMacro } from './generate.js';
export { validateMacro, type MacroProblem, type ValidateOptions } from './validate.js';
export { listParameterSources, type ParameterSource, type SourceOptions } from './sources.js';
export { startMacroRun, prepareMacro, type PreparedMacro, type PrepareOptions } from '../run/macro.js';
export { deliverOutbox, type DeliveryReport } from './outbox.js';
