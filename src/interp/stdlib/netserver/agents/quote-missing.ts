// NSQuoteAgent's methods the sandbox cannot give a meaning: a product's extra info is XML in a
// format of the ERP connector's own, and the sandbox has no ERP connector.
import { lacking, type Methods } from './define.js';

export const quoteMissing: Methods = {
  ...lacking('NSQuoteAgent', 'extra info is XML in an ERP connector\'s own format, and the sandbox has no ERP connector', ['GetExtraInfo(String)']),
};
