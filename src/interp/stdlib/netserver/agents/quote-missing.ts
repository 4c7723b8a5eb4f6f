// NSQuoteAgent's methods the sandbox cannot give a meaning: the quote version and sale type
// attachments and the quote line configurations need SuperOffice's QuoteVersionAttachment,
// SaleTypeQuoteAttachment and QuoteLineConfiguration tables, which the sandbox does not have yet;
// a product's extra info is XML in a format of the ERP connector's own.
import { lacking, type Methods } from './define.js';

const AGENT = 'NSQuoteAgent';

export const quoteMissing: Methods = {
  ...lacking(AGENT, 'the sandbox CRM has no quote attachments (no QuoteVersionAttachment and SaleTypeQuoteAttachment tables)', [
    'IncludeQuoteVersionAttachment(Integer,Integer,Bool)',
    'ToggleQuoteVersionAttachmentIncluded(Integer)',
    'CreateOrUpdateQuoteVersionAttachments(Integer)',
    'AddSaleTypeQuoteAttachment(Integer,Integer)',
    'DeleteSaleTypeQuoteAttachment(Integer)',
    'ToggleSaleTypeQuoteAttachmentDefaultIncluded(Integer)',
  ]),
  ...lacking(AGENT, 'the sandbox CRM has no quote line configurations (no QuoteLineConfiguration table)', [
    'GetAllQuoteLineConfigurations()',
    'GetInUseQuoteLineConfigurations()',
    'GetQuoteLineConfiguration(Integer)',
    'GetQuoteLineConfigurationFromFieldName(String)',
    'SaveQuoteLineConfiguration(NSQuoteLineConfiguration)',
    'SaveQuoteLineConfigurations(NSQuoteLineConfiguration[])',
  ]),
  ...lacking(AGENT, 'extra info is XML in an ERP connector\'s own format, and the sandbox has no ERP connector', ['GetExtraInfo(String)']),
};
