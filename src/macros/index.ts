// The macro rules' public API (see each module for details); running a macro is run/macro.ts.
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
export { deliverOutbox, type DeliveryReport } from './outbox.js';
